import type { Rule } from './ruleTypes';
import { requiredOwner } from './rules/ownership';
import { requiredDescription, requiredSupport } from './rules/descriptions';
import { criticalElementQuality, lineageClassification, requiredClassification } from './rules/classification';
import { requiredSlaProperties } from './rules/sla';
import { namingPatterns } from './rules/naming';
import { allowedServers } from './rules/servers';
import { activeInputs, deprecatedReplacement } from './rules/lifecycle';
import { preferOdcs } from './rules/standards';
import { majorBumpRequired } from './rules/versioning';

/** Every built-in rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  requiredOwner,
  requiredDescription,
  requiredSupport,
  requiredClassification,
  criticalElementQuality,
  lineageClassification,
  requiredSlaProperties,
  namingPatterns,
  allowedServers,
  activeInputs,
  deprecatedReplacement,
  majorBumpRequired,
  preferOdcs,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Findings about policies and suppressions themselves: always on, not configurable. */
export const META_CHECKS: Readonly<Record<string, string>> = {
  'policy/unknown-rule': 'A policy names a rule that does not exist.',
  'policy/invalid-option': 'A rule option is unknown, of the wrong type, or a pattern that is invalid or unsafe.',
  'policy/unknown-extends': 'A policy extends a policy that is not in the workspace.',
  'policy/loosens-mandatory': 'A policy lowers a rule that a policy it builds on marks as mandatory.',
  'suppression/missing-reason': 'A suppression comment gives no reason.',
  'suppression/unused': 'A suppression comment suppresses nothing.',
};

/** The preset a policy can extend to turn every built-in rule on at its default severity. */
export const RECOMMENDED = 'datamesh:recommended';

export const CODE_PREFIX = 'governance/';

/**
 * Where the page of a rule or check is documented (`ownership/required-owner` → a URI), or undefined
 * when the caller has none. The core knows no paths: the server and the CLI say where their docs are.
 */
export type RuleDocs = (id: string) => string | undefined;

/** The link a finding carries to its page: `{ href }`, or nothing when the caller knows no page. */
export function linkTo(ruleDocs: RuleDocs, id: string): { href?: string } {
  const href = ruleDocs(id);
  return href === undefined ? {} : { href };
}
