import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, Severity, type MeshDiagnostic } from '../core/languageService';
import { formatHuman, formatJson, type FileReport } from './report';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: datamesh check [paths...] [--format human|json]

Validates data contracts (ODCS, Data Contract Specification), data products (ODPS, DPDS,
Data Product Specification), business glossaries and governance policies found in the given
files and folders (default: the current folder). Other YAML files are skipped.

Options:
  --format human|json   Output format (default: human)
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.
`;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const CANDIDATE = /\.(?:ya?ml|json)$/i;

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
  if (command !== 'check') return usageError(output, `Unknown command '${command}'.`);

  let format = 'human';
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
  if (format !== 'human' && format !== 'json') return usageError(output, `Unknown format '${format}'; use human or json.`);

  const files: string[] = [];
  for (const path of paths.length > 0 ? paths : ['.']) {
    try {
      collectFiles(path, files);
    } catch {
      return usageError(output, `Cannot read '${path}': no such file or folder.`);
    }
  }

  const service = createLanguageService();
  const reports: FileReport[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const document = service.parse(text, file);
    if (!service.isMeshDocument(document)) continue;
    const lines = TextDocument.create(file, 'yaml', 0, text);
    const kinds = document.parts.map((p) => `${p.kind.standard.name}${p.kind.version ? ` ${p.kind.version}` : ''}`);
    reports.push({ path: relative(process.cwd(), file) || file, kinds, diagnostics: service.validate(document).map((d) => withPosition(lines, d)) });
  }
  output.out(format === 'json' ? formatJson(reports, files.length) : formatHuman(reports, files.length));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === Severity.Error)) ? EXIT_ERRORS : EXIT_CLEAN;
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
