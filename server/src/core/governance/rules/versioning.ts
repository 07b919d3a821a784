import type { Rule } from '../ruleTypes';

/**
 * A contract or product with breaking changes against the base (the editor's
 * `dataMesh.breakingChanges.base`, `datamesh check --base`) bumps its major version, as semantic
 * versioning asks: consumers pinned to the old major keep a promise that still holds.
 */
export const majorBumpRequired: Rule = {
  id: 'versioning/major-bump-required',
  severity: 'error',
  summary: 'A contract or product with breaking changes against the base bumps its major version.',
  standards: ['odcs', 'odps'],
  options: {},
  check(document, context) {
    const report = context.changeReport();
    if (!report?.suggestedVersion || document.docIndex !== 0) return;
    const { changes, oldVersion, newVersion, suggestedVersion } = report;
    const checks = [...new Set(changes.map((c) => c.check))].join(', ');
    const consumers = new Set(changes.flatMap((c) => c.consumers)).size;
    const written = newVersion !== undefined && document.data.version !== undefined;
    context.report({
      docIndex: document.docIndex,
      path: written ? ['version'] : ['kind'],
      key: !written,
      message: `${changes.length} breaking change${changes.length === 1 ? '' : 's'} (${checks}) since the base${consumers > 0 ? `, breaking ${consumers} consumer${consumers === 1 ? '' : 's'},` : ''} but the major version did not grow (${oldVersion} → ${newVersion ?? 'none'}): bump the version to ${suggestedVersion}.`,
      data: { suggestions: [suggestedVersion], ...(written ? { value: newVersion } : {}) },
    });
  },
};
