// Half-typed documents are the normal case in an editor. Every mesh feature, at every kind of
// position, on thousands of damaged versions of the sample mesh's files, answers without throwing,
// and what it answers stays inside the texts it talks about.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildMesh, uriOf } from '../support/mesh';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const FILES = (readdirSync(EXAMPLES, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('broken')).map((f) => f.replaceAll('\\', '/'));
// Deterministic damage, so a failure can be reproduced from its seed.
const SEED = 20261127;
const VERSIONS_PER_FILE = 40;
const POSITIONS_PER_VERSION = 6;

function random(seed: number) {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

/** What typing does to a file halfway: cut it off, drop or repeat a piece, break an indentation, type a stray character. */
function damage(text: string, pick: (n: number) => number): string {
  const at = Math.floor(pick(text.length));
  const length = Math.floor(pick(40));
  switch (Math.floor(pick(6))) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + length);
    case 2:
      return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
    case 3:
      return text.slice(0, at) + ['  ', '\t', '- ', ': ', '#', '"', "'", '[', '{', '&a ', '*a', '\n'][Math.floor(pick(12))] + text.slice(at);
    case 4:
      return text.replace(/contractId: \S+/, `contractId: ${text.slice(at, at + 5)}`);
    default:
      return text.slice(0, at) + text.slice(at).replace(/\n {2}/, '\n   ');
  }
}

test('every mesh feature answers on damaged documents without throwing', () => {
  const originals = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]));
  const mesh = buildMesh(originals);
  const { service } = mesh;
  const pick = random(SEED);
  let requests = 0;
  for (const file of FILES) {
    const uri = uriOf(file);
    for (let version = 0; version < VERSIONS_PER_FILE; version++) {
      const text = damage(originals[file]!, pick);
      mesh.open(file, text.replaceAll('‸', '').replaceAll('⟦', '').replaceAll('⟧', ''));
      const document = mesh.document(file);
      const context = `${file}, version ${version} (seed ${SEED})`;
      const within = (span: readonly number[], length: number, what: string) => assert.ok(span[0]! >= 0 && span[0]! <= span[1]! && span[1]! <= length, `${what} out of range in ${context}`);
      for (const d of service.diagnose(uri)) within([d.start, d.end], document.text.length, d.code);
      for (const item of service.documentSymbols(uri)) within(item.span, document.text.length, 'symbol');
      for (const lens of service.codeLenses(uri)) within(lens.span, document.text.length, 'code lens');
      for (let p = 0; p < POSITIONS_PER_VERSION; p++) {
        const offset = Math.floor(pick(document.text.length + 1));
        for (const location of [...service.findDefinition(uri, offset), ...service.findReferences(uri, offset, true)]) {
          within(location.span, mesh.document(location.uri.slice('file:///m/'.length)).text.length, 'location');
        }
        const hover = service.hover(uri, offset);
        if (hover) within(hover.span, document.text.length, 'hover');
        const prepared = service.prepareRename(uri, offset);
        if (prepared && !('refused' in prepared)) {
          const edits = service.rename(uri, offset, 'renamed-id');
          assert.ok(edits, `rename after a successful prepare answers, in ${context}`);
        }
        service.nodeAt(uri, offset);
        requests++;
      }
      mesh.close(file);
    }
  }
  assert.ok(service.lineage());
  assert.equal(requests, FILES.length * VERSIONS_PER_FILE * POSITIONS_PER_VERSION);
});
