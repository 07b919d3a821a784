import { list, nonEmpty } from '../../workspace/facts/factBuilder';
import { namePathOf, type Entity } from '../../workspace/meshFacts';
import { type Rule, type RuleContext, strings } from '../ruleTypes';
import { columnsOf, linkedTerms } from './columns';

const LEVELS_DEFAULT = ['public', 'internal', 'confidential', 'restricted'];

/** Columns that hold personal data (a PII tag, or a glossary term with `pii: true`) or are critical data elements have an allowed classification. */
export const requiredClassification: Rule = {
  id: 'classification/required-classification',
  severity: 'error',
  summary: 'A column with personal data, or a critical data element, has a classification from the allowed set.',
  standards: ['odcs'],
  options: {
    allowedClassifications: { type: 'strings', default: ['confidential', 'restricted'], description: 'Classifications a column with personal data may have.' },
    piiTags: { type: 'strings', default: ['pii', 'personal-data'], description: 'Tags that mark a column as personal data.' },
  },
  check(document, context) {
    const allowed = strings(context, 'allowedClassifications');
    const piiTags = new Set(strings(context, 'piiTags').map((t) => t.toLowerCase()));
    for (const { entity, column } of columnsOf(document, context)) {
      const classification = nonEmpty(column.classification);
      const tagged = list(column.tags).some((t) => typeof t === 'string' && piiTags.has(t.toLowerCase()));
      const term = tagged ? undefined : linkedTerms(entity, context).find((t) => t.term?.pii === true);
      const pii = tagged || term !== undefined;
      const critical = column.criticalDataElement === true;
      if (!pii && !critical) continue;
      const why = tagged ? 'is tagged as personal data' : term ? `is linked to the glossary term '${term.name}', which is personal data` : 'is a critical data element';
      if (classification === undefined) {
        // The glossary's own classification of the term first, when the policy allows it.
        const suggestion = pii ? (term?.classification !== undefined && allowed.includes(term.classification) ? term.classification : allowed[0]) : undefined;
        context.report({ docIndex: document.docIndex, path: namePathOf(entity), message: `Column '${entity.name}' ${why} but has no classification${pii && allowed.length > 0 ? `: classify it as ${allowed.map((a) => `'${a}'`).join(' or ')}` : ''}.`, data: { missing: ['classification'], suggestions: suggestion ? [suggestion] : [], expected: [...allowed] } });
      } else if (pii && allowed.length > 0 && !allowed.includes(classification)) {
        context.report({ docIndex: document.docIndex, path: [...entity.path, 'classification'], message: `Column '${entity.name}' ${why}, so its classification must be ${allowed.map((a) => `'${a}'`).join(' or ')}, not '${classification}'.`, data: { value: classification, suggestions: [allowed[0]!], expected: [...allowed] } });
      }
    }
  },
};

/** A critical data element has at least one quality rule. */
export const criticalElementQuality: Rule = {
  id: 'classification/critical-element-quality',
  severity: 'warning',
  summary: 'A critical data element has at least one quality rule.',
  standards: ['odcs'],
  options: {},
  check(document, context) {
    for (const { entity, column } of columnsOf(document, context)) {
      if (column.criticalDataElement !== true || list(column.quality).length > 0) continue;
      context.report({ docIndex: document.docIndex, path: [...entity.path, 'criticalDataElement'], key: true, message: `Column '${entity.name}' is a critical data element but has no quality rule: add at least one under quality.` });
    }
  },
};

/**
 * A column computed from other columns (`transformSourceObjects`) is classified at least as strictly
 * as the strictest of them, wherever in the mesh they are: only the lineage knows this.
 */
export const lineageClassification: Rule = {
  id: 'classification/lineage-classification',
  severity: 'error',
  summary: 'A column derived from a more strictly classified column is classified at least as strictly.',
  standards: ['odcs'],
  options: {
    levels: { type: 'strings', default: LEVELS_DEFAULT, description: 'Classifications from the least to the most strict.' },
  },
  check(document, context) {
    const levels = strings(context, 'levels');
    for (const { entity, column } of columnsOf(document, context)) {
      const strictest = strictestSource(entity, context, levels);
      if (!strictest) continue;
      const own = nonEmpty(column.classification);
      const ownLevel = own === undefined ? -1 : levels.indexOf(own);
      if (own !== undefined && ownLevel < 0) continue; // a classification the policy does not rank
      if (ownLevel >= strictest.level) continue;
      const from = `'${strictest.source.name}' (${strictest.source.classification})`;
      const message = own === undefined ? `Column '${entity.name}' is derived from ${from} but has no classification: classify it at least '${strictest.source.classification}'.` : `Column '${entity.name}' is classified '${own}' but is derived from ${from}: classify it at least as strictly.`;
      context.report({ docIndex: document.docIndex, path: own === undefined ? namePathOf(entity) : [...entity.path, 'classification'], message, data: { ...(own === undefined ? { missing: ['classification'] } : { value: own }), suggestions: [strictest.source.classification!] } });
    }
  },
};

function strictestSource(entity: Entity, context: RuleContext, levels: readonly string[]): { source: Entity; level: number } | undefined {
  let best: { source: Entity; level: number } | undefined;
  for (const link of context.linksFrom(entity.key)) {
    if (link.kind !== 'columnLineage') continue;
    const source = context.mesh.index.resolve(link)?.entity;
    const level = source?.kind === 'property' && source.classification ? levels.indexOf(source.classification) : -1;
    if (level >= 0 && (!best || level > best.level)) best = { source: source!, level };
  }
  return best;
}
