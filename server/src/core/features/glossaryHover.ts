import { COLUMN_KINDS, columnsUsing, isDeprecated, isTerm, TERM_LINKS, termById, termOfColumn, termOfLink, termTitle, type TermVia } from '../glossary/glossary';
import { relativePath } from '../util/relativePath';
import type { EntityRef, WorkspaceIndex } from '../workspace/workspaceIndex';
import type { HoverContext, HoverSection } from './hover';
import { shown } from './lineageHover';

// A definition is a paragraph, not a page; lists name the first few.
const MAX_DEFINITION = 600;
const MAX_LISTED = 6;

/**
 * The glossary term under the cursor: on a column or table name (the term it links to, its business
 * name means, or its own name matches), on a business name or glossary link, and on a term itself.
 */
export function glossaryHover(context: HoverContext): HoverSection | undefined {
  const target = context.target();
  if (!target) return undefined;
  const index = context.mesh.index;
  let found: { term: EntityRef; via?: TermVia } | undefined;
  if (target.link) {
    const term = TERM_LINKS.has(target.link.kind) || target.link.kind === 'termRelation' ? termOfLink(index, target.link) : undefined;
    found = term && { term };
  } else if (target.entity && COLUMN_KINDS.has(target.entity.entity.kind)) {
    found = termOfColumn(index, context.facts, target.entity.entity);
  } else if (target.entity && isTerm(target.entity.entity)) {
    found = { term: target.entity };
  }
  return found && { span: target.span, markdown: termMarkdown(index, found.term, context.facts.uri, found.via) };
}

/** A term as a person reads it: name, status line, definition, then one line each of what else is known. */
export function termMarkdown(index: WorkspaceIndex, ref: EntityRef, fromUri: string, via?: TermVia): string {
  const term = ref.entity;
  const details = term.term ?? {};
  const facts = [term.kind === 'definition' ? 'Shared definition' : 'Glossary term'];
  if (term.domain) facts.push(`domain **${shown(term.domain)}**`);
  if (term.status) facts.push(shown(term.status));
  if (term.owner) facts.push(`owner ${shown(term.owner)}`);
  const lines = [`#### ${shown(termTitle(term))}`, '', facts.join(' · '), ''];
  if (isDeprecated(term)) {
    const replacement = details.replacedBy ? termById(index, ref, details.replacedBy) : undefined;
    const instead = replacement ? termTitle(replacement.entity) : details.replacedBy;
    lines.push(`**Deprecated**${instead ? `: use **${shown(instead)}** instead` : ''}.`, '');
  }
  if (term.description) lines.push(shown(term.description, MAX_DEFINITION), '');
  const items: string[] = [];
  if (details.synonyms?.length) items.push(`**Synonyms:** ${listed(details.synonyms)}`);
  if (term.classification || details.pii !== undefined) {
    const pii = details.pii === true ? '**PII**' : details.pii === false ? 'not PII' : undefined;
    items.push(`**Classification:** ${[term.classification ? shown(term.classification) : 'none', ...(pii ? [pii] : [])].join(' · ')}`);
  }
  if (details.related?.length) items.push(`**Related:** ${listed(details.related.map((id) => { const related = termById(index, ref, id); return related ? termTitle(related.entity) : id; }))}`);
  const uses = columnsUsing(index, ref);
  items.push(`**Defined in** ${shown(relativePath(fromUri, ref.uri))} · **used by** ${uses} column${uses === 1 ? '' : 's'} in the mesh`);
  lines.push(...items.map((item) => `- ${item}`));
  if (via === 'name') lines.push('', `_Matched by the column's name; link it to the term to make that explicit._`);
  return lines.join('\n').trimEnd();
}

function listed(names: readonly string[]): string {
  const first = names.slice(0, MAX_LISTED).map((n) => shown(n, 60));
  return `${first.join(', ')}${names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''}`;
}
