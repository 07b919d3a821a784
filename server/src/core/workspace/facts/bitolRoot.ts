import { anonymousKey, contractKey, productKey } from '../entityKeys';
import type { TeamMember } from '../meshFacts';
import { type Data, FactBuilder, isData, list, nonEmpty, strings, text } from './factBuilder';

/**
 * The root of a Bitol document (ODCS contract or ODPS product), whose fundamentals are the same:
 * `id`, `name`, `version`, `status`, `domain`, `team.name`, `description.purpose` and
 * `authoritativeDefinitions`. Returns the key of the contract or product.
 */
export function bitolRoot(b: FactBuilder, root: Data, kind: 'contract' | 'product'): string {
  const id = nonEmpty(root.id);
  const key = id ? (kind === 'contract' ? contractKey(id) : productKey(id)) : anonymousKey(kind, b.uri, b.docIndex);
  const description = isData(root.description) ? root.description : undefined;
  b.define({
    kind,
    key,
    name: id ?? nonEmpty(root.name) ?? `unnamed ${kind}`,
    title: nonEmpty(root.name),
    path: [],
    namePath: id ? ['id'] : [],
    status: nonEmpty(root.status),
    version: text(root.version),
    domain: nonEmpty(root.domain),
    // v3.1 and ODPS name the team; the v3.0 team is a list of members without a name.
    owner: isData(root.team) ? nonEmpty(root.team.name) : undefined,
    description: nonEmpty(description?.purpose),
    ...replacement(root),
    ...members(root.team),
    ...tags(root.tags),
  });
  b.glossaryLinks(key, root.authoritativeDefinitions, []);
  b.glossaryLinks(key, description?.authoritativeDefinitions, ['description']);
  return key;
}

/** The custom property by which a deprecated contract or product names its successor. */
export const REPLACED_BY = 'replacedBy';

/** The successor a deprecated contract or product names: `customProperties: [{ property: replacedBy, value: <id> }]`. */
export function replacementOf(root: Data): string | undefined {
  for (const p of list(root.customProperties)) {
    const value = isData(p) && p.property === REPLACED_BY ? nonEmpty(p.value) : undefined;
    if (value) return value;
  }
  return undefined;
}

function replacement(root: Data): { replacedBy?: string } {
  const replacedBy = replacementOf(root);
  return replacedBy ? { replacedBy } : {};
}

/** The members of a team: the v3.0 team is the list itself, v3.1's and ODPS's `team.members`. */
function members(team: unknown): { members?: TeamMember[] } {
  const found: TeamMember[] = [];
  for (const member of list(isData(team) ? team.members : team)) {
    if (!isData(member)) continue;
    const username = nonEmpty(member.username);
    if (!username) continue;
    const name = nonEmpty(member.name);
    const role = nonEmpty(member.role);
    found.push({ username, ...(name ? { name } : {}), ...(role ? { role } : {}) });
  }
  return found.length > 0 ? { members: found } : {};
}

function tags(value: unknown): { tags?: string[] } {
  const found = strings(value);
  return found.length > 0 ? { tags: found } : {};
}
