import { isData, list, nonEmpty } from '../../workspace/facts/factBuilder';
import { type Rule, strings } from '../ruleTypes';

/** A contract or product names a team with an owner (ODCS v3.0 team list, v3.1/ODPS team.members, DCS/DPS info.owner). */
export const requiredOwner: Rule = {
  id: 'ownership/required-owner',
  severity: 'error',
  summary: 'A data contract or data product names a team with an owner.',
  standards: ['odcs', 'odps', 'dcs', 'dps'],
  options: {
    ownerRoles: { type: 'strings', default: ['owner', 'data owner', 'product owner'], description: 'Team member roles that count as an owner (compared case-insensitively).' },
  },
  check(document, context) {
    const root = document.data;
    const what = document.standard === 'odps' || document.standard === 'dps' ? 'data product' : 'contract';
    if (document.standard === 'dcs' || document.standard === 'dps') {
      const info = isData(root.info) ? root.info : undefined;
      if (!nonEmpty(info?.owner)) context.report({ docIndex: document.docIndex, path: info ? ['info'] : [], key: true, message: `This ${what} names no owner: set info.owner to the team that answers for it.`, data: { missing: ['owner'] } });
      return;
    }
    const roles = new Set(strings(context, 'ownerRoles').map((r) => r.toLowerCase()));
    const members = Array.isArray(root.team) ? root.team : isData(root.team) ? list(root.team.members) : [];
    if (members.some((m) => isData(m) && roles.has(nonEmpty(m.role)?.toLowerCase() ?? ''))) return;
    const where = root.team !== undefined ? ['team'] : root.id !== undefined ? ['id'] : [];
    const message = root.team === undefined ? `This ${what} names no team: add a team with a member whose role is ${[...roles][0] ?? 'owner'}.` : `The team of this ${what} has no member with the role ${[...roles].map((r) => `'${r}'`).join(' or ')}.`;
    context.report({ docIndex: document.docIndex, path: where, key: where[0] === 'team', message });
  },
};
