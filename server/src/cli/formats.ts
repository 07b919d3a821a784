import { type RuleDocs, Severity } from '../core/languageService';
import { META_CHECKS, RULES } from '../core/governance/catalogue';
import type { FileReport, PositionedDiagnostic } from './report';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { [Severity.Error]: 'error', [Severity.Warning]: 'warning', [Severity.Information]: 'note', [Severity.Hint]: 'note' };

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, the rule catalogue (every governance rule
 * and check with its docs page, plus each other code that occurs), results with regions and fixes.
 * A rule's `helpUri` is its page's absolute URI, present only when `ruleDocs` knows the page.
 */
export function formatSarif(reports: FileReport[], version: string, ruleDocs: RuleDocs): string {
  const help = (id: string) => {
    const helpUri = ruleDocs(id);
    return helpUri === undefined ? {} : { helpUri };
  };
  const catalogue = new Map<string, { id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration?: { level: string } }>();
  for (const rule of RULES) catalogue.set(`governance/${rule.id}`, { id: `governance/${rule.id}`, shortDescription: { text: rule.summary }, ...help(rule.id), defaultConfiguration: { level: SARIF_LEVEL[rule.severity === 'error' ? Severity.Error : rule.severity === 'warning' ? Severity.Warning : Severity.Information] } });
  for (const [id, summary] of Object.entries(META_CHECKS)) catalogue.set(`governance/${id}`, { id: `governance/${id}`, shortDescription: { text: summary }, ...help(id) });
  for (const report of reports) for (const d of report.diagnostics) if (!catalogue.has(d.code)) catalogue.set(d.code, { id: d.code, shortDescription: { text: `${d.source}: ${d.code}` }, ...(d.href ? { helpUri: d.href } : {}) });
  const ids = [...catalogue.keys()];
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ids.indexOf(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriPath(report.path) }, region: region(d) } }],
      ...(d.fixes && d.fixes.length > 0
        ? { fixes: d.fixes.map((fix) => ({ description: { text: fix.title }, artifactChanges: [{ artifactLocation: { uri: uriPath(report.path) }, replacements: fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })) }] })) }
        : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'datamesh', version, rules: [...catalogue.values()] } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

interface Positioned {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const region = (p: Positioned) => ({ startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn });
// SARIF artifact locations are URI references: forward slashes, reserved characters escaped.
const uriPath = (path: string) => path.split(/[\\/]/).map(encodeURIComponent).join('/');

/** JUnit XML: a test suite per file, a failing test case per finding (a passing one for a clean file). */
export function formatJunit(reports: FileReport[]): string {
  const suites = reports.map((report) => {
    const cases = report.diagnostics.length === 0 ? [`    <testcase name="${xml(report.path)}" classname="datamesh"/>`] : report.diagnostics.map((d) => `    <testcase name="${xml(`${report.path}:${d.line}:${d.column} ${d.code}`)}" classname="${xml(report.path)}">\n      <failure message="${xml(d.message)}" type="${xml(severityName(d))}">${xml(`${d.line}:${d.column} ${severityName(d)} ${d.message} (${d.code})`)}</failure>\n    </testcase>`);
    return `  <testsuite name="${xml(report.path)}" tests="${Math.max(1, report.diagnostics.length)}" failures="${report.diagnostics.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failures = reports.reduce((n, r) => n + r.diagnostics.length, 0);
  const tests = reports.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="datamesh check" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export function formatGithub(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const command = d.severity === Severity.Error ? 'error' : d.severity === Severity.Warning ? 'warning' : 'notice';
      const props = [`file=${property(report.path)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${property(d.code)}`].join(',');
      lines.push(`::${command} ${props}::${data(d.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

const severityName = (d: PositionedDiagnostic) => (d.severity === Severity.Error ? 'error' : d.severity === Severity.Warning ? 'warning' : 'info');
const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
// The escaping GitHub's toolkit applies to workflow command data and properties.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
