import type { SourceText } from '../model/sourceText';
import type { DocumentSource } from '../workspace/locateFacts';
import type { Mesh } from '../lineage/mesh';
import type { FileFacts } from '../workspace/meshFacts';
import { linkLocations, type MeshLocation, nameLocation, targetAt } from '../workspace/targetAt';

// Bounded work: a term used by every column of a huge mesh answers with the first ones.
export const MAX_REFERENCES = 5000;

/** Find all references: every link that resolves to the entity under the cursor, and its definition if asked. */
export function findReferences(mesh: Mesh, documents: DocumentSource, document: SourceText, facts: FileFacts, offset: number, includeDeclaration: boolean): MeshLocation[] {
  const target = targetAt(mesh.index, document, facts, offset);
  if (!target?.entity) return [];
  const refs = mesh.index.referencesTo(target.entity).slice(0, MAX_REFERENCES);
  const found = linkLocations(documents, refs);
  if (includeDeclaration) {
    const declaration = nameLocation(documents, target.entity);
    if (declaration) found.unshift(declaration);
  }
  return found;
}
