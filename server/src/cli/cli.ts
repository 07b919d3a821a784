import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, fileNote, governanceReport, type LanguageService, type LineageGraphModel, type MeshDiagnostic, reportMarkdown, type RuleDocs, Severity } from '../core/languageService';
import { toDot, toMermaid } from '../core/lineage/graphFormats';
import { filterFor, findProjectRoot, listFiles, readCandidate, readTextOfUri } from '../disk/fileWalk';
import { canonicalUri } from '../disk/uris';
import { ruleDocsBeside } from '../disk/ruleDocs';
import { validatorsBeside } from '../disk/precompiledValidators';
import { governanceFixes } from '../core/features/governanceFixes';
import { type BreakingChange, breakingChanges, comparedWithBase, consumerName, removedFile } from '../core/governance/breakingChanges';
import { fileNameOf, Mesh } from '../core/languageService';
import { changesSinceBase, openBase, textAtBase } from './gitBase';
import { formatHuman, formatJson, type FileReport, type PositionedDiagnostic } from './report';
import { formatGithub, formatJunit, formatSarif } from './formats';
import { applyBaseline, baselineOf, formatBaseline, parseBaseline } from './baseline';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: datamesh check [paths...] [--format human|json|sarif|junit|github] [--max-warnings N]
                      [--baseline FILE] [--update-baseline] [--policy FILE] [--base REF]
       datamesh graph [paths...] [--format json|dot|mermaid]
       datamesh diff --base REF [paths...] [--format human|json]
       datamesh report [paths...] [--format markdown|json] [--policy FILE]

check  Validates data contracts (ODCS, Data Contract Specification), data products (ODPS, DPDS,
       Data Product Specification), business glossaries and governance policies found in the
       given files and folders (default: the current folder), each on its own and against the
       rest of the mesh (references, duplicate ids, deprecated contracts, lineage cycles),
       and against the governance policies among them. Other YAML files are skipped.
diff   Compares each contract and product with its version at the git base REF and lists the
       breaking changes (removed columns, narrowed types, removed servers and ports, a loosened
       SLA, …), each with the consumers it breaks and the version bump it needs. Exits 1 when a
       file has breaking changes without a major version bump.
report Prints the governance summary as Markdown (or JSON): per domain, its products and
       contracts with their findings by severity, and the rules most broken. It reports
       what check finds, and exits 0 whatever it finds.
graph  Prints the lineage graph of the products and contracts found: JSON (default), Graphviz
       DOT or a Mermaid flowchart.

Options:
  --format FORMAT       Output format (check: human, json, sarif, junit or github annotations;
                        graph: json, dot or mermaid; report: markdown or json)
  --max-warnings N      Fail (exit 1) when there are more than N warnings
  --baseline FILE       Report and fail only on findings that FILE does not count; counts of
                        findings that are gone are lowered in FILE
  --update-baseline     Write every current finding to the baseline (FILE, or
                        .datamesh-baseline.json) and exit 0
  --policy FILE         Also read this governance policy (one outside the checked paths)
  --base REF            check: also report each changed contract's and product's breaking changes
                        against the git base REF (breaking/…), and the versioning rule's findings
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 no errors (warnings allowed up to --max-warnings), 1 errors found or too many
warnings, 2 bad usage.
`;

const FORMATS: Record<string, string[]> = { check: ['human', 'json', 'sarif', 'junit', 'github'], graph: ['json', 'dot', 'mermaid'], diff: ['human', 'json'], report: ['markdown', 'json'] };
const DEFAULT_BASELINE = '.datamesh-baseline.json';

/** Runs `datamesh <args>` and returns the exit code. */
export async function runCli(args: string[], output: Output): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    output[command === undefined ? 'err' : 'out'](USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_CLEAN;
  }
  if (command === '-v' || command === '--version') {
    output.out(`${VERSION}\n`);
    return EXIT_CLEAN;
  }
  const formats = FORMATS[command];
  if (!formats) return usageError(output, `Unknown command '${command}'.`);

  let format = formats[0]!;
  const paths: string[] = [];
  const policies: string[] = [];
  let maxWarnings: number | undefined;
  let baselineFile: string | undefined;
  let updateBaseline = false;
  let baseRef: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? rest[++i] ?? '';
    if (name === '--format') format = value();
    else if (command === 'check' && name === '--max-warnings') {
      const n = value();
      if (!/^\d+$/.test(n)) return usageError(output, `--max-warnings takes a number of warnings, not '${n}'.`);
      maxWarnings = Number(n);
    } else if (command === 'check' && name === '--baseline') baselineFile = value();
    else if (command === 'check' && name === '--update-baseline') updateBaseline = true;
    else if ((command === 'check' || command === 'report') && name === '--policy') policies.push(value());
    else if ((command === 'diff' || command === 'check') && name === '--base') baseRef = value();
    else if (arg === '-h' || arg === '--help') {
      output.out(USAGE);
      return EXIT_CLEAN;
    } else if (arg.startsWith('-')) return usageError(output, `Unknown option '${arg}'.`);
    else paths.push(arg);
  }
  if (!formats.includes(format)) return usageError(output, `Unknown format '${format}' for ${command}; use ${formats.join(', ')}.`);

  const files: string[] = [];
  for (const policy of policies) if (!statSync(policy, { throwIfNoEntry: false })?.isFile()) return usageError(output, `Cannot read the policy '${policy}'.`);
  for (const path of [...(paths.length > 0 ? paths : ['.']), ...policies]) {
    const found = await collectFiles(path, output);
    if (!found) return usageError(output, `Cannot read '${path}': no such file or folder.`);
    files.push(...found);
  }

  if (command === 'diff' && !baseRef) return usageError(output, 'diff needs --base REF (a commit, branch or tag).');

  const mesh = new Mesh();
  // The rule pages shipped beside dist/cli.js, as the editor's server links them.
  const ruleDocs = ruleDocsBeside(__dirname);
  const service = loadMesh(files, mesh, ruleDocs);
  if (command === 'diff') return diffCommand(service, mesh, files, baseRef!, format, output);
  if (command === 'check' && baseRef !== undefined) {
    const error = setBaseTexts(service, files, baseRef);
    if (error) {
      output.err(`datamesh: ${error}\n`);
      return EXIT_USAGE;
    }
  }
  const reports = checkMesh(service, files);
  if (command === 'graph') {
    const graph = service.lineage()!;
    // Node ids of products and contracts without an id name their file relative to the current folder, as `check` does.
    output.out(format === 'dot' ? toDot(graph, pathToFileURL(`${process.cwd()}/`).href) : format === 'mermaid' ? toMermaid(graph) : `${JSON.stringify(toWire(graph), null, 2)}\n`);
    return EXIT_CLEAN;
  }
  if (command === 'report') {
    const paths = new Map(reports.map((r) => [r.uri, r.path]));
    const report = governanceReport(reports.map(({ uri, diagnostics }) => ({ uri, facts: service.indexedFacts(uri), diagnostics })), (uri) => paths.get(uri) ?? uri);
    output.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report));
    return EXIT_CLEAN;
  }
  let shown: FileReport[] = reports;
  let known = 0;
  if (updateBaseline) {
    const target = baselineFile ?? DEFAULT_BASELINE;
    writeFileSync(target, formatBaseline(baselineOf(reports)));
    output.err(`datamesh: wrote ${reports.reduce((n, r) => n + r.diagnostics.length, 0)} findings to the baseline ${target}.\n`);
    return EXIT_CLEAN;
  }
  if (baselineFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(baselineFile, 'utf8');
    } catch {
      return usageError(output, `Cannot read the baseline '${baselineFile}'; write one with --update-baseline.`);
    }
    const baseline = parseBaseline(text);
    if (!baseline) return usageError(output, `'${baselineFile}' is not a datamesh baseline; write one with --update-baseline.`);
    const applied = applyBaseline(reports, baseline);
    shown = applied.reports;
    known = applied.known;
    if (applied.shrunk) {
      writeFileSync(baselineFile, formatBaseline(applied.shrunk));
      output.err(`datamesh: some findings of the baseline are fixed; ${baselineFile} now counts fewer.\n`);
    }
    if (known > 0) output.err(`datamesh: ${known} finding${known === 1 ? '' : 's'} in the baseline ${baselineFile} not shown.\n`);
  }
  output.out(render(format, shown, files.length, ruleDocs));
  const warnings = shown.reduce((n, r) => n + count(r, Severity.Warning), 0);
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    output.err(`datamesh: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return EXIT_ERRORS;
  }
  return shown.some((r) => count(r, Severity.Error) > 0) ? EXIT_ERRORS : EXIT_CLEAN;
}

/** `datamesh diff --base REF`: breaking changes against the base, with the consumers each breaks. */
function diffCommand(service: LanguageService, mesh: Mesh, files: readonly string[], ref: string, format: string, output: Output): number {
  const base = openBase(process.cwd(), ref);
  if ('error' in base) {
    output.err(`datamesh: ${base.error}\n`);
    return EXIT_USAGE;
  }
  const { renamed, deleted } = changesSinceBase(base);
  const toRoot = (file: string) => relative(base.root, resolve(file)).split(sep).join('/');
  const checked = new Set(files.map(toRoot));
  const reports: { path: string; from?: string; oldVersion?: string; newVersion?: string; suggestedVersion?: string; changes: BreakingChange[] }[] = [];
  for (const file of files) {
    const uri = uriOf(file);
    if (!comparedWithBase(service.indexedFacts(uri))) continue;
    const path = toRoot(file);
    const from = renamed.get(path) ?? path;
    const before = textAtBase(base, from);
    const handle = service.document(uri);
    if (before === undefined || !handle) continue; // new since the base: nothing to break
    const report = breakingChanges(mesh, uri, fileNameOf(uri), before, handle.text);
    if (report && report.changes.length > 0) reports.push({ path: relative(process.cwd(), file) || file, ...(from !== path ? { from } : {}), ...report });
  }
  for (const path of deleted) {
    // A deleted file under the checked paths (the walk cannot list what is gone, so judge by folder).
    if (![...checked].some((c) => c.split('/').slice(0, -1).join('/') === path.split('/').slice(0, -1).join('/'))) continue;
    const before = textAtBase(base, path);
    const change = before === undefined ? undefined : removedFile(mesh, before);
    if (change) reports.push({ path, changes: [change], suggestedVersion: undefined });
  }
  const needsBump = reports.some((r) => r.suggestedVersion !== undefined);
  const name = (key: string) => consumerName(mesh, key);
  if (format === 'json') {
    output.out(`${JSON.stringify({ base: ref, files: reports.map((r) => ({ ...r, changes: r.changes.map((c) => ({ check: c.check, category: c.category, message: c.message, consumers: c.consumers.map(name) })) })) }, null, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const r of reports) {
      const bump = r.suggestedVersion ? `; breaking: bump the version to ${r.suggestedVersion}` : r.oldVersion !== undefined ? '; major version bumped' : '';
      lines.push(`${r.path}${r.from ? ` (was ${r.from})` : ''}${r.oldVersion !== undefined || r.newVersion !== undefined ? `  ${r.oldVersion ?? '?'} → ${r.newVersion ?? '?'}` : ''}${bump}`);
      for (const c of r.changes) lines.push(`  ${c.check.padEnd(22)} [${c.category}]  ${c.message}${c.consumers.length > 0 ? `  Breaks: ${c.consumers.map(name).join(', ')}.` : ''}`);
      lines.push('');
    }
    const total = reports.reduce((n, r) => n + r.changes.length, 0);
    lines.push(total === 0 ? `✔ No breaking changes against ${ref}.` : `✖ ${total} breaking change${total === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'} against ${ref}${needsBump ? '; some need a major version bump' : ''}.`);
    output.out(`${lines.join('\n')}\n`);
  }
  return needsBump ? EXIT_ERRORS : EXIT_CLEAN;
}

/**
 * `check --base REF`: each contract and product changed since the base (modified or renamed) gets its
 * text at the base, so `diagnose` adds its breaking changes and the versioning rule judges its version.
 * A file new since the base has no base: it breaks nothing.
 */
function setBaseTexts(service: LanguageService, files: readonly string[], ref: string): string | undefined {
  const base = openBase(process.cwd(), ref);
  if ('error' in base) return base.error;
  const { modified, renamed } = changesSinceBase(base);
  for (const file of files) {
    const path = relative(base.root, resolve(file)).split(sep).join('/');
    const from = renamed.get(path) ?? (modified.has(path) ? path : undefined);
    if (from === undefined) continue;
    const uri = uriOf(file);
    if (!comparedWithBase(service.indexedFacts(uri))) continue;
    const text = textAtBase(base, from);
    if (text !== undefined) service.setBaseText(uri, { ref, text });
  }
  return undefined;
}

function render(format: string, reports: FileReport[], scanned: number, ruleDocs: RuleDocs): string {
  if (format === 'json') return formatJson(reports, scanned);
  if (format === 'sarif') return formatSarif(reports, VERSION, ruleDocs);
  if (format === 'junit') return formatJunit(reports);
  if (format === 'github') return formatGithub(reports);
  return formatHuman(reports, scanned);
}

/**
 * Reads every file once and puts its facts in the index, so each file can be checked against the
 * rest; the texts of the mesh's files are kept for the check, so none is read twice.
 */
function loadMesh(files: readonly string[], mesh: Mesh, ruleDocs: RuleDocs): LanguageService {
  const texts = new Map<string, string>();
  const service = createLanguageService({ readFile: (uri) => texts.get(uri) ?? readTextOfUri(uri), canonicalUri, mesh, ruleDocs, precompiledValidators: validatorsBeside(__dirname) });
  for (const file of files) {
    const uri = uriOf(file);
    const read = readCandidate(file);
    if (read === undefined || read === 'unchanged') continue;
    if ('skipped' in read) service.skipFile(uri, read.skipped);
    else if (service.setFileText(uri, read.text)) texts.set(uri, read.text);
  }
  service.setIndexComplete(true);
  return service;
}

/** Every data-mesh file's findings, and a report for each file that could not be read. */
function checkMesh(service: LanguageService, files: readonly string[]): (FileReport & { uri: string })[] {
  const skipped = service.skippedFiles();
  const reports: (FileReport & { uri: string })[] = [];
  for (const file of files) {
    const uri = uriOf(file);
    const path = relative(process.cwd(), file) || file;
    const reason = skipped.get(uri);
    if (reason !== undefined) {
      reports.push({ uri, path, kinds: [], diagnostics: [{ ...notRead(reason), line: 1, column: 1, endLine: 1, endColumn: 1 }] });
      continue;
    }
    // The index tells which files are ours; the others are not read again.
    if (!service.indexedFacts(uri)) {
      const claimed = service.claimedByName(uri);
      // Named as a mesh file, but not one (binary, a list, a stray scalar): silence would read as "no problems".
      if (claimed) reports.push({ uri, path, kinds: [], diagnostics: [{ ...notMesh(claimed), line: 1, column: 1, endLine: 1, endColumn: 1 }] });
      continue;
    }
    const handle = service.document(uri);
    if (!handle?.isMesh) continue;
    // In the editor an empty file is one being started; in CI it is a file that checks nothing.
    const diagnostics = handle.text.trim() === '' ? [empty()] : service.diagnose(uri);
    const lines = TextDocument.create(uri, 'yaml', 0, handle.text);
    reports.push({ uri, path, kinds: handle.kinds, diagnostics: diagnostics.map((d) => withFixes(lines, uri, handle.text, withPosition(lines, d))) });
  }
  return reports;
}

function notMesh(standard: string): MeshDiagnostic {
  return fileNote(Severity.Error, 'file/not-mesh', `This file's name says it follows the ${standard}, but its content is not such a file (binary, or not a map of keys), so nothing in it was checked.`);
}

function empty(): MeshDiagnostic {
  return fileNote(Severity.Error, 'file/empty', 'This data-mesh file is empty, so there is nothing to check.');
}

/** A file of the mesh that was not checked is an error in CI: silence would read as "no problems". */
function notRead(reason: string): MeshDiagnostic {
  return fileNote(Severity.Error, 'file/not-read', `This file was not checked because ${reason}.`);
}

const uriOf = (file: string) => pathToFileURL(resolve(file)).href;

function count(report: FileReport, severity: Severity): number {
  return report.diagnostics.filter((d) => d.severity === severity).length;
}

/** The graph as the `dataMesh/lineage` request sends it: locations as URIs. */
function toWire(graph: LineageGraphModel) {
  return { ...graph, nodes: graph.nodes.map(({ location, ...node }) => ({ ...node, ...(location ? { location: { uri: location.uri } } : {}) })) };
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

function usageError(output: Output, message: string): number {
  output.err(`datamesh: ${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

/**
 * The files to check under a path, by the same policy as the editor's index (skipped folders,
 * `datamesh.config.yaml`, `.gitignore`); a file named on the command line is always checked.
 */
async function collectFiles(path: string, output: Output): Promise<string[] | undefined> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  const folder = resolve(path);
  // Excludes and .gitignore rules are relative to the project: where datamesh.config.yaml is, else the repository.
  const root = findProjectRoot(folder);
  const { filter, configError } = filterFor(root, []);
  if (configError) output.err(`datamesh: ${configError}\n`);
  return listFiles(root, filter, undefined, relative(root, folder).split(sep).join('/'));
}

/** The quick fixes of a finding that edit only its own file, positioned for SARIF. */
function withFixes(lines: TextDocument, uri: string, text: string, d: PositionedDiagnostic): PositionedDiagnostic {
  const fixes = governanceFixes(uri, text, d).filter((f) => !f.createFile && f.edits.every((e) => e.uri === uri));
  if (fixes.length === 0) return d;
  return { ...d, fixes: fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ ...withPosition(lines, { start: e.span[0], end: e.span[1] }), newText: e.newText })) })) };
}

function withPosition<T extends { start: number; end: number }>(lines: TextDocument, d: T) {
  const start = lines.positionAt(d.start);
  const end = lines.positionAt(d.end);
  return { ...d, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
