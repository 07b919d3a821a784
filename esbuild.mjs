// One bundle per entry point (client, server, command line), plus the tests, which are bundled
// so that they run on plain `node --test` without a TypeScript loader.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: production ? false : 'linked', logLevel: 'warning', minify: production };

function testEntries(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

rmSync('out/test', { recursive: true, force: true });

// Every bundled schema compiled ahead of time (server/src/core/schema/precompiledSchemas.ts): the
// generator runs here, its modules are bundled into dist/validators/ (with the bits of ajv's runtime
// they require), and the server, its worker and the command line load each on first use.
await build({ ...common, sourcemap: false, entryPoints: { precompiledSchemas: 'server/src/core/schema/precompiledSchemas.ts' }, outdir: 'out/tools' });
const { precompiledModules } = createRequire(import.meta.url)(resolve('out/tools/precompiledSchemas.js'));
rmSync('out/validators', { recursive: true, force: true });
mkdirSync('out/validators', { recursive: true });
for (const { fileName, code } of precompiledModules()) writeFileSync(join('out/validators', fileName), code);
rmSync('dist/validators', { recursive: true, force: true });

// The server, its worker and the command line are minified in every build, as they ship, so the tests
// and the benchmarks run what users run. Unminified, the bundle keeps comments of its dependencies
// with non-ASCII letters, and V8 holds the whole source as a two-byte string: 4 MB on each thread
// instead of 1 MB.
const serverSide = { ...common, minify: true, define: { __VERSION__: JSON.stringify(version) } };

const builds = [
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...serverSide, entryPoints: { server: 'server/src/main.ts', analysisWorker: 'server/src/analysis/analysisWorker.ts' }, outdir: 'dist' }),
  build({ ...serverSide, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, sourcemap: false, minify: true, entryPoints: readdirSync('out/validators').map((f) => join('out/validators', f)), outdir: 'dist/validators' }),
  // The graph webview: a browser bundle, its style sheet and elkjs's worker, in a folder of their own
  // (the panel's only localResourceRoot).
  build({ ...common, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: { graph: 'webview/src/main.ts' }, outdir: 'dist/webview' }),
  // The browser tests' stand-in page, for bench/graph.mjs too.
  build({ ...common, entryPoints: { graphPage: 'test/browser/graphPage.ts' }, outdir: 'out/bench', packages: 'external' }),
  build({ ...common, entryPoints: ['unit', 'slow', 'lsp', 'browser'].flatMap((tier) => testEntries(`test/${tier}`)), outdir: 'out/test', outbase: 'test', packages: 'external', sourcemap: 'inline' }),
];
mkdirSync('dist/webview', { recursive: true });
copyFileSync('webview/graph.css', 'dist/webview/graph.css');
// How to start dist/server.js (V8 flags, environment): the client bundles it, other clients and the
// benchmark read this copy beside the server they start.
copyFileSync('protocol/serverLaunch.json', 'dist/serverLaunch.json');
copyFileSync('node_modules/elkjs/lib/elk-worker.min.js', 'dist/webview/elkWorker.js');
await Promise.all(builds);
