import { isData, list, nonEmpty } from '../../workspace/facts/factBuilder';
import { type Rule, strings } from '../ruleTypes';

/** Servers use only the types and environments the policy allows (scope it by domain for per-domain lists). */
export const allowedServers: Rule = {
  id: 'servers/allowed',
  severity: 'error',
  summary: 'Servers use only the allowed server types and environments.',
  standards: ['odcs'],
  options: {
    types: { type: 'strings', default: [], description: 'Allowed `servers[].type` values; empty allows any.' },
    environments: { type: 'strings', default: [], description: 'Allowed `servers[].environment` values; empty allows any.' },
  },
  check(document, context) {
    const checks: [string, readonly string[]][] = [
      ['type', strings(context, 'types')],
      ['environment', strings(context, 'environments')],
    ];
    list(document.data.servers).forEach((server, i) => {
      if (!isData(server)) return;
      for (const [field, allowed] of checks) {
        const value = nonEmpty(server[field]);
        if (allowed.length === 0 || value === undefined || allowed.includes(value)) continue;
        context.report({ docIndex: document.docIndex, path: ['servers', i, field], message: `Server ${field} '${value}' is not allowed here; the policy allows ${allowed.map((a) => `'${a}'`).join(', ')}.`, data: { value, expected: [...allowed] } });
      }
    });
  },
};
