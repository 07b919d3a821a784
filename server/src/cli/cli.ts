import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService, type LineageGraphModel, type MeshDiagnostic, type MeshDocument, type QuickResult, Severity } from '../core/languageService';
import { toDot, toMermaid } from '../core/lineage/graphFormats';
import { canonicalUri } from '../uris';
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

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const CANDIDATE = /\.(?:ya?ml|json)$/i;
const FORMATS: Record<string, string[]> = { check: ['human', 'json'], graph: ['json', 'dot', 'mermaid'] };

/** Runs `datamesh <args>` and returns the exit code. */
export function runCli(args: string[], output: Output): number {
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
    try {
      collectFiles(path, files);
    } catch {
      return usageError(output, `Cannot read '${path}': no such file or folder.`);
    }
  }

  const mesh = loadMesh(files);
  const reports = checkMesh(mesh);
  if (command === 'graph') {
    const counts = new Map(reports.map((r) => [r.uri, { errors: count(r, Severity.Error), warnings: count(r, Severity.Warning) }]));
    const graph = mesh.service.lineage((uri) => counts.get(uri) ?? { errors: 0, warnings: 0 })!;
    // Node ids of products and contracts without an id name their file relative to the current folder, as `check` does.
    output.out(format === 'dot' ? toDot(graph, pathToFileURL(`${process.cwd()}/`).href) : format === 'mermaid' ? toMermaid(graph) : `${JSON.stringify(toWire(graph), null, 2)}\n`);
    return EXIT_CLEAN;
  }
  output.out(format === 'json' ? formatJson(reports, files.length) : formatHuman(reports, files.length));
  return reports.some((r) => count(r, Severity.Error) > 0) ? EXIT_ERRORS : EXIT_CLEAN;
}

interface LoadedFile {
  file: string;
  text: string;
  /** Set when a quick read could tell the file's own findings; then it is only parsed if a feature needs the tree. */
  quick?: QuickResult;
  document?: MeshDocument;
}

/** The file's syntax tree, parsed on first need. */
function treeOf(service: LanguageService, loaded: LoadedFile): MeshDocument {
  loaded.document ??= service.parse(loaded.text, loaded.file);
  return loaded.document;
}

interface LoadedMesh {
  service: LanguageService;
  files: Map<string, LoadedFile>;
}

/** Reads every file once and puts its facts in the index, so each file can be checked against the rest. */
function loadMesh(paths: string[]): LoadedMesh {
  const files = new Map<string, LoadedFile>();
  const service = createLanguageService({ get: (uri) => (files.has(uri) ? treeOf(service, files.get(uri)!) : undefined) }, canonicalUri);
  for (const file of paths) {
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(resolve(file)).href;
    const quick = service.quickValidate(text, file);
    const loaded: LoadedFile = { file, text, ...(quick ? { quick } : {}) };
    if (quick ? !quick.isMesh : !service.isMeshDocument(treeOf(service, loaded))) continue;
    files.set(uri, loaded);
    service.mesh.index.setDiskFacts(uri, quick ? service.factsOfQuickRead(quick, uri) : service.factsOf(treeOf(service, loaded), uri));
  }
  return { service, files };
}

function checkMesh({ service, files }: LoadedMesh): (FileReport & { uri: string })[] {
  return [...files].map(([uri, loaded]) => {
    const parse = () => treeOf(service, loaded);
    const kinds = loaded.quick?.kinds ?? parse().parts.map((p) => `${p.kind.standard.name}${p.kind.version ? ` ${p.kind.version}` : ''}`);
    const own = loaded.quick?.diagnostics ?? service.validate(parse());
    const diagnostics = [...own, ...service.validateInMesh({ text: loaded.text, document: parse }, uri, service.mesh.index.file(uri))].sort((a, b) => a.start - b.start);
    const lines = TextDocument.create(loaded.file, 'yaml', 0, loaded.text);
    // A checked file's tree is not needed again; a mesh of 20,000 files must not keep them all.
    delete loaded.document;
    return { uri, path: relative(process.cwd(), loaded.file) || loaded.file, kinds, diagnostics: diagnostics.map((d) => withPosition(lines, d)) };
  });
}

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

function collectFiles(path: string, into: string[]): void {
  const stat = statSync(path);
  if (stat.isFile()) {
    into.push(path);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) collectFiles(child, into);
    else if (entry.isFile() && CANDIDATE.test(entry.name)) into.push(child);
  }
}

function withPosition(lines: TextDocument, d: MeshDiagnostic) {
  const start = lines.positionAt(d.start);
  const end = lines.positionAt(d.end);
  return { ...d, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
