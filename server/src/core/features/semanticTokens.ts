import type { Mesh } from '../lineage/mesh';
import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import { FactLocator } from '../workspace/locateFacts';
import type { FileFacts, LinkKind } from '../workspace/meshFacts';

/**
 * The legend, declared once: the server announces it, and package.json's semanticTokenTypes,
 * semanticTokenModifiers and semanticTokenScopes name the same ids (a test keeps them equal).
 */
export const TOKEN_TYPES = ['contractReference', 'columnReference', 'glossaryReference', 'definitionReference'] as const;
export const TOKEN_MODIFIERS = ['unresolved', 'deprecated'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  span: Span;
  type: TokenType;
  modifiers: TokenModifier[];
}

const TYPE_OF_LINK: Record<LinkKind, TokenType> = {
  publishes: 'contractReference',
  consumes: 'contractReference',
  inputContract: 'contractReference',
  relationship: 'columnReference',
  slaElement: 'columnReference',
  columnLineage: 'columnReference',
  glossary: 'glossaryReference',
  businessName: 'glossaryReference',
  termRelation: 'glossaryReference',
  definitionRef: 'definitionReference',
};
const RETIRED = new Set(['deprecated', 'retired']);

/**
 * The references of a file as tokens, in text order: what each names (a contract, a column, a glossary
 * term, a definition), whether it names nothing (`unresolved`, only once the whole index is known and
 * every file was read, as the diagnostics decide), and whether its target is deprecated. Free-text links
 * (business names, lineage) are tokens only when they resolve: unresolved, they are just text.
 */
export function semanticTokens(mesh: Mesh, document: SourceText, facts: FileFacts, indexComplete: boolean, range?: Span): SemanticToken[] {
  const locator = FactLocator.of(document);
  const certain = indexComplete && mesh.index.skipped.size === 0;
  const tokens: SemanticToken[] = [];
  for (const link of facts.links) {
    const target = mesh.index.resolve(link);
    if (!target && !(link.strict && certain)) continue;
    const span = locator.linkSpan(link);
    // A token is one line (LSP); a reference folded over lines keeps the grammar's colouring.
    if (!span || span[1] <= span[0] || /[\r\n]/.test(document.text.slice(span[0], span[1]))) continue;
    if (range && (span[1] <= range[0] || span[0] >= range[1])) continue;
    const status = target?.entity.status?.toLowerCase();
    const modifiers: TokenModifier[] = [...(target ? [] : ['unresolved' as const]), ...(status && RETIRED.has(status) ? ['deprecated' as const] : [])];
    tokens.push({ span, type: TYPE_OF_LINK[link.kind], modifiers });
  }
  tokens.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  // Tokens may not overlap: the first (outermost) at a place wins.
  return tokens.filter((token, i) => i === 0 || token.span[0] >= tokens[i - 1]!.span[1]);
}
