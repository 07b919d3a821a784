import type { MeshDocument } from './meshDocument';

/**
 * A file's text with its syntax tree on demand: what placing facts and findings needs. A parsed
 * `MeshDocument` is one (its tree is itself); a `FileHandle` builds the tree only when a quick read
 * cannot place something.
 */
export interface SourceText {
  readonly text: string;
  /** The syntax tree, built if need be. */
  tree(): MeshDocument;
  /** Whether the tree is built already: then it is used rather than a quick read. */
  readonly hasTree: boolean;
}
