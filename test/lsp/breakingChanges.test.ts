// Breaking changes in the editor: the server compares an open contract with its version at the git base
// (`dataMesh.breakingChanges.base`, HEAD by default), in a temporary repository built by the test with
// git itself. Git runs only in a trusted workspace; without a repository there is nothing, and no crash.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import type { IndexStatus } from '../../protocol/protocol';
import { GitBaseTexts, GitDidNotAnswer, runGit } from '../../server/src/disk/gitBaseTexts';
import { ORDER_ID_AND_EMAIL as BOTH, ORDER_ID as ONE, ordersContract as contract, REVENUE_CONSUMER as CONSUMER } from '../support/breakingFixtures';
import type { BaseText, LanguageService } from '../../server/src/core/languageService';
import { BreakingBases } from '../../server/src/lsp/breakingBases';
import type { OpenDocuments } from '../../server/src/lsp/openDocuments';
import { startServer } from '../support/lspClient';

const T = { timeout: 60_000 };
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(withGit: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-breaking-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'mesh'));
  writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('1.2.0', BOTH));
  writeFileSync(join(dir, 'mesh', 'revenue.odps.yaml'), CONSUMER);
  if (withGit) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 'test');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
  }
  return dir;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
const breaking = (params: PublishDiagnosticsParams): Diagnostic[] => params.diagnostics.filter((d) => String(d.code).startsWith('breaking/'));
const hasBreaking = (severity: number) => (params: PublishDiagnosticsParams) => breaking(params).some((d) => d.severity === severity);

describe('breaking changes against the git base, as you type', () => {
  const dir = folder(true);
  const uri = pathToFileURL(join(dir, 'mesh', 'orders.odcs.yaml')).href;
  const server = startServer();

  test('removing a consumed column: a breaking/column-removed warning naming the product, with its location', T, async () => {
    await server.initialize(pathToFileURL(dir).href);
    await server.open(uri, contract('1.2.0', ONE));
    const published = await server.waitForDiagnostics(uri, hasBreaking(2), 20_000);
    const [d] = breaking(published);
    assert.equal(d!.code, 'breaking/column-removed');
    assert.match(d!.message, /^Breaking schema change against HEAD: The column 'orders\.email' was removed \(or renamed\)\. It breaks revenue\. Bump the version to 2\.0\.0\./);
    assert.equal(d!.source, 'Data Mesh breaking change');
    assert.equal(d!.range.start.line, 7, 'on the properties key of the table');
    assert.deepEqual(d!.relatedInformation?.map((r) => [r.location.uri.endsWith('/mesh/revenue.odps.yaml'), r.location.range.start.line, r.message]), [[true, 2, 'revenue depends on it']]);
  });

  test('undoing the change (the committed text again): the warning goes', T, async () => {
    await server.change(uri, contract('1.2.0', BOTH), 2);
    await server.waitForDiagnostics(uri, (p) => p.version === 2 && breaking(p).length === 0, 20_000);
    await server.change(uri, contract('1.2.0', ONE), 3);
    await server.waitForDiagnostics(uri, hasBreaking(2), 20_000);
  });

  test('bumping the major version: the same change as information', T, async () => {
    await server.change(uri, contract('2.0.0', ONE), 4);
    const published = await server.waitForDiagnostics(uri, hasBreaking(3), 20_000);
    assert.deepEqual(breaking(published).map((d) => [d.code, d.severity]), [['breaking/column-removed', 3]]);
  });

  test('HEAD moves (the change committed): nothing is breaking any more against the new base', T, async () => {
    writeFileSync(join(dir, 'mesh', 'orders.odcs.yaml'), contract('2.0.0', ONE));
    git(dir, 'commit', '-q', '-am', 'remove email');
    await server.waitForDiagnostics(uri, (p) => breaking(p).length === 0, 20_000);
  });
});

describe('breaking changes of closed files, in the Problems panel', () => {
  const dir = folder(true);
  const orders = join(dir, 'mesh', 'orders.odcs.yaml');
  const uri = pathToFileURL(orders).href;
  const server = startServer({ pull: true, refreshSupport: true, watchedFiles: true, settings: { dataMesh: { diagnostics: { scope: 'workspace' } } } });
  const findings = (report: WorkspaceDiagnosticReport) => {
    const item = report.items.find((i) => i.uri === uri);
    return item?.kind === 'full' ? item.items.filter((d) => String(d.code).startsWith('breaking/')) : undefined;
  };
  const codes = (report: WorkspaceDiagnosticReport) => findings(report)?.map((d) => d.code);
  const pullUntil = async (predicate: (report: WorkspaceDiagnosticReport) => boolean) => {
    const deadline = Date.now() + 20_000;
    for (let previous: { uri: string; value: string }[] = []; ; ) {
      const report = await server.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'dataMesh', previousResultIds: previous });
      if (predicate(report)) return report;
      assert.ok(Date.now() < deadline, `no such report: ${JSON.stringify(report.items.map((i) => [i.uri, i.kind === 'full' ? i.items.map((d) => d.code) : 'unchanged']))}`);
      previous = report.items.flatMap((i) => (i.kind === 'full' && i.resultId ? [{ uri: i.uri, value: i.resultId }] : []));
    }
  };

  test('a contract changed on disk and never opened gets the warning, naming its consumer; committing it clears it', T, async () => {
    writeFileSync(orders, contract('1.2.0', ONE));
    await server.initialize(pathToFileURL(dir).href);
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready', 20_000);
    const report = await pullUntil((r) => codes(r)?.length === 1);
    const [finding] = findings(report)!;
    assert.equal(finding!.code, 'breaking/column-removed');
    assert.match(finding!.message, /It breaks revenue\./);
    // Opened and closed again (its base is the open document's for a while): closed, it still has the warning.
    await server.open(uri, contract('1.2.0', ONE));
    await server.close(uri);
    await pullUntil((r) => codes(r)?.length === 1);
    git(dir, 'commit', '-q', '-am', 'remove email');
    await pullUntil((r) => codes(r)?.length === 0);
  });
});

describe('no git base', () => {
  test('a folder outside any repository: no breaking change, no crash, one log line', T, async () => {
    const dir = folder(false);
    const uri = pathToFileURL(join(dir, 'mesh', 'orders.odcs.yaml')).href;
    const server = startServer();
    await server.initialize(pathToFileURL(dir).href);
    await server.open(uri, contract('1.2.0', ONE));
    await server.waitForDiagnostics(uri, undefined, 20_000);
    await server.notify('textDocument/didSave', { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(server.published(uri).flatMap(breaking), []);
    assert.equal(server.log().match(/is not inside a git repository/g)?.length, 1, server.log());
    assert.ok(await server.request('textDocument/documentSymbol', { textDocument: { uri } }), 'still answering');
  });

  test('an untrusted workspace runs no git until the client says it is trusted', T, async () => {
    const dir = folder(true);
    const uri = pathToFileURL(join(dir, 'mesh', 'orders.odcs.yaml')).href;
    const server = startServer({ initializationOptions: { workspaceTrusted: false } });
    await server.initialize(pathToFileURL(dir).href);
    await server.open(uri, contract('1.2.0', ONE));
    await server.waitForDiagnostics(uri, undefined, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(server.published(uri).flatMap(breaking), []);
    await server.notify('dataMesh/workspaceTrusted');
    await server.waitForDiagnostics(uri, hasBreaking(2), 20_000);
  });

  test('an empty dataMesh.breakingChanges.base turns the comparison off', T, async () => {
    const dir = folder(true);
    const uri = pathToFileURL(join(dir, 'mesh', 'orders.odcs.yaml')).href;
    const server = startServer({ settings: { dataMesh: { breakingChanges: { base: '' } } } });
    await server.initialize(pathToFileURL(dir).href);
    await server.open(uri, contract('1.2.0', ONE));
    await server.waitForDiagnostics(uri, undefined, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(server.published(uri).flatMap(breaking), []);
    await server.configure({ dataMesh: { breakingChanges: { base: 'HEAD' } } });
    await server.waitForDiagnostics(uri, hasBreaking(2), 20_000);
  });
});

describe('BreakingBases', () => {
  test('git that does not answer is asked again a little later, and the base it then gives reaches the core', T, async () => {
    const uri = 'file:///mesh/orders.odcs.yaml';
    const text = contract('1.3.0', ONE);
    const given: (BaseText | undefined)[] = [];
    const errors: string[] = [];
    let asked = 0;
    const git = {
      refresh() {},
      textAt: () => (++asked === 1 ? Promise.reject(new GitDidNotAnswer(['show'], new Error('timed out'))) : Promise.resolve({ ref: 'HEAD', text: contract('1.2.0', BOTH) })),
    } as unknown as GitBaseTexts;
    const open = { documents: { get: () => ({ uri, getText: () => text }), all: () => [] }, indexUri: (u: string) => u, isOpen: () => true } as unknown as OpenDocuments;
    const service = { setBaseText: (_uri: string, base: BaseText | undefined) => given.push(base) } as unknown as LanguageService;
    let changed = 0;
    const bases = new BreakingBases(service, open, git, { error: (m) => errors.push(m) }, () => changed++);
    bases.update(uri);
    const deadline = Date.now() + 10_000;
    while (given.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(asked, 2, 'git asked twice');
    assert.deepEqual(given, [{ ref: 'HEAD', text: contract('1.2.0', BOTH) }]);
    assert.equal(changed, 1);
    assert.match(errors.join('\n'), /did not answer: timed out; .* keeps its base, asking again in 3 s/);
  });
});

describe('GitBaseTexts', () => {
  test('without a git binary the feature is off: one log line, and git is not tried again', T, async () => {
    const logs: string[] = [];
    let runs = 0;
    const texts = new GitBaseTexts((m) => logs.push(m), () => {}, () => {
      runs++;
      return Promise.reject(Object.assign(new Error('spawn git ENOENT'), { code: 'ENOENT' }));
    });
    // Git is asked only where a `.git` says there is a repository.
    const root = mkdtempSync(join(tmpdir(), 'datamesh-nogit-'));
    mkdirSync(join(root, '.git'));
    assert.equal(await texts.textAt(join(root, 'x', 'a.odcs.yaml'), 'HEAD'), undefined);
    assert.equal(await texts.textAt(join(root, 'y', 'b.odcs.yaml'), 'HEAD'), undefined);
    rmSync(root, { recursive: true, force: true });
    assert.equal(runs, 1);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /git is not installed/);
  });

  test('git that does not answer (a timeout) leaves nothing remembered: the next read asks again and gets the text', T, async () => {
    const dir = folder(true);
    let timeOut = true;
    const texts = new GitBaseTexts(() => {}, () => {}, (args, cwd) => {
      if (timeOut && args[0] === 'show') return Promise.reject(Object.assign(new Error('git show timed out'), { killed: true, signal: 'SIGTERM' }));
      return runGit(args, cwd);
    });
    try {
      const file = join(dir, 'mesh', 'orders.odcs.yaml');
      await assert.rejects(texts.textAt(file, 'HEAD'), GitDidNotAnswer);
      timeOut = false;
      assert.deepEqual(await texts.textAt(file, 'HEAD'), { ref: 'HEAD', text: contract('1.2.0', BOTH) });
    } finally {
      texts.dispose();
    }
  });

  test('a ref git could read as an option is refused; a ref that is not a commit gets nothing; a new file gets nothing', T, async () => {
    const dir = folder(true);
    const logs: string[] = [];
    const texts = new GitBaseTexts((m) => logs.push(m), () => {});
    try {
      assert.equal(await texts.textAt(join(dir, 'mesh', 'orders.odcs.yaml'), '--output=/tmp/x'), undefined);
      assert.equal(await texts.textAt(join(dir, 'mesh', 'orders.odcs.yaml'), 'no-such-branch'), undefined);
      assert.match(logs.join('\n'), /'no-such-branch' \(dataMesh\.breakingChanges\.base\) is not a commit/);
      writeFileSync(join(dir, 'mesh', 'new.odcs.yaml'), contract('1.0.0', ONE));
      assert.equal(await texts.textAt(join(dir, 'mesh', 'new.odcs.yaml'), 'HEAD'), undefined);
      assert.deepEqual(await texts.textAt(join(dir, 'mesh', 'orders.odcs.yaml'), 'HEAD'), { ref: 'HEAD', text: contract('1.2.0', BOTH) });
    } finally {
      texts.dispose();
    }
  });
});
