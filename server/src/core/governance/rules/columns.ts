import type { Data } from '../../workspace/facts/factBuilder';
import { isData } from '../../workspace/facts/factBuilder';
import type { Entity, Path } from '../../workspace/meshFacts';
import type { GovernedDocument, RuleContext } from '../ruleTypes';
import { TERM_LINKS, termOfLink } from '../../glossary/glossary';

/** The node at a path of plain data, if it is a map. */
export function mapAt(data: unknown, path: Path): Data | undefined {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return isData(node) ? node : undefined;
}

/** The columns of a document that the index knows (ODCS properties, nested ones too), with their data. */
export function* columnsOf(document: GovernedDocument, context: RuleContext): Iterable<{ entity: Entity; column: Data }> {
  for (const entity of context.facts.entities) {
    if (entity.kind !== 'property' || entity.docIndex !== document.docIndex) continue;
    const column = mapAt(document.data, entity.path);
    if (column) yield { entity, column };
  }
}

/** The glossary terms and shared definitions a column means (by link, business name or definition), as the glossary reads them. */
export function linkedTerms(entity: Entity, context: RuleContext): Entity[] {
  const terms: Entity[] = [];
  for (const link of context.linksFrom(entity.key)) {
    if (link.docIndex !== entity.docIndex || !TERM_LINKS.has(link.kind)) continue;
    const target = termOfLink(context.mesh.index, link)?.entity;
    if (target) terms.push(target);
  }
  return terms;
}
