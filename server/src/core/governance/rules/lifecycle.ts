import { REPLACED_BY, replacementOf } from '../../workspace/facts/bitolRoot';
import { isData, nonEmpty } from '../../workspace/facts/factBuilder';
import { type Rule, strings } from '../ruleTypes';

/**
 * An active product consumes no contract that is not released yet (draft, proposed). Deprecated and
 * retired inputs are warned for every product by `mesh/deprecated-contract` already; a policy adds them
 * to `disallowedStatuses` to make them its own finding (an error, say), with the fix to the replacement.
 */
export const activeInputs: Rule = {
  id: 'lifecycle/active-inputs',
  severity: 'warning',
  summary: 'An active data product consumes no draft or proposed contract (and, as the policy says, no deprecated or retired one).',
  standards: ['odps', 'dps'],
  options: {
    disallowedStatuses: { type: 'strings', default: ['draft', 'proposed'], description: 'Contract statuses an active product may not consume.' },
  },
  check(document, context) {
    const status = nonEmpty(document.data.status) ?? (isData(document.data.info) ? nonEmpty(document.data.info.status) : undefined);
    if (status?.toLowerCase() !== 'active') return;
    const disallowed = strings(context, 'disallowedStatuses');
    for (const link of context.facts.links) {
      if (link.docIndex !== document.docIndex || (link.kind !== 'consumes' && link.kind !== 'inputContract')) continue;
      const target = context.mesh.index.resolve(link);
      const contractStatus = target?.entity.kind === 'contract' ? target.entity.status?.toLowerCase() : undefined;
      if (!contractStatus || !disallowed.includes(contractStatus)) continue;
      const successor = target!.entity.replacedBy;
      context.report({ docIndex: document.docIndex, path: link.path, message: `This active product consumes '${target!.entity.name}', which is ${contractStatus}.${successor ? ` Move to '${successor}'.` : ''}`, data: { value: link.text, suggestions: successor ? [successor] : [] } });
    }
  },
};

/** A deprecated or retired contract names the contract that replaces it. */
export const deprecatedReplacement: Rule = {
  id: 'lifecycle/deprecated-replacement',
  severity: 'warning',
  summary: 'A deprecated contract names its replacement.',
  standards: ['odcs'],
  options: {},
  check(document, context) {
    const status = nonEmpty(document.data.status)?.toLowerCase();
    if (status !== 'deprecated' && status !== 'retired') return;
    if (replacementOf(document.data)) return;
    context.report({ docIndex: document.docIndex, path: ['status'], message: `This contract is ${status} but names no replacement: add customProperties: [{ property: ${REPLACED_BY}, value: <contract id> }] so its consumers know where to move.`, data: { missing: [REPLACED_BY] } });
  },
};
