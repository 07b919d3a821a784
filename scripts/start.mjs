// `npm start`: build, then open the sample mesh (examples/) in VS Code with this extension loaded.
// Uses a desktop `code` if there is one; otherwise a local code-server in the browser (offline).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, freePort, installCodeServer, instance, startCodeServer } from './codeServer.mjs';

const examples = join(REPO, 'examples');
execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  const result = spawnSync('code', [`--extensionDevelopmentPath=${REPO}`, examples], { stdio: 'inherit' });
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
console.log(`\nData Mesh Authoring is running in VS Code (code-server) at:\n\n  ${server.url}\n`);
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
