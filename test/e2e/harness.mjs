// Sets up one end-to-end session: the packaged .vsix in a fresh, isolated code-server on a copy of
// examples/, and a headless Debian Chromium driven by playwright-core. Nothing touches $HOME.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CODE_SERVER_BIN, REPO, codeServerInstalled, freePort, installVsix, instance, startCodeServer } from '../../scripts/codeServer.mjs';

export const RUN = join(REPO, '.cache', 'e2e');
export const SHOTS = join(REPO, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Phase timings in seconds, printed at the end. */
export const timings = [];
export async function timed(label, fn) {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([label, (performance.now() - t0) / 1000]);
  }
}

function preflight() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (!codeServerInstalled()) missing.push(`code-server (${CODE_SERVER_BIN})`);
  if (missing.length > 0) throw new Error(`Missing ${missing.join(' and ')}. Run \`bash scripts/e2eSetup.sh\` first (as root, or with sudo).`);
}

/** Builds the .vsix with `npm run package` and returns its path and size. */
function packageVsix() {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const vsix = join(REPO, `${name}-${version}.vsix`);
  rmSync(vsix, { force: true });
  execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  return { vsix, bytes: statSync(vsix).size };
}

/** The workspace: a copy of the sample mesh plus one YAML file that is not part of any mesh. */
function makeWorkspace() {
  const ws = join(RUN, 'ws');
  cpSync(join(REPO, 'examples'), ws, { recursive: true });
  mkdirSync(join(ws, 'notes'), { recursive: true });
  writeFileSync(join(ws, 'notes', 'config.yaml'), 'foo: bar\n');
  // A git repository with the sample committed, so that edits are compared with HEAD (breaking changes).
  const git = (...args) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: ws, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the sample mesh');
  return ws;
}

export async function startSession() {
  preflight();
  rmSync(RUN, { recursive: true, force: true });
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const { vsix, bytes } = await timed('npm run package', () => packageVsix());
  console.log(`# ${vsix.slice(REPO.length + 1)}: ${(bytes / 1024).toFixed(0)} KiB`);
  const ws = makeWorkspace();
  const port = await freePort(8765);
  const inst = instance(RUN, port);
  await timed('install .vsix', () => installVsix(inst, vsix));
  const signalFile = join(RUN, 'extension-signal.log');
  const server = await timed('code-server start', () =>
    startCodeServer(inst, { port, folder: ws, env: { DATAMESH_E2E_LOG: signalFile }, logFile: join(RUN, 'code-server.log') }),
  );
  let context;
  try {
    context = await timed('chromium launch', () =>
      chromium.launchPersistentContext(join(RUN, 'chromium'), {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1600, height: 1000 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        // Chromium writes crash reports and dconf under XDG dirs even with its own profile.
        env: { ...process.env, XDG_CONFIG_HOME: inst.env.XDG_CONFIG_HOME, XDG_CACHE_HOME: inst.env.XDG_CACHE_HOME },
      }),
    );
  } catch (error) {
    server.stop();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const browserLog = [];
  page.on('console', (m) => m.type() === 'error' && browserLog.push(m.text()));
  await timed('workbench load', async () => {
    await page.goto(server.url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  });
  const close = async () => {
    await context.close().catch(() => {});
    server.stop();
    writeFileSync(join(RUN, 'browser-errors.log'), browserLog.join('\n'));
  };
  return { page, ws, signalFile, vsixBytes: bytes, close, serverLogTail };
}

/** The last lines of each window's Data Mesh output log, for a failed check's log. */
function serverLogTail(count = 25) {
  const logs = join(RUN, 'data', 'logs');
  if (!existsSync(logs)) return '';
  return readdirSync(logs, { recursive: true })
    .filter((file) => String(file).endsWith('Data Mesh.log'))
    .map((file) => `${file}:\n${readFileSync(join(logs, file), 'utf8').trimEnd().split('\n').slice(-count).join('\n')}`)
    .join('\n');
}
