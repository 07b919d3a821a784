// Git's conflict markers: one finding per conflict instead of the parser's and the schema's cascade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, diagnose } from '../support/check';
import { core } from '../support/core';
import { buildMesh, uriOf } from '../support/mesh';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\n';
const CONFLICT = { code: 'yaml/merge-conflict', message: /^Unresolved merge conflict: keep one side \(or combine them\) and delete the <<<<<<<, ======= and >>>>>>> lines\. The file is not checked until then\.$/ };

test('each conflict is one finding, from <<<<<<< through >>>>>>>, and nothing else is reported', () => {
  check(
    `${HEAD}⟦<<<<<<< HEAD\nversion: 1.0.0\nstatus: active\n=======\nversion: 1.1.0\nstatus: draft\n>>>>>>> feature⟧\ndescription:\n  purpose: Orders.\n⟦<<<<<<< HEAD\n  usage: Reports.\n||||||| base\n  usage: None.\n=======\n  usage: Billing.\n>>>>>>> feature/billing⟧\n`,
    [CONFLICT, CONFLICT],
  );
});

test('a conflict without its >>>>>>> line runs to the end of the file; CRLF ends stay out of the range', () => {
  check(`${HEAD}version: 1.0.0\n⟦<<<<<<< HEAD\nstatus: active\n=======\nstatus: draft\n⟧`, [CONFLICT]);
  check(`${HEAD}version: 1.0.0\r\n⟦<<<<<<<\r\nstatus: active\r\n=======\r\nstatus: draft\r\n>>>>>>>⟧\r\nx: 1\r\n`, [CONFLICT]);
});

test('lines that only look like markers are not conflicts', () => {
  // Indented in a block scalar, longer than seven characters, or a lone ======= (a heading underline).
  check(`${HEAD}version: 1.0.0\nstatus: active\ndescription:\n  purpose: |\n    <<<<<<< not at the start\n    =======\n  usage: x\n`, []);
  assert.deepEqual(diagnose(`${HEAD}version: 1.0.0\nstatus: active\n<<<<<<<< eight: x\n`).map((d) => d.code), ['schema/unknown-property']);
});

test('a file that is not ours gets nothing, and a conflicted one is never read quickly', () => {
  assert.deepEqual(diagnose('<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n', 'other.yaml'), []);
  assert.equal(core.quickValidate(`${HEAD}version: 1.0.0\nstatus: active\n<<<<<<< HEAD\n>>>>>>> x\n`, 'test.yaml'), undefined);
});

test('a conflicted file gets no cross-file findings: what its garbled reading references is not worth reporting', () => {
  const mesh = buildMesh({
    'p.odps.yaml': `apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\noutputPorts:\n  - name: out\n    version: 1.0.0\n    contractId: nowhere-v1\n<<<<<<< HEAD\ndescription:\n  purpose: Ours.\n=======\ndescription:\n  purpose: Theirs.\n>>>>>>> feature\n`,
  });
  assert.deepEqual(mesh.service.diagnose(uriOf('p.odps.yaml')).map((d) => d.code), ['yaml/merge-conflict']);
});
