import type { SourceText } from '../model/sourceText';
import type { DocumentSource } from '../workspace/locateFacts';
import type { Mesh } from '../lineage/mesh';
import type { FileFacts } from '../workspace/meshFacts';
import { type MeshLocation, nameLocation, targetAt } from '../workspace/targetAt';

/** Go to definition: from a reference to what it names; every definition when an id is defined twice. */
export function findDefinition(mesh: Mesh, documents: DocumentSource, document: SourceText, facts: FileFacts, offset: number): MeshLocation[] {
  const target = targetAt(mesh.index, document, facts, offset);
  if (!target?.entity) return [];
  const entity = target.entity.entity;
  const all = target.link ? mesh.index.lookup(entity.key) : [target.entity];
  return all.map((ref) => nameLocation(documents, ref)).filter((l): l is MeshLocation => l !== undefined);
}
