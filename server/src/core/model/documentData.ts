import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { MAX_ALIAS_COUNT, type YamlDocument } from './parseYaml';
import { containsItself } from './selfContaining';

/** A document as plain data, and what kept it from being read in full. */
export interface DocumentData {
  /** Undefined when the document could not be read at all. */
  data: unknown;
  /** Aliases would expand past the limit: `data` holds only what the file writes itself, without them. */
  aliasesLeftOut: boolean;
  /** Why the document could not be read (not the alias limit). */
  failure?: Error;
}

/**
 * The one conversion of a parsed document to data, with the alias limit. Past the limit the data is
 * still there without its aliases, so the entities a file defines (and its outline) do not vanish
 * because it shares a block with `<<: *name` 5,000 times.
 */
export function documentData(doc: YamlDocument): DocumentData {
  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (containsItself(data)) return { data: undefined, aliasesLeftOut: false, failure: new Error('an alias (*name) is inside the node its anchor (&name) names, so the data never ends') };
    return { data, aliasesLeftOut: false };
  } catch (error) {
    // The library's message for its alias limit (an unresolved alias is another ReferenceError).
    if (error instanceof ReferenceError && /alias count/i.test(error.message)) return { data: withoutAliases(doc.contents as Node | null), aliasesLeftOut: true };
    return { data: undefined, aliasesLeftOut: false, failure: error as Error };
  }
}

/** Plain data of a node with every alias left out: a list keeps the item (null) so paths stay right. */
function withoutAliases(node: Node | null): unknown {
  // Recursion is bounded: the text was refused before parsing if it nests more than 100 levels.
  if (isMap(node)) {
    const data: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (isScalar(pair.key) && !isAlias(pair.value)) data[String(pair.key.value)] = withoutAliases(pair.value as Node | null);
    }
    return data;
  }
  if (isSeq(node)) return node.items.map((item) => (isAlias(item) ? null : withoutAliases(item as Node | null)));
  return isScalar(node) ? node.value : null;
}
