// A seeded fuzz through the real server (dist/server.js --stdio), in push and in pull mode: the sample
// mesh and some official examples are opened and edited at random (snippets, prefixes of the file,
// deleted characters and lines, duplicated lines), with hover, definition, references, symbols, code
// lenses and diagnostics requested in between and some requests cancelled. Short in `npm test`;
// long with `npm run fuzz` (or `node out/test/lsp/serverFuzz.test.js --long [--seed N] [--steps N]`,
// or FUZZ_SEED / FUZZ_STEPS). The seed is in every test's name: the edits and requests replay from it,
// their timing does not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { Random } from '../support/fuzzEdits';
import { repoRoot, startServer } from '../support/lspClient';
import { type FuzzDocument, type FuzzRun, fuzzServer, openAll, quiet, settle } from '../support/serverFuzz';

const { values: args } = parseArgs({ args: process.argv.slice(2), options: { long: { type: 'boolean' }, seed: { type: 'string' }, steps: { type: 'string' } }, strict: false });
const long = args.long === true;
const SEED = Number(args.seed ?? process.env.FUZZ_SEED ?? (long ? Math.floor(Math.random() * 2 ** 32) : 20261128));
const STEPS = Number(args.steps ?? process.env.FUZZ_STEPS ?? (long ? 4000 : 150));
const FIXTURES = long ? 24 : 6;
const ANSWER_MS = 1000;
const RUN_TIMEOUT = { timeout: 60_000 + STEPS * 100 };

const EXAMPLES = join(repoRoot, 'examples');
const STANDARDS = join(repoRoot, 'test', 'fixtures', 'standards');
const yamlFiles = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => join(dir, f));

/** The whole sample mesh and a seeded choice of official examples; the long run also the largest (192 KB, slow to analyze). */
function documents(random: Random): { uri: string; text: string }[] {
  const standards = yamlFiles(STANDARDS);
  const chosen = new Set<string>(long ? [join(STANDARDS, 'odcs/examples/all/postgresql-adventureworks-contract.odcs.yaml')] : []);
  while (chosen.size < Math.min(FIXTURES, standards.length)) chosen.add(random.pick(standards));
  return [...yamlFiles(EXAMPLES), ...chosen].map((file) => ({ uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') }));
}

/** Every diagnostic's range lies inside `text`. */
function outside(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (p: { line: number; character: number }) => p.line < lines.length && p.character <= lines[p.line]!.length;
  return diagnostics.filter((d) => !inside(d.range.start) || !inside(d.range.end));
}

const items = (report: DocumentDiagnosticReport) => (report.kind === 'full' ? report.items : []);

for (const pull of [false, true]) {
  const mode = pull ? 'pull' : 'push';
  describe(`server fuzz, ${mode} diagnostics (seed ${SEED}, ${STEPS} steps${long ? ', long' : ''})`, () => {
    const server = startServer({ pull, workspaceFolders: [pathToFileURL(EXAMPLES).href] });
    let run: FuzzRun;
    /** Per document: the last diagnostics published, those of its final version, and the same text's sent again as a new version. */
    const finals = new Map<string, { last: PublishDiagnosticsParams | undefined; ofFinalVersion: Diagnostic[] | undefined; again: Diagnostic[] | undefined }>();
    const replay = `replay: FUZZ_SEED=${SEED} FUZZ_STEPS=${STEPS} npm run fuzz`;

    /**
     * A document's diagnostics at `version`: in pull mode what a pull gives; in push mode the last
     * push of that version, or none for a file the server does not count as ours (nothing pushed for
     * it, or an empty set last), and undefined when a file with findings got no push of that version.
     */
    async function diagnosticsAt(doc: FuzzDocument, version: number): Promise<Diagnostic[] | undefined> {
      if (pull) return items(await server.pullDiagnostics(doc.uri));
      const published = server.published(doc.uri).slice(doc.publishedFrom);
      const labelled = published.filter((p) => p.version === version).at(-1);
      if (labelled) return labelled.diagnostics;
      return (published.at(-1)?.diagnostics.length ?? 0) === 0 ? [] : undefined;
    }

    before(async () => {
      await server.initialize(pathToFileURL(EXAMPLES).href);
      const random = new Random(SEED);
      const opened = await openAll(server, documents(random));
      // Requests right after opening some 30 documents wait seconds for their analysis; the fuzz times edits.
      await settle(server, pull, opened);
      run = await fuzzServer(server, random, opened, STEPS, pull);
      if (run.died) return;
      await quiet(server, 1000, 20_000);
      const ofFinalVersion = new Map<string, Diagnostic[] | undefined>();
      for (const doc of run.documents) ofFinalVersion.set(doc.uri, await diagnosticsAt(doc, doc.version));
      for (const doc of run.documents) await server.change(doc.uri, doc.text, ++doc.version);
      await quiet(server, 1000, 20_000);
      for (const doc of run.documents) {
        finals.set(doc.uri, { last: server.published(doc.uri).slice(doc.publishedFrom).filter((p) => p.version !== doc.version).at(-1), ofFinalVersion: ofFinalVersion.get(doc.uri), again: await diagnosticsAt(doc, doc.version) });
      }
    }, RUN_TIMEOUT);

    test(`the server never dies (seed ${SEED})`, () => {
      assert.equal(run.died, undefined, `${run.died}\n${replay}\nlast steps:\n${run.steps.slice(-15).join('\n')}\n${server.log().slice(-3000)}`);
      assert.equal(server.child.exitCode, null);
    });

    test(`every request is answered within ${ANSWER_MS} ms, with a result or (cancelled) RequestCancelled (seed ${SEED})`, () => {
      const wrong = run.requests.filter((r) => r.outcome === 'no answer' || r.outcome === 'error' || (r.outcome === 'cancelled' && r.cancel === 'none') || r.ms > ANSWER_MS);
      const show = wrong.slice(0, 10).map((r) => `step ${r.step}: ${r.method} ${r.uri} → ${r.outcome}${r.error ? ` (${r.error})` : ''} in ${Math.round(r.ms)} ms${r.cancel === 'none' ? '' : `, cancelled ${r.cancel}`}`);
      assert.deepEqual(show, [], `${wrong.length} of ${run.requests.length} requests\n${replay}`);
    });

    // Known bug (runSafe): a request cancelled before it runs is answered with the neutral result.
    test(`a request cancelled as soon as it is sent is answered RequestCancelled (-32800) (seed ${SEED})`, () => {
      const atOnce = run.requests.filter((r) => r.cancel === 'at once');
      const counts = (['result', 'cancelled', 'error', 'no answer'] as const).map((o) => `${o}: ${atOnce.filter((r) => r.outcome === o).length} (empty results: ${atOnce.filter((r) => r.outcome === o && r.empty).length})`);
      assert.ok(atOnce.length === 0 || atOnce.some((r) => r.outcome === 'cancelled'), `${atOnce.length} requests cancelled at once, none answered -32800: ${counts.join(', ')}\n${replay}`);
    });

    if (!pull) {
      test(`published diagnostics never go back to an older version of a document (seed ${SEED})`, () => {
        const backwards: string[] = [];
        for (const doc of run.documents) {
          const versions = server.published(doc.uri).slice(doc.publishedFrom).map((p) => p.version);
          for (let i = 1; i < versions.length; i++) if (typeof versions[i] === 'number' && (versions[i]! as number) < (versions[i - 1] ?? 0)) backwards.push(`${doc.uri}: v${versions[i]} after v${versions[i - 1]}`);
        }
        assert.deepEqual(backwards.slice(0, 10), [], `${backwards.length} times\n${replay}`);
      });

      test(`after the last edit, the last diagnostics published for each document are of its final version (seed ${SEED})`, () => {
        const stale = run.documents.flatMap((doc) => {
          const final = doc.version - 1;
          const last = finals.get(doc.uri)?.last;
          // No push of the final version is right only for a file that is not ours, whose last push was empty.
          const finalPushed = server.published(doc.uri).slice(doc.publishedFrom).some((p) => p.version === final);
          const right = last === undefined || last.version === final || (!finalPushed && last.diagnostics.length === 0);
          return right ? [] : [`${doc.uri}: last published v${last.version} (${last.diagnostics.length} diagnostics), final v${final}`];
        });
        assert.deepEqual(stale, [], replay);
      });
    }

    test(`the diagnostics of each document's final version lie inside its final text, and are what the same text gives again (seed ${SEED})`, () => {
      assert.equal(run.died, undefined, 'the server died');
      for (const doc of run.documents) {
        const final = finals.get(doc.uri)!;
        assert.ok(final.ofFinalVersion, `${doc.uri}: no diagnostics for its final version v${doc.version - 1}\n${replay}`);
        assert.deepEqual(outside(doc.text, final.ofFinalVersion), [], `${doc.uri}: ranges outside the final text\n${replay}`);
        assert.deepEqual(final.ofFinalVersion, final.again, `${doc.uri}: the final version's diagnostics differ from the same text's sent again\n${replay}`);
      }
    });
  });
}
