// The one file-walk policy (disk/fileWalk.ts), shared by the editor's index and `datamesh check`:
// folders that are never ours, `datamesh.config.yaml` excludes, and `.gitignore` rules (nested ones
// too). A broken config is reported and the check still runs.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { WorkspaceSymbol } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { checkJson } from '../support/cli';
import { tempWorkspace } from '../support/generated';
import { startServer } from '../support/lspClient';
import { contract } from '../support/mesh';

const T = { timeout: 20_000 };

/** A contract whose id says where it is, so a symbol search shows which files were indexed. */
const at = (path: string) => contract(`c-${path.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);

const KEPT = ['kept.odcs.yaml', 'sub/kept.odcs.yaml'];
const LEFT_OUT = [
  'node_modules/pkg/dep.odcs.yaml',
  '.git/stray.odcs.yaml',
  '.cache/copy.odcs.yaml',
  '.history/kept_20261201.odcs.yaml',
  'generated/gen.odcs.yaml', // datamesh.config.yaml
  'sub/generated/gen.odcs.yaml', // datamesh.config.yaml, relative to its folder
  'build/out.odcs.yaml', // .gitignore
  'sub/build/out.odcs.yaml', // .gitignore (a folder pattern matches at any depth)
  'sub/local.odcs.yaml', // sub/.gitignore
];

/** A project root with its config and ignore files, and one contract in every place the policy decides about. */
function project() {
  const files: Record<string, string> = {
    'datamesh.config.yaml': "exclude:\n  - 'generated/**'\n  - 'sub/generated/**'\n",
    '.gitignore': 'build/\n',
    'sub/.gitignore': 'local.odcs.yaml\n',
  };
  for (const path of [...KEPT, ...LEFT_OUT]) files[path] = at(path);
  return tempWorkspace(files);
}

describe('datamesh check follows the file-walk policy', () => {
  const root = project();

  test('node_modules, .git, .cache and .history are skipped; datamesh.config.yaml excludes and .gitignore files (nested too) are honoured', T, () => {
    const { status, stderr, report } = checkJson(root.dir, '.');
    assert.equal(status, 0, stderr);
    assert.deepEqual(report.files.map((f) => f.path).sort(), KEPT);
    assert.equal(report.summary.meshFiles, KEPT.length);
  });

  test('checking a subfolder finds datamesh.config.yaml above it, and the root .gitignore applies', T, () => {
    const { status, stderr, report } = checkJson(join(root.dir, 'sub'), '.');
    assert.equal(status, 0, stderr);
    assert.deepEqual(report.files.map((f) => f.path), ['kept.odcs.yaml']);
  });
});

describe('the editor index follows the file-walk policy', () => {
  const root = project();
  const server = startServer({ workspaceFolders: [root.uri] });
  before(() => server.initialize(null), T);

  test('the same files as datamesh check are indexed', T, async () => {
    const status = await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
    assert.equal(status.meshFiles, KEPT.length);
    const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'c-' });
    const indexed = symbols.map((s) => s.location.uri.slice(root.uri.length + 1)).sort();
    assert.deepEqual(indexed, KEPT);
  });
});

describe('a broken datamesh.config.yaml', () => {
  const BROKEN = { 'datamesh.config.yaml': 'exclude: [unclosed\n', 'orders.odcs.yaml': `${contract('sales-orders-v1')}descripton: x\n` };

  test('datamesh check says so on stderr in one line and still checks the files', T, () => {
    const root = tempWorkspace(BROKEN);
    const { status, stdout, stderr, report } = checkJson(root.dir, '.');
    assert.match(stderr, /^datamesh: datamesh\.config\.yaml could not be read: [^\n]+\n$/);
    assert.equal(status, 1, stdout);
    assert.deepEqual(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]), [['orders.odcs.yaml', ['schema/unknown-property']]]);
  });

  test('an exclude that is not a list of globs is named', T, () => {
    const root = tempWorkspace({ ...BROKEN, 'datamesh.config.yaml': 'exclude: build/**\n' });
    const { stderr, report } = checkJson(root.dir, '.');
    assert.equal(stderr, "datamesh: datamesh.config.yaml: 'exclude' must be a list of glob patterns.\n");
    assert.equal(report.summary.meshFiles, 1);
  });

  describe('in the editor', () => {
    const root = tempWorkspace(BROKEN);
    const server = startServer({ workspaceFolders: [root.uri] });
    before(() => server.initialize(null), T);

    test('is reported in the log and the folder is still indexed', T, async () => {
      const status = await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
      assert.equal(status.meshFiles, 1);
      assert.match(server.log(), /datamesh\.config\.yaml could not be read: /);
    });
  });
});
