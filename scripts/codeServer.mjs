// Installs and starts an isolated, offline code-server (a real VS Code workbench in the browser).
// Shared by `npm start` and the end-to-end tests; see docs/e2e.md and shared/design/vscode-web-e2e.md.
// Run as `node scripts/codeServer.mjs install` to install it into .cache/code-server.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
// code-server 4.100.3 pins @vscode/ripgrep 1.15.11, which downloads this asset from GitHub unless cached.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const INSTALL_DIR = join(REPO, '.cache', 'code-server');
export const CODE_SERVER_BIN = join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');

export function codeServerInstalled() {
  try {
    const pkg = JSON.parse(readFileSync(join(INSTALL_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version === CODE_SERVER_VERSION && existsSync(CODE_SERVER_BIN);
  } catch {
    return false;
  }
}

function findOnPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Installs code-server from npm into .cache/code-server (about 1.5 min; needs `rg` and a C++ toolchain). */
export function installCodeServer() {
  if (codeServerInstalled()) return;
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (`rg`) is not installed. code-server needs it offline: run `bash scripts/e2eSetup.sh` (as root) or `apt-get install ripgrep`.');
  // Seed @vscode/ripgrep's download cache with the system rg, so its postinstall does not call GitHub.
  // A private TMPDIR keeps the seed (and the build's temp files) out of /tmp.
  const tmp = join(REPO, '.cache', 'tmp');
  const seed = join(tmp, 'rgseed');
  const cacheDir = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(seed, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(rg, join(seed, 'rg'));
  execFileSync('tar', ['czf', join(cacheDir, RIPGREP_ASSET), '-C', seed, 'rg']);

  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(join(INSTALL_DIR, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  console.log(`Installing code-server@${CODE_SERVER_VERSION} into ${INSTALL_DIR} (first use only, about 1.5 minutes)...`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: INSTALL_DIR,
    stdio: 'inherit',
    // unsafe_perm: code-server's postinstall refuses to run as root without it.
    // yes: node-pty's postinstall runs `npx node-gyp`, which otherwise stops without a TTY.
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (!codeServerInstalled()) throw new Error(`code-server was not installed into ${INSTALL_DIR}; see the npm output above.`);
}

/** The first free TCP port on 127.0.0.1 from `start` on. */
export async function freePort(start) {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${start}-${start + 99}.`);
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  // The workspaces live inside this repo's .cache; don't ask to open the parent repository.
  'git.openRepositoryInParentFolders': 'never',
};

/** Paths, environment and common arguments of one isolated instance under `runDir` (nothing goes to $HOME). */
export function instance(runDir, port) {
  for (const d of ['data/User', 'exts', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(join(runDir, d), { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_DATA_HOME: join(runDir, 'xdg-data'), XDG_CACHE_HOME: join(runDir, 'xdg-cache') };
  writeFileSync(join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settingsFile = join(runDir, 'data', 'User', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(SETTINGS, null, 2));
  const common = ['--config', join(runDir, 'config.yaml'), '--user-data-dir', join(runDir, 'data'), '--extensions-dir', join(runDir, 'exts')];
  return { env, common, extensionsDir: join(runDir, 'exts') };
}

export function installVsix(inst, vsix) {
  execFileSync(CODE_SERVER_BIN, [...inst.common, '--install-extension', vsix, '--force'], { env: inst.env, stdio: 'pipe' });
}

/** Starts code-server on `folder`; resolves once /healthz answers. `stop()` ends its whole process group. */
export async function startCodeServer(inst, { port, folder, env = {}, logFile }) {
  const args = [...inst.common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', folder];
  // detached: own process group, so stop() also reaches the extension host, the language server and the watcher.
  const child = spawn(CODE_SERVER_BIN, args, { env: { ...inst.env, ...env }, detached: true, stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (logFile) {
    const { createWriteStream } = await import('node:fs');
    const out = createWriteStream(logFile);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited early${logFile ? `; see ${logFile}` : ''}.`);
    try {
      if ((await fetch(`${url}healthz`)).ok) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error('code-server did not answer /healthz within 60 s.');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'install') {
  try {
    installCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} is installed in ${INSTALL_DIR}.`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
