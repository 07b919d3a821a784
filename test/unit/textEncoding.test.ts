// A NUL character or bytes that are not UTF-8 (read as U+FFFD) are reported once each, where they first occur.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, diagnose } from '../support/check';
import { core } from '../support/core';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n';
const NUL = { code: 'yaml/nul-byte', message: /^This file contains a NUL character \(byte 0\), which YAML does not allow/ };
const NOT_UTF8 = { code: 'file/invalid-encoding', message: /^This file is not valid UTF-8: bytes here could not be read and show as \uFFFD\. Save it as UTF-8/ };

test('a NUL character: one finding, at the first one', () => {
  check(`${HEAD}description:\n  purpose: a⟦\0⟧b\0c\n  usage: \0\n`, [NUL]);
});

test('bytes that were not UTF-8: one finding, at the first one', () => {
  // What readFileSync(file, 'utf8') makes of "café" saved as Latin-1.
  const latin1 = Buffer.from('description:\n  purpose: caf\xe9 cr\xe8me\n', 'latin1').toString('utf8');
  check(`${HEAD}${latin1.replace('\uFFFD', '⟦\uFFFD⟧')}`, [NOT_UTF8]);
});

test('both, in text order, next to other findings', () => {
  check(`${HEAD}⟦descripton⟧: ⟦\uFFFD⟧\ntags: [a⟦\0⟧]\n`, [{ code: 'schema/unknown-property' }, NOT_UTF8, NUL]);
});

test('only files of the mesh, and never by the quick read', () => {
  assert.deepEqual(diagnose('a: \0\n', 'other.yaml'), []);
  assert.equal(core.quickValidate(`${HEAD}x: \uFFFD\n`, 'test.yaml'), undefined);
});
