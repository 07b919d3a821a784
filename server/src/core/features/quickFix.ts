import type { MeshDiagnostic } from '../model/diagnostic';
import type { FileEdit } from '../util/span';

/**
 * A code action of the core: edits built from a diagnostic's data (never from its message), or a
 * refactoring asked for at a position. The edge turns it into an LSP CodeAction.
 */
export interface QuickFix {
  title: string;
  /** LSP code action kinds: `quickfix` for a diagnostic's fix, `refactor.rewrite` for a refactoring. */
  kind: 'quickfix' | 'refactor.rewrite';
  /** The fix VS Code applies with "Auto Fix" (one per diagnostic at most). */
  isPreferred?: boolean;
  /** The diagnostic it fixes, as the core reported it. */
  diagnostic?: MeshDiagnostic;
  /** Replacements in existing files, each changing only its span. */
  edits: FileEdit[];
  /** A file the fix creates (a migrated contract, a new glossary): its URI and whole text. */
  createFile?: { uri: string; text: string };
}
