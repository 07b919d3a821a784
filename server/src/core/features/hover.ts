import type { Mesh } from '../lineage/mesh';
import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import type { FileFacts } from '../workspace/meshFacts';
import { type Target, targetAt } from '../workspace/targetAt';
import { columnLineageHover } from './columnLineageHover';
import { glossaryHover } from './glossaryHover';
import { lineageHover } from './lineageHover';

/** One part of a hover: the span it is about and its Markdown. */
export interface HoverSection {
  span: Span;
  markdown: string;
}

/** What every hover provider is asked with; the target under the cursor is found once, when first asked. */
export interface HoverContext {
  mesh: Mesh;
  document: SourceText;
  facts: FileFacts;
  offset: number;
  target(): Target | undefined;
}

export type HoverProvider = (context: HoverContext) => HoverSection | undefined;

/**
 * The providers, in the order their sections are shown: lineage of a product or contract, the
 * glossary term a column or business name means, the column's own lineage. A new kind of hover is
 * one more line here.
 */
const PROVIDERS: readonly HoverProvider[] = [
  (c) => lineageHover(c.mesh, c.target()),
  glossaryHover,
  columnLineageHover,
];

/** The hover at an offset: every provider's section, separated by rules, over the first section's span. */
export function hover(mesh: Mesh, document: SourceText, facts: FileFacts, offset: number): HoverSection | undefined {
  let target: { found: Target | undefined } | undefined;
  const context: HoverContext = { mesh, document, facts, offset, target: () => (target ??= { found: targetAt(mesh.index, document, facts, offset) }).found };
  const sections: HoverSection[] = [];
  for (const provide of PROVIDERS) {
    const section = provide(context);
    if (section) sections.push(section);
  }
  if (sections.length === 0) return undefined;
  return { span: sections[0]!.span, markdown: sections.map((s) => s.markdown).join('\n\n---\n\n') };
}
