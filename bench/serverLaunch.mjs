// How the benchmarks start a server: one of our builds as the extension starts it
// (client/src/languageClient.ts), with the V8 flags and environment of the serverLaunch.json beside
// it (protocol/serverLaunch.json, copied by esbuild.mjs); a build from before that file, and any other
// server, plainly.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The launch of the server script `bin`: `{ execArgv, env }`. */
export function launchOf(bin) {
  const file = join(dirname(bin), 'serverLaunch.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { execArgv: [], env: {} };
}

/** Spawns `node <flags> bin ...args` with this Node binary, as `launchOf(bin)` says. */
export function spawnServer(bin, args, options = {}) {
  const { execArgv, env } = launchOf(bin);
  return spawn(process.execPath, [...execArgv, bin, ...args], { ...options, env: { ...process.env, ...env } });
}
