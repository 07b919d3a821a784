import { type MeshDiagnostic, Severity } from '../model/diagnostic';
import type { FileFacts } from '../workspace/meshFacts';

/**
 * The governance summary of a mesh (`datamesh report`, "Data Mesh: Show Governance Report"): per
 * domain, its products and contracts with their findings by severity, and the rules most broken, in
 * the domain and in the whole mesh. Built from the findings `diagnose` gave every file, so it says
 * what the Problems panel and `datamesh check` say, counted.
 */
export interface GovernanceReport {
  files: number;
  counts: Counts;
  /** Rules by findings, most first (at most TOP_RULES). */
  rules: RuleCount[];
  /** By name; the files that name no domain last. */
  domains: DomainReport[];
}

export interface Counts {
  errors: number;
  warnings: number;
  /** Information and hints. */
  infos: number;
}

export interface RuleCount {
  code: string;
  /** The most severe of its findings. */
  severity: Severity;
  findings: number;
  files: number;
  /** Its documentation page, when it has one. */
  href?: string;
}

export interface DomainReport {
  /** Undefined for the files that name no domain (glossaries, policies, products without one). */
  domain?: string;
  counts: Counts;
  /** The domain's own rules most broken (at most TOP_DOMAIN_RULES). */
  rules: RuleCount[];
  /** Most errors first, then most warnings, then by name. */
  items: ReportItem[];
}

export interface ReportItem {
  kind: 'product' | 'contract' | 'glossary' | 'policy' | 'file';
  /** The product's or contract's id, or the file's label. */
  name: string;
  /** The file, as the caller labels it (a path relative to the workspace). */
  file: string;
  counts: Counts;
  /** Its rule with the most findings. */
  topRule?: string;
}

export interface ReportInput {
  uri: string;
  facts: FileFacts | undefined;
  diagnostics: readonly MeshDiagnostic[];
}

const TOP_RULES = 10;
const TOP_DOMAIN_RULES = 3;

export function governanceReport(inputs: readonly ReportInput[], label: (uri: string) => string): GovernanceReport {
  const byDomain = new Map<string | undefined, { items: ReportItem[]; findings: { uri: string; d: MeshDiagnostic }[] }>();
  const all: { uri: string; d: MeshDiagnostic }[] = [];
  for (const { uri, facts, diagnostics } of inputs) {
    const subject = facts?.entities.find((e) => e.kind === 'product' || e.kind === 'contract');
    const glossary = facts?.entities.find((e) => e.kind === 'glossary');
    const kind: ReportItem['kind'] = subject ? (subject.kind as 'product' | 'contract') : facts?.policy ? 'policy' : glossary ? 'glossary' : 'file';
    const file = label(uri);
    const policyId = facts?.policy?.id;
    const name = subject?.name ?? glossary?.name ?? (typeof policyId === 'string' && policyId !== '' ? policyId : file);
    const rules = rulesOf(diagnostics.map((d) => ({ uri, d })));
    const item: ReportItem = { kind, name, file, counts: countsOf(diagnostics), ...(rules[0] ? { topRule: rules[0].code } : {}) };
    const domain = subject?.domain;
    const group = byDomain.get(domain) ?? byDomain.set(domain, { items: [], findings: [] }).get(domain)!;
    group.items.push(item);
    for (const d of diagnostics) {
      group.findings.push({ uri, d });
      all.push({ uri, d });
    }
  }
  const domains = [...byDomain].map(([domain, { items, findings }]): DomainReport => ({
    ...(domain !== undefined ? { domain } : {}),
    counts: countsOf(findings.map((f) => f.d)),
    rules: rulesOf(findings).slice(0, TOP_DOMAIN_RULES),
    items: items.sort((a, b) => b.counts.errors - a.counts.errors || b.counts.warnings - a.counts.warnings || a.name.localeCompare(b.name)),
  }));
  domains.sort((a, b) => (a.domain === undefined ? 1 : b.domain === undefined ? -1 : a.domain.localeCompare(b.domain)));
  return { files: inputs.length, counts: countsOf(all.map((f) => f.d)), rules: rulesOf(all).slice(0, TOP_RULES), domains };
}

function countsOf(diagnostics: readonly MeshDiagnostic[]): Counts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === Severity.Error) counts.errors++;
    else if (d.severity === Severity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

function rulesOf(findings: readonly { uri: string; d: MeshDiagnostic }[]): RuleCount[] {
  const rules = new Map<string, RuleCount & { uris: Set<string> }>();
  for (const { uri, d } of findings) {
    let rule = rules.get(d.code);
    if (!rule) rules.set(d.code, (rule = { code: d.code, severity: d.severity, findings: 0, files: 0, uris: new Set(), ...(d.href ? { href: d.href } : {}) }));
    rule.findings++;
    rule.uris.add(uri);
    if (d.severity < rule.severity) rule.severity = d.severity; // Error is 1: lower is more severe
  }
  return [...rules.values()]
    .map(({ uris, ...rule }) => ({ ...rule, files: uris.size }))
    .sort((a, b) => b.findings - a.findings || a.severity - b.severity || a.code.localeCompare(b.code));
}

const SEVERITY_WORDS: Record<Severity, string> = { [Severity.Error]: 'error', [Severity.Warning]: 'warning', [Severity.Information]: 'info', [Severity.Hint]: 'hint' };

/**
 * The report as Markdown. Every name from the workspace is escaped, so a product called `<img …>` or
 * `a | b` is text in any renderer. Rule codes are not linked: their pages are files of the extension
 * or of the CLI's package, which Markdown renderers refuse to link (`file:`) and a CI artifact would
 * not have; the Problems panel and SARIF link each finding to its page.
 */
export function reportMarkdown(report: GovernanceReport, options: { skipped?: number } = {}): string {
  const lines = ['# Governance report', ''];
  lines.push(`${report.files} ${report.files === 1 ? 'file' : 'files'} checked: ${countsText(report.counts)}.`, '');
  if (options.skipped) lines.push(`${plural(options.skipped, 'file was', 'files were')} not checked (too large or unreadable); the Problems panel lists them.`, '');
  lines.push('## Rules most broken', '');
  if (report.rules.length === 0) lines.push('No findings.', '');
  else {
    lines.push('| Rule | Severity | Findings | Files |', '|---|---|---:|---:|');
    for (const rule of report.rules) lines.push(`| ${code(rule.code)} | ${SEVERITY_WORDS[rule.severity]} | ${rule.findings} | ${rule.files} |`);
    lines.push('');
  }
  for (const domain of report.domains) {
    lines.push(`## ${domain.domain !== undefined ? `Domain ${text(domain.domain)}` : 'Files without a domain'}`, '');
    const products = domain.items.filter((i) => i.kind === 'product').length;
    const contracts = domain.items.filter((i) => i.kind === 'contract').length;
    const others = domain.items.length - products - contracts;
    const what = [plural(products, 'product'), plural(contracts, 'contract'), others > 0 ? plural(others, 'other file') : undefined].filter((s) => s !== undefined && !s.startsWith('0 ')).join(', ');
    lines.push(`${what || 'No files'}: ${countsText(domain.counts)}.${domain.rules.length > 0 ? ` Most broken: ${domain.rules.map((r) => `${code(r.code)} (${r.findings})`).join(', ')}.` : ''}`, '');
    lines.push('| Name | Kind | Errors | Warnings | Infos | Most broken | File |', '|---|---|---:|---:|---:|---|---|');
    for (const item of domain.items) {
      lines.push(`| ${text(item.name)} | ${item.kind} | ${item.counts.errors} | ${item.counts.warnings} | ${item.counts.infos} | ${item.topRule !== undefined ? code(item.topRule) : ''} | ${text(item.file)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function countsText(c: Counts): string {
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info', 'infos')}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A rule code as inline code: codes are ours, but a backtick in one would end it. */
const code = (value: string) => `\`${value.replace(/[`|\r\n]/g, ' ')}\``;

/**
 * Workspace text as Markdown text: no markup, no HTML, no table cell break, on one line. Names never
 * start a line here, so list and heading marks need no escape; `_` inside a word is not emphasis.
 */
function text(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]<>|~&]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}
