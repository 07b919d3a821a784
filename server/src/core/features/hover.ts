import type { Mesh } from '../lineage/mesh';
import type { LinesCache } from '../model/cursorContext';
import type { SchemaNavigators } from '../schema/schemaAtPath';
import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import type { FileFacts } from '../workspace/meshFacts';
import { type Target, targetAt } from '../workspace/targetAt';
import { columnLineageHover } from './columnLineageHover';
import { glossaryHover } from './glossaryHover';
import { keyHover } from './keyHover';
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
  fileName: string;
  /** The schemas' navigators and the lines read for completion, shared with the key's documentation. */
  schemas: { navigators: SchemaNavigators; lines: LinesCache };
  offset: number;
  target(): Target | undefined;
}

/** What the façade hands over: the file and the mesh; the offset and the target are added here. */
export type HoverSubject = Omit<HoverContext, 'offset' | 'target'>;

export type HoverProvider = (context: HoverContext) => HoverSection | undefined;

/**
 * The providers, in the order their sections are shown: the schema's documentation of a key (it is
 * read from the line, so it costs nothing elsewhere), lineage of a product or contract, the
 * glossary term a column or business name means, the column's own lineage. A new kind of hover is
 * one more line here.
 */
const PROVIDERS: readonly HoverProvider[] = [
  (c) => keyHover({ text: c.document.text, fileName: c.fileName }, c.offset, c.schemas.navigators, c.schemas.lines),
  (c) => lineageHover(c.mesh, c.target()),
  glossaryHover,
  columnLineageHover,
];

/** The hover at an offset: every provider's section, separated by rules, over the first section's span. */
export function hover(subject: HoverSubject, offset: number): HoverSection | undefined {
  let target: { found: Target | undefined } | undefined;
  const { mesh, document, facts } = subject;
  const context: HoverContext = { ...subject, offset, target: () => (target ??= { found: targetAt(mesh.index, document, facts, offset) }).found };
  const sections: HoverSection[] = [];
  for (const provide of PROVIDERS) {
    const section = provide(context);
    if (section) sections.push(section);
  }
  if (sections.length === 0) return undefined;
  return { span: sections[0]!.span, markdown: sections.map((s) => s.markdown).join('\n\n---\n\n') };
}
