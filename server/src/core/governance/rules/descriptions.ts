import { isData, list, nonEmpty } from '../../workspace/facts/factBuilder';
import { type Rule, strings } from '../ruleTypes';

/** `description.purpose` and `description.usage` (the fields the policy lists) are written. */
export const requiredDescription: Rule = {
  id: 'descriptions/required-description',
  severity: 'warning',
  summary: 'A contract or product says what it is for and how to use it.',
  standards: ['odcs', 'odps'],
  options: {
    fields: { type: 'strings', default: ['purpose', 'usage'], description: 'Fields of `description` that must be written.' },
  },
  check(document, context) {
    const root = document.data;
    const description = isData(root.description) ? root.description : undefined;
    const missing = strings(context, 'fields').filter((field) => !nonEmpty(description?.[field]));
    if (missing.length === 0) return;
    const where = description ? ['description'] : root.id !== undefined ? ['id'] : [];
    context.report({ docIndex: document.docIndex, path: where, key: where[0] === 'description', message: `The description does not say ${missing.map((f) => `'${f}'`).join(' or ')}: write ${missing.length === 1 ? 'it' : 'them'} so that consumers know what the data is for and how to use it.`, data: { missing } });
  },
};

/** An active contract or product says where consumers get help (`support` channels). */
export const requiredSupport: Rule = {
  id: 'descriptions/required-support',
  severity: 'warning',
  summary: 'An active contract or product lists support channels.',
  standards: ['odcs', 'odps'],
  options: {
    statuses: { type: 'strings', default: ['active'], description: 'Statuses for which support channels are required.' },
  },
  check(document, context) {
    const root = document.data;
    const status = nonEmpty(root.status)?.toLowerCase();
    if (!status || !strings(context, 'statuses').includes(status)) return;
    if (list(root.support).some((s) => isData(s) && (nonEmpty(s.channel) || nonEmpty(s.url)))) return;
    context.report({ docIndex: document.docIndex, path: root.support !== undefined ? ['support'] : ['status'], key: root.support !== undefined, message: `This ${status} ${document.standard === 'odps' ? 'product' : 'contract'} lists no support channel: add one (a chat channel, an email address) so consumers know where to ask.` });
  },
};
