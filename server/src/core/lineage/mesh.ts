import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { MeshGraph } from './meshGraph';

/** The workspace index plus the lineage graph derived from it, rebuilt only when lineage has changed. */
export class Mesh {
  readonly index = new WorkspaceIndex();
  private cached: { generation: number; graph: MeshGraph } | undefined;

  get graph(): MeshGraph {
    if (this.cached?.generation !== this.index.lineageGeneration) this.cached = { generation: this.index.lineageGeneration, graph: new MeshGraph(this.index) };
    return this.cached.graph;
  }
}
