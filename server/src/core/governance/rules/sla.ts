import { isData, list, nonEmpty } from '../../workspace/facts/factBuilder';
import { type Rule, strings } from '../ruleTypes';

/** An active contract declares the SLA properties the policy requires. */
export const requiredSlaProperties: Rule = {
  id: 'sla/required-properties',
  severity: 'warning',
  summary: 'An active contract declares the SLA properties the policy requires.',
  standards: ['odcs'],
  options: {
    properties: { type: 'strings', default: ['latency', 'retention'], description: 'SLA properties (`slaProperties[].property`) every active contract declares.' },
    statuses: { type: 'strings', default: ['active'], description: 'Statuses for which the SLA is required.' },
  },
  check(document, context) {
    const root = document.data;
    const status = nonEmpty(root.status)?.toLowerCase();
    if (!status || !strings(context, 'statuses').includes(status)) return;
    const declared = new Set(list(root.slaProperties).map((p) => (isData(p) ? nonEmpty(p.property)?.toLowerCase() : undefined)));
    const missing = strings(context, 'properties').filter((p) => !declared.has(p.toLowerCase()));
    if (missing.length === 0) return;
    const where = root.slaProperties !== undefined ? ['slaProperties'] : ['status'];
    context.report({ docIndex: document.docIndex, path: where, key: where[0] === 'slaProperties', message: `This ${status} contract declares no ${missing.map((m) => `'${m}'`).join(' or ')} in slaProperties, which the policy requires.`, data: { missing } });
  },
};
