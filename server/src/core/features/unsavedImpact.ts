import type { UnsavedImpact } from '../lineage/lineageGraph';
import type { Mesh } from '../lineage/mesh';
import type { DocumentSource } from '../workspace/locateFacts';
import type { FileFacts } from '../workspace/meshFacts';
import { BaseComparisons, type ComparedFile } from './breakingDiagnostics';

/** An open document, as the impact needs it: its text now and its facts. */
export interface OpenFile extends ComparedFile {
  text: string;
  facts: FileFacts;
}

/**
 * The impact of edits not saved yet: each open contract or product is compared with its text on disk,
 * by the same checks as breaking changes against git (so the graph and the Problems panel agree), plus
 * a change of status. The saved text comes through the caller's `readSaved`; each saved text is parsed
 * once, and each version compared once per state of the index.
 */
export class UnsavedImpacts {
  private readonly comparisons: BaseComparisons;

  constructor(
    private readonly mesh: Mesh,
    others: DocumentSource,
  ) {
    this.comparisons = new BaseComparisons(mesh, others);
  }

  impacts(open: readonly OpenFile[], readSaved: (uri: string) => string | undefined): UnsavedImpact[] {
    const found: UnsavedImpact[] = [];
    for (const file of open) {
      const entity = file.facts.entities.find((e) => e.kind === 'contract' || e.kind === 'product');
      const saved = entity && this.mesh.graph.nodes.has(entity.key) ? readSaved(file.uri) : undefined;
      // A file never saved has no consumers yet; one saved as it is has nothing unsaved.
      this.comparisons.set(file.uri, saved !== undefined && saved !== file.text ? { ref: 'the saved file', text: saved } : undefined);
      const report = this.comparisons.report(file);
      if (!entity || !report) continue;
      const changes = report.changes.map((c) => c.message);
      const consumers = report.changes.flatMap((c) => c.consumers);
      if (report.oldStatus !== report.newStatus) {
        changes.push(`The status changes from ${report.oldStatus ?? '(none)'} to ${report.newStatus ?? '(none)'}.`);
        consumers.push(...this.mesh.graph.consumersOf(entity.key));
      }
      const affected = [...new Set(consumers.map((key) => this.nodeOf(key)).filter((key): key is string => key !== undefined && key !== entity.key))];
      if (changes.length > 0) found.push({ node: entity.key, uri: file.uri, changes, affected });
    }
    return found;
  }

  /** The graph node a consumer key stands for: a node itself, or the contract that holds a column. */
  private nodeOf(key: string): string | undefined {
    if (this.mesh.graph.nodes.has(key)) return key;
    const container = this.mesh.index.lookup(key)[0]?.entity.container;
    return container !== undefined && this.mesh.graph.nodes.has(container) ? container : undefined;
  }
}
