// The analysis worker sends, with a file's facts, where the paths they name are in its text, so that
// the main thread places cross-file findings without reading the file again. Those spans must place
// every finding exactly where a fresh read does. And the facts it sends, when equal to the ones the
// index holds (a file opened as it is on disk), are not kept twice.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { type Analysis, createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { FileHandle } from '../../server/src/core/fileHandle';

const EXAMPLES = join(__dirname, '../../../examples');

function meshFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? meshFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

// The sample mesh, and a product whose references name nothing (so there are findings to place).
const FILES: Record<string, string> = {
  ...Object.fromEntries(meshFiles(EXAMPLES).map((path) => [`file:///mesh/${relative(EXAMPLES, path)}`, readFileSync(path, 'utf8')])),
  'file:///mesh/extra/orphan.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: orphan
status: active
domain: nowhere
inputPorts:
  - name: in
    version: v1.0.0
    contractId: "no-such-contract"
outputPorts:
  - name: out
    version: v1.0.0
    contractId: 'neither-this-one'
`,
};

/** Every file open in a service of its own, analyzed as the worker does and adopted, with or without its spans. */
function openAll(withSpans: boolean, alter?: (spans: NonNullable<Analysis['spans']>) => void): LanguageService {
  const worker = createLanguageService();
  const service = createLanguageService({ analyzedElsewhere: () => true });
  for (const [uri, text] of Object.entries(FILES)) {
    const handle = service.setDocument(uri, text, 1);
    // Through JSON, as the worker's reply comes.
    const analysis = JSON.parse(JSON.stringify(worker.analyze(text, uri.slice('file:///mesh/'.length), uri))) as Analysis;
    if (!withSpans) delete analysis.spans;
    else if (alter && analysis.spans) alter(analysis.spans);
    handle.adopt(analysis);
  }
  service.setIndexComplete(true);
  return service;
}

test("findings placed by the worker's spans are where a fresh read places them", () => {
  const adopted = openAll(true);
  const fresh = openAll(false);
  let crossFile = 0;
  for (const uri of Object.keys(FILES)) {
    const mine = adopted.diagnose(uri);
    assert.deepEqual(mine, fresh.diagnose(uri), uri);
    crossFile += mine.filter((d) => d.code.startsWith('mesh/') || d.code.startsWith('glossary/')).length;
  }
  assert.ok(crossFile >= 2, `expected cross-file findings to compare, got ${crossFile}`);
});

test('the spans are what places them: moved spans move the findings (so the comparison above is not idle)', () => {
  const moved = openAll(true, (spans) => {
    for (let i = 0; i < spans.length; i += 2) if (spans[i]! >= 0) spans.splice(i, 2, 0, 3);
  });
  const findings = moved.diagnose('file:///mesh/extra/orphan.odps.yaml').filter((d) => d.code === 'mesh/unresolved-reference');
  assert.ok(findings.length >= 2, JSON.stringify(findings));
  for (const d of findings) assert.equal(d.start, 0, d.message);
});

test("the worker's spans name each link's value and each entity's name, as written", () => {
  const text = FILES['file:///mesh/extra/orphan.odps.yaml']!;
  const { facts, spans } = createLanguageService().analyze(text, 'orphan.odps.yaml', 'file:///mesh/extra/orphan.odps.yaml');
  const written: string[] = [];
  for (let i = 0; spans && i < spans.length; i += 2) if (spans[i]! >= 0) written.push(text.slice(spans[i], spans[i + 1]));
  for (const link of facts.links) assert.ok(written.some((w) => w === link.text || w.slice(1, -1) === link.text), `${link.text} in ${written.join(', ')}`);
  assert.ok(written.includes('orphan'), written.join(', '));
  assert.ok(written.includes('"no-such-contract"') && written.includes("'neither-this-one'"), written.join(', '));
});

test('a text the quick read declines (a tag) sends no spans: the main thread places its findings as before', () => {
  const text = 'apiVersion: v1.0.0\nkind: DataProduct\nid: &me tagged\nstatus: active\ninputPorts:\n  - name: in\n    version: v1.0.0\n    contractId: !!str missing\n';
  const analysis = createLanguageService().analyze(text, 'tagged.odps.yaml', 'file:///mesh/tagged.odps.yaml');
  assert.equal(analysis.spans, undefined);
});

test('a document opened as it is on disk shares the facts the index holds; an edit that changes them does not', () => {
  const [uri, text] = Object.entries(FILES).find(([u]) => u.endsWith('.odcs.yaml'))!;
  const worker = createLanguageService();
  const service = createLanguageService({ analyzedElsewhere: () => true });
  const disk = service.setFileText(uri, text)!;
  const open = (version: number, body: string) => {
    const handle = service.setDocument(uri, body, version);
    handle.adopt(JSON.parse(JSON.stringify(worker.analyze(body, 'c.odcs.yaml', uri))) as Analysis);
    service.diagnose(uri);
    assert.ok(handle instanceof FileHandle);
    return handle;
  };
  // One copy in memory: the document holds the index's registered facts, not the equal copy the worker sent.
  assert.equal(open(1, text).facts, disk);
  assert.equal(service.indexedFacts(uri), disk);
  open(2, text.replace(/^id: .*$/m, 'id: renamed-in-the-editor'));
  const edited = service.indexedFacts(uri)!;
  assert.notEqual(edited, disk);
  assert.ok(edited.entities.some((e) => e.kind === 'contract' && e.name === 'renamed-in-the-editor'), JSON.stringify(edited.entities[0]));
});
