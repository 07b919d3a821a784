import { isData, list, nonEmpty } from '../workspace/facts/factBuilder';
import type { Path } from '../workspace/meshFacts';
import { globMatcher } from './glob';
import { LEVELS, type Level } from './ruleTypes';

/** One rule's setting as a policy writes it, with where (for findings in the policy file). */
export interface Setting {
  level: Level;
  options: Record<string, unknown>;
  mandatory: boolean;
  path: Path;
}

/** Which files a policy or a scope applies to; undefined lists mean any. */
interface Selector {
  domains?: readonly string[];
  paths?: readonly ((path: string) => boolean)[];
}

interface Scope extends Selector {
  rules: Map<string, Setting>;
}

/** A governance policy of the workspace, as read from its data. */
export interface Policy extends Selector {
  uri: string;
  docIndex: number;
  id: string | undefined;
  /** The folder it governs (the policy file's folder), as a URI prefix ending in `/`. */
  folder: string;
  extends: { id: string; path: Path }[];
  rules: Map<string, Setting>;
  scopes: Scope[];
}

export function readPolicy(uri: string, data: Record<string, unknown>, docIndex = 0): Policy {
  const extendsList = typeof data.extends === 'string' ? [{ id: data.extends, path: ['extends'] }] : list(data.extends).flatMap((e, i) => (typeof e === 'string' ? [{ id: e, path: ['extends', i] }] : []));
  return {
    uri,
    docIndex,
    id: nonEmpty(data.id),
    folder: uri.slice(0, uri.lastIndexOf('/') + 1),
    extends: extendsList,
    ...selector(data),
    rules: ruleMap(data.rules, ['rules']),
    scopes: list(data.scopes).flatMap((scope, i) => (isData(scope) ? [{ ...selector(scope), rules: ruleMap(scope.rules, ['scopes', i, 'rules']) }] : [])),
  };
}

function selector(data: Record<string, unknown>): Selector {
  const domains = Array.isArray(data.domains) ? data.domains.filter((d): d is string => typeof d === 'string') : undefined;
  const paths = Array.isArray(data.paths) ? data.paths.filter((p): p is string => typeof p === 'string').map(globMatcher) : undefined;
  return { ...(domains ? { domains } : {}), ...(paths ? { paths } : {}) };
}

function ruleMap(value: unknown, path: Path): Map<string, Setting> {
  const rules = new Map<string, Setting>();
  if (!isData(value)) return rules;
  for (const [id, raw] of Object.entries(value)) {
    const at = [...path, id];
    // A bare `off` is the boolean false to YAML 1.1 readers; it means the same.
    const level = raw === false ? 'off' : typeof raw === 'string' ? raw : isData(raw) ? raw.severity : undefined;
    if (!LEVELS.includes(level as Level)) continue; // the schema reports it
    rules.set(id, { level: level as Level, options: isData(raw) && isData(raw.options) ? raw.options : {}, mandatory: isData(raw) && raw.mandatory === true, path: at });
  }
  return rules;
}

/** Whether a policy or scope selects a file, given its domain and its path relative to the policy's folder. */
export function selects(selector: Selector, domain: string | undefined, relative: string): boolean {
  if (selector.domains && !(domain !== undefined && selector.domains.includes(domain))) return false;
  if (selector.paths && !selector.paths.some((match) => match(relative))) return false;
  return true;
}

export const isScoped = (policy: Policy): boolean => policy.domains !== undefined || policy.paths !== undefined;

/** A file's path relative to a folder URI, decoded, for globs. */
export function relativeTo(folder: string, uri: string): string {
  const rest = uri.slice(folder.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

export const rank = (level: Level): number => LEVELS.indexOf(level);
