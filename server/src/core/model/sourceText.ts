import type { MeshDocument } from './meshDocument';
import type { Span } from '../util/span';

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
  /**
   * The span at a path (of its key, with `key`) when it is known without reading the text again:
   * the analysis worker placed the paths a file's facts name. Undefined: read it.
   */
  knownSpan?(docIndex: number, path: readonly (string | number)[], key: boolean): Span | undefined;
}
