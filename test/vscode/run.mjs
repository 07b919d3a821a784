// `npm run test:vscode`: the extension in desktop VS Code (Electron) via @vscode/test-electron.
// That needs a VS Code download from update.code.visualstudio.com (and a display, e.g. xvfb-run, on
// Linux). Offline it says so and fails; `npm run test:e2e` (code-server) covers the same checks.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO } from '../../scripts/codeServer.mjs';

const version = process.env.VSCODE_VERSION ?? 'stable';
const cache = join(REPO, '.cache', 'vscode-test');

let executable;
try {
  // One attempt, bounded: the idle timeout alone would not stop a stalled connection.
  executable = await Promise.race([
    downloadAndUnzipVSCode({ version, cachePath: cache, timeout: 10_000 }),
    new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 30 s')), 30_000).unref()),
  ]);
} catch (error) {
  console.error(`test:vscode cannot run: downloading VS Code ${version} from update.code.visualstudio.com failed (${error.message}).`);
  console.error('It needs that host (machines that reach only the npm registry, like CI here, cannot). Use `npm run test:e2e` (code-server, offline) instead.');
  process.exit(1);
}

const ws = join(cache, 'ws');
rmSync(ws, { recursive: true, force: true });
cpSync(join(REPO, 'examples'), ws, { recursive: true });
mkdirSync(join(ws, 'notes'), { recursive: true });
writeFileSync(join(ws, 'notes', 'config.yaml'), 'foo: bar\n');

try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'test', 'vscode', 'suite.cjs'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(cache, 'user-data')}`],
  });
} catch (error) {
  console.error(`test:vscode failed: ${error.message}`);
  process.exit(1);
}
