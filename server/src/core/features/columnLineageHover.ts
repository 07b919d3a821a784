import type { Entity } from '../workspace/meshFacts';
import type { EntityRef, WorkspaceIndex } from '../workspace/workspaceIndex';
import type { HoverContext, HoverSection } from './hover';
import { shown } from './lineageHover';

// Bounded output: a column feeding 200 others lists the first ones and says how many more.
const MAX_LISTED = 8;

/**
 * A column's own lineage, on its name: the columns and tables it is computed from
 * (`transformSourceObjects`, Data Contract Specification `lineage.inputFields`) and the columns
 * computed from it; on a table's name, the columns computed from the table. Nothing
 * when it has neither, so a plain column's hover stays short.
 */
export function columnLineageHover(context: HoverContext): HoverSection | undefined {
  const target = context.target();
  const column = target && !target.link ? target.entity : undefined;
  if (!column || (column.entity.kind !== 'property' && column.entity.kind !== 'schemaObject')) return undefined;
  const index = context.mesh.index;
  const upstream: string[] = [];
  for (const link of context.facts.links) {
    if (link.kind !== 'columnLineage' || link.from !== column.entity.key || link.docIndex !== column.entity.docIndex) continue;
    const source = index.resolve(link);
    upstream.push(source ? describe(index, source.entity) : `${shown(link.text, 80)} _(not in this workspace)_`);
  }
  const downstream: string[] = [];
  for (const ref of index.referencesTo(column)) {
    if (ref.link.kind !== 'columnLineage') continue;
    const consumer = index.lookup(ref.link.from).find((r) => r.uri === ref.uri);
    if (consumer) downstream.push(describe(index, consumer.entity));
  }
  if (upstream.length === 0 && downstream.length === 0) return undefined;
  const lines = [`#### ${column.entity.kind === 'property' ? 'Column' : 'Table'} lineage`, ''];
  section(lines, 'Upstream', upstream);
  section(lines, 'Downstream', downstream);
  return { span: target!.span, markdown: lines.join('\n').trimEnd() };
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(`**${title}**`, '', ...items.slice(0, MAX_LISTED).map((item) => `- ${item}`));
  if (items.length > MAX_LISTED) lines.push(`- _and ${items.length - MAX_LISTED} more_`);
  lines.push('');
}

/** **orders.order_id** in contract sales-orders-v1. */
function describe(index: WorkspaceIndex, column: Entity): string {
  const container: EntityRef | undefined = column.container ? index.lookup(column.container)[0] : undefined;
  const where = container ? ` in ${container.entity.kind} ${shown(container.entity.name, 80)}` : '';
  return `**${shown(column.name, 80)}**${where}`;
}
