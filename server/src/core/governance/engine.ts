import { type DiagnosticData, type MeshDiagnostic, Severity } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import type { Mesh } from '../lineage/mesh';
import { isData } from '../workspace/facts/factBuilder';
import { FactLocator } from '../workspace/locateFacts';
import type { Entity, FileFacts, Link, Path } from '../workspace/meshFacts';
import type { ChangeReport } from './breakingChanges';
import { CODE_PREFIX, linkTo, type RuleDocs } from './catalogue';
import { readPolicy } from './policy';
import { requiredClassification } from './rules/classification';
import { type Effective, PolicySet } from './resolve';
import type { Finding, GovernedDocument, Level } from './ruleTypes';
import { findSuppressions, lineOf, lineStarts } from './suppressions';

export const GOVERNANCE_SOURCE = 'Data Mesh governance';

const SEVERITY: Record<Exclude<Level, 'off'>, Severity> = { error: Severity.Error, warning: Severity.Warning, info: Severity.Information };

/** A file to govern: its text (for placing findings), its facts, and its documents as plain data. */
export interface GovernedFile {
  uri: string;
  facts: FileFacts;
  source: SourceText;
  documents(): GovernedDocument[];
  /** Its breaking changes against the base, if the caller gave a base. */
  changeReport?: () => ChangeReport | undefined;
}

/**
 * The governance engine: the workspace's policies (read from the index, so a policy edited in the
 * editor applies at once), the rules they turn on for each file, and the findings of those rules,
 * minus what a suppression comment explains. Pure: it reads only the index and the file it is given.
 */
export class Governance {
  /** `ruleDocs` links each finding to its rule's page; without a page a finding carries no link. */
  constructor(
    private readonly mesh: Mesh,
    private readonly ruleDocs: RuleDocs = () => undefined,
  ) {}

  /** Every policy of the index; read again only when the index has changed. */
  get policies(): PolicySet {
    const index = this.mesh.index;
    return index.derive('governance/policies', () => {
      const policies = [];
      for (const facts of index.files()) if (facts.policy) policies.push(readPolicy(facts.uri, facts.policy));
      return new PolicySet(policies);
    }, ['policy']);
  }

  /** The rules that apply to a file, worked out once per change of the index (`diagnose` and `judgesClassification` both ask). */
  rulesFor(facts: FileFacts): Effective[] {
    const domain = domainOf(facts);
    return this.mesh.index.derive(`governance/rules:${facts.uri}\n${domain ?? ''}`, () => this.policies.effective(facts.uri, domain));
  }

  /**
   * The columns whose missing classification the policy judges: `classification/required-classification`
   * is in force for the file, and the column is in a document the rule checks. For those the rule's
   * finding (its severity, its allowed set, its fix) is the one report of an unclassified PII column,
   * so the glossary's `glossary/pii-unclassified` leaves them to it.
   */
  judgesClassification(file: GovernedFile): (column: Entity) => boolean {
    if (file.facts.policy || !this.rulesFor(file.facts).some((e) => e.rule === requiredClassification)) return () => false;
    let checked: Set<number> | undefined;
    return (column) => column.kind === 'property' && (checked ??= new Set(file.documents().filter((d) => requiredClassification.standards.includes(d.standard)).map((d) => d.docIndex))).has(column.docIndex);
  }

  diagnose(file: GovernedFile): MeshDiagnostic[] {
    let located: FactLocator | undefined;
    const locator = () => (located ??= FactLocator.of(file.source));
    const found: MeshDiagnostic[] = [];
    const place = (docIndex: number, path: Path, key: boolean | undefined) => locator().pathSpan(docIndex, path, key) ?? locator().pathSpan(docIndex, path.slice(0, -1), true) ?? ([0, 0] as const);
    const push = (id: string, severity: Severity, finding: Finding, data: unknown) => {
      const [start, end] = place(finding.docIndex, finding.path, finding.key);
      const full: DiagnosticData = { ...finding.data, docIndex: finding.docIndex, path: [...finding.path], anchor: anchorOf(data, finding.path) };
      found.push({ start, end, severity, code: `${CODE_PREFIX}${id}`, message: finding.message, source: GOVERNANCE_SOURCE, data: full, ...this.linkTo(id) });
    };

    const policy = file.facts.policy ? this.policies.policies.find((p) => p.uri === file.uri) : undefined;
    if (policy) {
      const data = file.facts.policy;
      for (const problem of this.policies.problems(policy)) push(problem.check, Severity.Error, { docIndex: 0, path: problem.path, key: problem.key, message: problem.message, ...(problem.suggestion ? { data: { suggestions: [problem.suggestion] } } : {}) }, data);
    }

    const rules = file.facts.policy ? [] : this.rulesFor(file.facts);
    if (rules.length > 0) {
      const byFrom = linksByHolder(file.facts.links);
      for (const document of file.documents()) {
        for (const { rule, level, options } of rules) {
          if (!rule.standards.includes(document.standard)) continue;
          rule.check(document, { uri: file.uri, facts: file.facts, mesh: this.mesh, options, linksFrom: (key) => byFrom().get(key) ?? [], changeReport: () => file.changeReport?.(), report: (finding) => push(rule.id, SEVERITY[level], finding, document.data) });
        }
      }
    }
    return suppress(file.source.text, found, (id) => this.linkTo(id));
  }

  private linkTo(id: string): { href?: string } {
    return linkTo(this.ruleDocs, id);
  }
}

/** Findings the file's suppression comments explain are dropped; the comments that explain nothing, or give no reason, are findings. */
function suppress(text: string, found: MeshDiagnostic[], linkTo: (id: string) => { href?: string }): MeshDiagnostic[] {
  const suppressions = findSuppressions(text);
  if (suppressions.length === 0) return found;
  const starts = lineStarts(text);
  const kept = found.filter((d) => {
    const line = lineOf(starts, d.start);
    const id = d.code.slice(CODE_PREFIX.length);
    const by = suppressions.find((s) => s.line === line - 1 && s.reason !== undefined && s.rules.includes(id));
    if (by) by.used = true;
    return !by;
  });
  for (const s of suppressions) {
    const at = { start: s.start, end: s.end, source: GOVERNANCE_SOURCE };
    if (s.reason === undefined) {
      kept.push({ ...at, severity: Severity.Warning, code: `${CODE_PREFIX}suppression/missing-reason`, message: `This suppression gives no reason, so it suppresses nothing: write '-- <why>' after the rule${s.rules.length > 1 ? 's' : ''}.`, ...linkTo('suppression/missing-reason') });
    } else if (!s.used) {
      const what = s.rules.length === 0 ? 'names no rule' : `finds no ${s.rules.map((r) => `'${r}'`).join(' or ')} finding on the next line`;
      kept.push({ ...at, severity: Severity.Warning, code: `${CODE_PREFIX}suppression/unused`, message: `This suppression ${what}: remove it.`, ...linkTo('suppression/unused'), data: { value: s.rules.join(', ') } });
    }
  }
  return kept;
}

function linksByHolder(links: readonly Link[]): () => Map<string, Link[]> {
  let map: Map<string, Link[]> | undefined;
  return () => {
    if (map) return map;
    map = new Map();
    for (const link of links) {
      const list = map.get(link.from);
      if (list) list.push(link);
      else map.set(link.from, [link]);
    }
    return map;
  };
}

/** The domain of a file: that of its first contract or product. */
function domainOf(facts: FileFacts): string | undefined {
  return facts.entities.find((e) => (e.kind === 'contract' || e.kind === 'product') && e.domain)?.domain;
}

/** A path with list items named by their name or id, so a baseline survives reordering and insertions. */
export function anchorOf(data: unknown, path: Path): string {
  let node = data;
  let anchor = '';
  for (const step of path) {
    const next = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
    if (typeof step === 'number') {
      const label = isData(next) ? [next.name, next.id, next.property, next.server].find((v) => typeof v === 'string') : undefined;
      anchor += `[${typeof label === 'string' ? label : step}]`;
    } else anchor += anchor === '' ? step : `.${step}`;
    node = next;
  }
  return anchor;
}
