import { MeshGraph } from '../lineage/meshGraph';
import type { SourceText } from '../model/sourceText';
import { WorkspaceIndex } from './workspaceIndex';

/** Files by URI, for features that need ranges in other files: open ones from the editor, others read from disk. */
export interface DocumentSource {
  get(uri: string): SourceText | undefined;
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
