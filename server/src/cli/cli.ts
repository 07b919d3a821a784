import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, fileNote, type LanguageService, type LineageGraphModel, type MeshDiagnostic, Severity } from '../core/languageService';
import { toDot, toMermaid } from '../core/lineage/graphFormats';
import { filterFor, findProjectRoot, listFiles, readCandidate, readTextOfUri } from '../disk/fileWalk';
import { canonicalUri } from '../disk/uris';
import { formatHuman, formatJson, type FileReport } from './report';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: datamesh check [paths...] [--format human|json]
       datamesh graph [paths...] [--format json|dot|mermaid]

check  Validates data contracts (ODCS, Data Contract Specification), data products (ODPS, DPDS,
       Data Product Specification), business glossaries and governance policies found in the
       given files and folders (default: the current folder), each on its own and against the
       rest of the mesh (references, duplicate ids, deprecated contracts, lineage cycles).
       Other YAML files are skipped.
graph  Prints the lineage graph of the products and contracts found: JSON (default), Graphviz
       DOT or a Mermaid flowchart.

Options:
  --format FORMAT       Output format (check: human or json; graph: json, dot or mermaid)
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.
`;

const FORMATS: Record<string, string[]> = { check: ['human', 'json'], graph: ['json', 'dot', 'mermaid'] };

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
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format') format = rest[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '-h' || arg === '--help') {
      output.out(USAGE);
      return EXIT_CLEAN;
    } else if (arg.startsWith('-')) return usageError(output, `Unknown option '${arg}'.`);
    else paths.push(arg);
  }
  if (!formats.includes(format)) return usageError(output, `Unknown format '${format}' for ${command}; use ${formats.join(', ')}.`);

  const files: string[] = [];
  for (const path of paths.length > 0 ? paths : ['.']) {
    const found = await collectFiles(path, output);
    if (!found) return usageError(output, `Cannot read '${path}': no such file or folder.`);
    files.push(...found);
  }

  const service = loadMesh(files);
  const reports = checkMesh(service, files);
  if (command === 'graph') {
    const graph = service.lineage()!;
    // Node ids of products and contracts without an id name their file relative to the current folder, as `check` does.
    output.out(format === 'dot' ? toDot(graph, pathToFileURL(`${process.cwd()}/`).href) : format === 'mermaid' ? toMermaid(graph) : `${JSON.stringify(toWire(graph), null, 2)}\n`);
    return EXIT_CLEAN;
  }
  output.out(format === 'json' ? formatJson(reports, files.length) : formatHuman(reports, files.length));
  return reports.some((r) => count(r, Severity.Error) > 0) ? EXIT_ERRORS : EXIT_CLEAN;
}

/**
 * Reads every file once and puts its facts in the index, so each file can be checked against the
 * rest; the texts of the mesh's files are kept for the check, so none is read twice.
 */
function loadMesh(files: readonly string[]): LanguageService {
  const texts = new Map<string, string>();
  const service = createLanguageService({ readFile: (uri) => texts.get(uri) ?? readTextOfUri(uri), canonicalUri });
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
    reports.push({ uri, path, kinds: handle.kinds, diagnostics: diagnostics.map((d) => withPosition(lines, d)) });
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

function withPosition(lines: TextDocument, d: MeshDiagnostic) {
  const start = lines.positionAt(d.start);
  const end = lines.positionAt(d.end);
  return { ...d, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
