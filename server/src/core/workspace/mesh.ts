import { MeshGraph } from '../lineage/meshGraph';
import type { MeshDocument } from '../model/meshDocument';
import { WorkspaceIndex } from './workspaceIndex';

/** Parsed documents by URI: open ones from the editor, others read from disk when a feature needs ranges. */
export interface DocumentSource {
  get(uri: string): MeshDocument | undefined;
}

/** The workspace index plus the lineage graph derived from it, rebuilt only when lineage has changed. */
export class Mesh {
  readonly index = new WorkspaceIndex();
  private cached: { generation: number; graph: MeshGraph } | undefined;

  get graph(): MeshGraph {
    if (this.cached?.generation !== this.index.lineageGeneration) this.cached = { generation: this.index.lineageGeneration, graph: new MeshGraph(this.index) };
    return this.cached.graph;
  }
}
