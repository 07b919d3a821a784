import type { Node, Pair } from 'yaml';
import type { SourceText } from '../model/sourceText';
import { locate } from '../model/yamlLocate';

/** The node a diagnostic's path names in the syntax tree (and the map entry holding it), if every step is there. */
export function nodeAt(document: SourceText, docIndex: number, path: readonly (string | number)[]): { node: Node | null; pair: Pair | undefined } | undefined {
  const doc = document.tree().yaml.documents[docIndex];
  if (!doc) return undefined;
  const found = locate(doc, path.map(String));
  return found.complete ? found : undefined;
}
