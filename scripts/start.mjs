// `npm start`: build, then open the sample mesh (examples/) in VS Code with this extension loaded,
// with a contract open; the extension opens its walkthrough beside it on its first run in a profile.
// Uses a desktop `code` if there is one; otherwise a local code-server in the browser (offline).
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, freePort, installCodeServer, instance, startCodeServer } from './codeServer.mjs';

const examples = join(REPO, 'examples');
// A contract with producers and consumers: code lenses and lineage hovers to see at once.
const contract = join(examples, 'sales', 'sales-orders-v1.odcs.yaml');
execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  // A folder and a file in it: the file opens in the folder's window.
  const result = spawnSync('code', [`--extensionDevelopmentPath=${REPO}`, examples, contract], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

try {
  installCodeServer();
} catch (error) {
  console.error(`\nnpm start: no \`code\` on PATH, and code-server could not be set up:\n  ${error.message}`);
  process.exit(1);
}

// A persistent dev profile under .cache/dev, so layout and open editors survive restarts.
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const port = await freePort(8080);
const inst = instance(join(REPO, '.cache', 'dev'), port);
const prefix = `${pkg.publisher}.${pkg.name}-`;
for (const name of readdirSync(inst.extensionsDir).filter((n) => n.startsWith(prefix))) {
  const old = join(inst.extensionsDir, name);
  // unlink a symlink itself; never recurse into the repo it points at
  if (lstatSync(old).isSymbolicLink()) unlinkSync(old);
  else rmSync(old, { recursive: true, force: true });
}
// A folder install: the repo itself, so `npm run build` + "Developer: Reload Window" picks up changes.
symlinkSync(REPO, join(inst.extensionsDir, `${prefix}${pkg.version}`));

const server = await startCodeServer(inst, { port, folder: examples });
// code-server opens no file given on its command line; VS Code for the web opens the `openFile` of
// the URL's `payload` (a vscode-remote URI, whose authority is the host the browser asks).
const fileUri = `vscode-remote://127.0.0.1:${port}${contract}`;
const url = `${server.url}?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify([['openFile', fileUri]]))}`;
console.log(`\nData Mesh Authoring is running in VS Code (code-server) at:\n\n  ${url}\n`);
console.log('After `npm run build`, run "Developer: Reload Window" to load the new bundles. Ctrl+C stops it.');

const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.error(`code-server exited (${code ?? 'signal'}).`);
  process.exit(code ?? 1);
});
