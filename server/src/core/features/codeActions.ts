import type { Mesh } from '../lineage/mesh';
import type { MeshDiagnostic } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import type { Span } from '../util/span';
import type { FileFacts } from '../workspace/meshFacts';
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
}

/** Builds the fixes of one diagnostic from its data; an empty list when the data or the text does not allow a safe edit. */
export type FixBuilder = (diagnostic: MeshDiagnostic, context: FixContext) => QuickFix[];

/** A refactoring offered wherever the cursor is in a file of the right kind, whatever its diagnostics. */
export type Refactoring = (context: FixContext, span: Span) => QuickFix[];

/** The quick fixes, by diagnostic code: one line plugs in a feature's fixes (`...glossaryFixes`). */
export const FIX_BUILDERS: Readonly<Record<string, FixBuilder>> = {
  'schema/unknown-property': replaceWithSuggestion,
  'schema/invalid-value': replaceWithSuggestion,
  'schema/unknown-status': replaceWithSuggestion,
  'mesh/unresolved-reference': replaceWithSuggestion,
  'mesh/deprecated-contract': replaceWithSuggestion,
  'schema/missing-property': insertMissing,
};

const REFACTORINGS: readonly Refactoring[] = [migrateDcsAction];

// VS Code sends the diagnostics under the cursor; a selection of a whole broken file may hold thousands.
const MAX_DIAGNOSTICS = 100;

/**
 * The code actions at a range: the fixes of the diagnostics the client sent back (their `data` says
 * what to do; the current text must still read as they saw it), then the refactorings that apply.
 * `only` filters by kind, as the LSP's `context.only` does (`refactor` includes `refactor.rewrite`).
 */
export function codeActions(context: FixContext, span: Span, diagnostics: readonly MeshDiagnostic[], only?: readonly string[], builders: Readonly<Record<string, FixBuilder>> = FIX_BUILDERS): QuickFix[] {
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const fixes = wanted('quickfix') ? diagnostics.slice(0, MAX_DIAGNOSTICS).flatMap((d) => builders[d.code]?.(d, context) ?? []) : [];
  const refactorings = wanted('refactor.rewrite') ? REFACTORINGS.flatMap((r) => r(context, span)) : [];
  return [...fixes, ...refactorings];
}
