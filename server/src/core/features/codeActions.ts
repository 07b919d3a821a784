import { CODE_PREFIX as GOVERNANCE } from '../governance/catalogue';
import { glossaryQuickFixes, glossaryRefactorings } from '../glossary/glossaryFixes';
import type { Mesh } from '../lineage/mesh';
import type { MeshDiagnostic } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import type { DocumentSource } from '../workspace/locateFacts';
import type { FileFacts } from '../workspace/meshFacts';
import { governanceFixes } from './governanceFixes';
import { insertMissing } from './insertMissingFix';
import { migrateDcsAction } from './migrateDcs';
import type { QuickFix } from './quickFix';
import { replaceWithSuggestion } from './replaceFix';

/** What a fix is built against: the file as the core holds it now, and the mesh around it. */
export interface FixContext {
  uri: string;
  document: SourceText;
  facts: FileFacts;
  mesh: Mesh;
  /** Other files' texts, for fixes that edit another file (a term added to the glossary). */
  documents: DocumentSource;
}

/** Builds the fixes of one diagnostic from its data; an empty list when the data or the text does not allow a safe edit. */
export type FixBuilder = (diagnostic: MeshDiagnostic, context: FixContext) => QuickFix[];

/** A refactoring offered wherever the cursor is in a file of the right kind, whatever its diagnostics. */
export type Refactoring = (context: FixContext, span: Span) => QuickFix[];

const glossaryFix: FixBuilder = (diagnostic, context) => glossaryQuickFixes(context, diagnostic);

/** The quick fixes, by diagnostic code: one line plugs in a feature's fixes. */
export const FIX_BUILDERS: Readonly<Record<string, FixBuilder>> = {
  'schema/unknown-property': replaceWithSuggestion,
  'schema/invalid-value': replaceWithSuggestion,
  'schema/unknown-status': replaceWithSuggestion,
  'mesh/unresolved-reference': replaceWithSuggestion,
  'mesh/deprecated-contract': replaceWithSuggestion,
  'schema/missing-property': insertMissing,
  'glossary/deprecated-term': glossaryFix,
  'glossary/unknown-business-name': glossaryFix,
  'glossary/pii-unclassified': glossaryFix,
};

/** Governance's rule ids are open-ended (a policy names them), so its fixes are found by the codes' prefix. */
const governanceFix: FixBuilder = (diagnostic, context) => governanceFixes(context.uri, context.document.text, diagnostic);
const builderOf = (code: string, builders: Readonly<Record<string, FixBuilder>>) => builders[code] ?? (code.startsWith(GOVERNANCE) ? governanceFix : undefined);

const REFACTORINGS: readonly Refactoring[] = [migrateDcsAction, (context, span) => glossaryRefactorings(context, span[0])];

// VS Code sends the diagnostics under the cursor; a selection of a whole broken file may hold thousands.
const MAX_DIAGNOSTICS = 100;

/**
 * The code actions at a range: the fixes of the diagnostics the client sent back (their `data` says
 * what to do; the current text must still read as they saw it), then the refactorings that apply.
 * `only` filters by kind, as the LSP's `context.only` does (`refactor` includes `refactor.rewrite`).
 */
export function codeActions(context: FixContext, span: Span, diagnostics: readonly MeshDiagnostic[], only?: readonly string[], builders: Readonly<Record<string, FixBuilder>> = FIX_BUILDERS): QuickFix[] {
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const fixes = wanted('quickfix') ? diagnostics.slice(0, MAX_DIAGNOSTICS).flatMap((d) => builderOf(d.code, builders)?.(d, context) ?? []) : [];
  const refactorings = wanted('refactor.rewrite') ? REFACTORINGS.flatMap((r) => r(context, span)) : [];
  return [...fixes, ...refactorings];
}
