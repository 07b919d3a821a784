import { closest } from '../util/closest';
import { RECOMMENDED, RULES, RULES_BY_ID } from './catalogue';
import { isScoped, type Policy, rank, relativeTo, selects, type Setting } from './policy';
import { compilePattern } from './safePattern';
import type { Level, OptionValues, Rule } from './ruleTypes';
import type { Path } from '../workspace/meshFacts';

/** A rule as it applies to one file: its level and its checked options. */
export interface Effective {
  rule: Rule;
  level: Exclude<Level, 'off'>;
  options: OptionValues;
}

export interface PolicyProblem {
  path: Path;
  key?: boolean;
  check: string;
  message: string;
  suggestion?: string;
}

const RECOMMENDED_SETTINGS: Map<string, Setting> = new Map(RULES.map((r) => [r.id, { level: r.severity, options: {}, mandatory: false, path: [] }]));

/** Every policy of the workspace, and those that other policies name by id. */
export class PolicySet {
  readonly byId = new Map<string, Policy>();

  constructor(readonly policies: readonly Policy[]) {
    for (const p of policies) if (p.id && !this.byId.has(p.id)) this.byId.set(p.id, p);
  }

  /** The settings a policy brings, in order: what it extends, its rules, then its scopes that select the file. */
  private chain(policy: Policy, domain: string | undefined, uri: string | undefined, seen: Set<Policy>): Map<string, Setting>[] {
    if (seen.has(policy)) return [];
    seen.add(policy);
    const out: Map<string, Setting>[] = [];
    for (const parent of policy.extends) {
      if (parent.id === RECOMMENDED) out.push(RECOMMENDED_SETTINGS);
      const found = this.byId.get(parent.id);
      if (found) out.push(...this.chain(found, domain, uri, seen));
    }
    out.push(policy.rules);
    for (const scope of policy.scopes) if (uri === undefined || selects(scope, domain, relativeTo(policy.folder, uri))) out.push(scope.rules);
    return out;
  }

  /** The rules that apply to a file: every policy over its folder that selects it, the outer ones first. */
  effective(uri: string, domain: string | undefined): Effective[] {
    const applicable = this.policies
      .filter((p) => uri.startsWith(p.folder) && selects(p, domain, relativeTo(p.folder, uri)))
      .sort((a, b) => a.folder.length - b.folder.length || Number(isScoped(a)) - Number(isScoped(b)) || (a.uri < b.uri ? -1 : 1));
    if (applicable.length === 0) return [];
    const seen = new Set<Policy>();
    const merged = merge(applicable.flatMap((p) => this.chain(p, domain, uri, seen)));
    const rules: Effective[] = [];
    for (const [id, setting] of merged) {
      const rule = RULES_BY_ID.get(id);
      if (!rule || setting.level === 'off') continue;
      const options = checkOptions(rule, setting.options).values;
      rules.push({ rule, level: setting.level, options });
    }
    return rules;
  }

  /** What is wrong in a policy: unknown rules and extends, bad options, and mandatory rules it loosens. */
  problems(policy: Policy): PolicyProblem[] {
    const found: PolicyProblem[] = [];
    for (const parent of policy.extends) {
      if (parent.id !== RECOMMENDED && !this.byId.has(parent.id)) {
        const suggestion = closest(parent.id, [RECOMMENDED, ...this.byId.keys()]);
        found.push({ path: parent.path, check: 'policy/unknown-extends', message: `No policy '${parent.id}' in the workspace.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, ...(suggestion ? { suggestion } : {}) });
      }
    }
    // What this policy builds on: what it extends, and the unscoped policies of the folders above it.
    const outer = this.policies.filter((p) => p !== policy && policy.folder.startsWith(p.folder) && p.folder !== policy.folder && !isScoped(p));
    const seen = new Set<Policy>([policy]);
    const inherited = merge([...outer.flatMap((p) => this.chain(p, undefined, undefined, seen)), ...policy.extends.flatMap((e) => (this.byId.get(e.id) ? this.chain(this.byId.get(e.id)!, undefined, undefined, seen) : []))]);
    const own = [policy.rules, ...policy.scopes.map((s) => s.rules)];
    for (const [index, rules] of own.entries()) {
      for (const [id, setting] of rules) {
        const rule = RULES_BY_ID.get(id);
        if (!rule) {
          const suggestion = closest(id, RULES.map((r) => r.id));
          found.push({ path: setting.path, key: true, check: 'policy/unknown-rule', message: `No governance rule '${id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, ...(suggestion ? { suggestion } : {}) });
          continue;
        }
        for (const problem of checkOptions(rule, setting.options).problems) found.push({ ...problem, path: [...setting.path, 'options', ...problem.path] });
        // A scope may not loosen what its own policy's top level marks mandatory, either.
        const floor = inherited.get(id) ?? (index > 0 ? policy.rules.get(id) : undefined);
        if (floor?.mandatory && rank(setting.level) < rank(floor.level)) {
          found.push({ path: setting.path, key: true, check: 'policy/loosens-mandatory', message: `'${id}' is mandatory at '${floor.level}' in a policy this one builds on; a policy may tighten it but not set it to '${setting.level}'.` });
        }
      }
    }
    return found;
  }
}

/** Later settings win, but none lowers the level of a rule an earlier one marked mandatory. */
function merge(chain: Map<string, Setting>[]): Map<string, Setting> {
  const merged = new Map<string, Setting>();
  for (const rules of chain) {
    for (const [id, setting] of rules) {
      const current = merged.get(id);
      const level = current?.mandatory && rank(setting.level) < rank(current.level) ? current.level : setting.level;
      merged.set(id, { level, options: { ...current?.options, ...setting.options }, mandatory: (current?.mandatory ?? false) || setting.mandatory, path: setting.path });
    }
  }
  return merged;
}

/** A rule's options with defaults filled in; wrong ones keep the default and are reported. */
export function checkOptions(rule: Rule, given: Record<string, unknown>): { values: OptionValues; problems: PolicyProblem[] } {
  const values: OptionValues = {};
  const problems: PolicyProblem[] = [];
  for (const name of Object.keys(given)) {
    if (rule.options[name]) continue;
    const suggestion = closest(name, Object.keys(rule.options));
    const known = Object.keys(rule.options);
    problems.push({ path: [name], key: true, check: 'policy/invalid-option', message: `'${rule.id}' has no option '${name}'${known.length > 0 ? `; it understands ${known.join(', ')}` : ''}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, ...(suggestion ? { suggestion } : {}) });
  }
  for (const [name, spec] of Object.entries(rule.options)) {
    const value = name in given ? given[name] : spec.default;
    const fallback = (): readonly string[] | RegExp | boolean => (spec.type === 'pattern' ? (compilePattern(spec.default as string) as { regex: RegExp }).regex : (spec.default as readonly string[] | boolean));
    if (spec.type === 'strings') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[name] = value as string[];
      else {
        problems.push({ path: [name], check: 'policy/invalid-option', message: `Option '${name}' of '${rule.id}' is a list of strings.` });
        values[name] = fallback();
      }
    } else if (spec.type === 'boolean') {
      if (typeof value === 'boolean') values[name] = value;
      else {
        problems.push({ path: [name], check: 'policy/invalid-option', message: `Option '${name}' of '${rule.id}' is true or false.` });
        values[name] = fallback();
      }
    } else {
      const compiled = typeof value === 'string' ? compilePattern(value) : { error: `Option '${name}' of '${rule.id}' is a regular expression, written as a string.` };
      if ('regex' in compiled) values[name] = compiled.regex;
      else {
        problems.push({ path: [name], check: 'policy/invalid-option', message: compiled.error });
        values[name] = fallback();
      }
    }
  }
  return { values, problems };
}
