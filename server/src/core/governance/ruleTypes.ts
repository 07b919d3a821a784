import type { DiagnosticData } from '../model/diagnostic';
import type { Mesh } from '../lineage/mesh';
import type { FileFacts, Link, Path } from '../workspace/meshFacts';
import type { ChangeReport } from './breakingChanges';

/** How a rule's findings are reported; `off` turns it off. */
export type Level = 'error' | 'warning' | 'info' | 'off';
/** Levels from the loosest to the strictest: a domain may move a mandatory rule only to the right. */
export const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];

export interface OptionSpec {
  /** `strings`: a list of strings; `pattern`: a regular expression, checked for safety; `boolean`. */
  type: 'strings' | 'pattern' | 'boolean';
  default: readonly string[] | string | boolean;
  description: string;
}

/** Option values after checking: patterns compiled. */
export type OptionValues = Record<string, readonly string[] | RegExp | boolean>;

/** One document of a governed file, as plain data. */
export interface GovernedDocument {
  docIndex: number;
  standard: string;
  data: Record<string, unknown>;
}

export interface Finding {
  docIndex: number;
  /** The node the finding is about; with `key`, its key rather than its value is underlined. */
  path: Path;
  key?: boolean;
  message: string;
  data?: DiagnosticData;
}

export interface RuleContext {
  uri: string;
  facts: FileFacts;
  mesh: Mesh;
  options: OptionValues;
  /** The links of this file held by an entity (by its key). */
  linksFrom(key: string): readonly Link[];
  /** The file's breaking changes against its base, when the caller gave one (the editor's git base, `check --base`). */
  changeReport(): ChangeReport | undefined;
  report(finding: Finding): void;
}

/** A built-in governance rule: a stable id, a default severity, options, a docs page (docs/rules/<id>.md). */
export interface Rule {
  id: string;
  severity: Exclude<Level, 'off'>;
  summary: string;
  /** The standards whose documents it checks. */
  standards: readonly string[];
  options: Record<string, OptionSpec>;
  check(document: GovernedDocument, context: RuleContext): void;
}

export const strings = (context: RuleContext, name: string): readonly string[] => context.options[name] as readonly string[];
export const pattern = (context: RuleContext, name: string): RegExp => context.options[name] as RegExp;
export const flag = (context: RuleContext, name: string): boolean => context.options[name] as boolean;
