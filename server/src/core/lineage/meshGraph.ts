import { idOfKey } from '../workspace/entityKeys';
import type { Entity } from '../workspace/meshFacts';
import type { EntityRef, LinkRef, WorkspaceIndex } from '../workspace/workspaceIndex';

export type GraphNodeKind = 'product' | 'contract';

/** A product or contract; `definition` is missing when it is only referenced. */
export interface GraphNode {
  key: string;
  kind: GraphNodeKind;
  definition?: EntityRef;
}

/** Product → contract (publishes) and contract → product (consumes), with the links that say so. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: 'publishes' | 'consumes';
  via: LinkRef[];
}

/**
 * The product-and-contract lineage of the whole mesh, derived from the index. It is rebuilt when the
 * index changes (one pass over the links, milliseconds for 20,000 files) and shared by code lens,
 * hover, diagnostics and the lineage request.
 */
export class MeshGraph {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  private readonly outgoing = new Map<string, GraphEdge[]>();
  private readonly incoming = new Map<string, GraphEdge[]>();
  private cycles: Map<string, number> | undefined;

  constructor(index: WorkspaceIndex) {
    for (const facts of index.files()) {
      for (const entity of facts.entities) if (entity.kind === 'product' || entity.kind === 'contract') this.node(entity.key, entity.kind, { uri: facts.uri, entity });
      for (const link of facts.links) {
        if (link.kind !== 'publishes' && link.kind !== 'consumes' && link.kind !== 'inputContract') continue;
        const port = index.lookup(link.from)[0]?.entity;
        const product = port?.kind === 'product' ? port.key : port?.container;
        if (!product) continue;
        const contract = index.resolve(link)?.entity.key ?? link.targets[0]!;
        this.node(contract, 'contract');
        const ref = { uri: facts.uri, link };
        if (link.kind === 'publishes') this.edge(product, contract, 'publishes', ref);
        else this.edge(contract, product, 'consumes', ref);
      }
    }
  }

  /** Edges into a node (its upstream) and out of it (its downstream). */
  upstream(key: string): readonly GraphEdge[] {
    return this.incoming.get(key) ?? [];
  }

  downstream(key: string): readonly GraphEdge[] {
    return this.outgoing.get(key) ?? [];
  }

  /**
   * What lineage counts and lists, decided once for the code lens and the hover: the nodes right
   * before a node in the data flow (a contract's producers, a product's input contracts) …
   */
  upstreamOf(key: string): string[] {
    return this.upstream(key).map((e) => e.from);
  }

  /** … the nodes right after it (a contract's consumers, the contracts a product publishes) … */
  downstreamOf(key: string): string[] {
    return this.downstream(key).map((e) => e.to);
  }

  /** … and the products that use its data: a contract's consumers, or those of the contracts a product publishes. */
  consumersOf(key: string): string[] {
    const node = this.nodes.get(key);
    if (!node) return [];
    if (node.kind === 'contract') return this.downstreamOf(key);
    return unique(this.downstreamOf(key).flatMap((contract) => this.downstreamOf(contract)));
  }

  /** Nodes within `hops` edges of the focus, in both directions. */
  neighbourhood(focus: string, hops: number): Set<string> {
    const found = new Set<string>([focus]);
    for (const direction of ['up', 'down'] as const) {
      let frontier = [focus];
      for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const next: string[] = [];
        for (const key of frontier) {
          for (const edge of direction === 'up' ? this.upstream(key) : this.downstream(key)) {
            const other = direction === 'up' ? edge.from : edge.to;
            if (!found.has(other)) {
              found.add(other);
              next.push(other);
            }
          }
        }
        frontier = next;
      }
    }
    return found;
  }

  /**
   * The cycle a product belongs to (an id per strongly connected component with more than one
   * product, or a product that consumes its own output), or undefined. Tarjan's algorithm, iterative
   * so a long lineage chain cannot overflow the stack.
   */
  cycleOf(productKey: string): number | undefined {
    this.cycles ??= this.findCycles();
    return this.cycles.get(productKey);
  }

  /** The products of a cycle, in lineage order from `start`, for a message. */
  cyclePath(start: string): string[] {
    const id = this.cycleOf(start);
    if (id === undefined) return [];
    const path = [start];
    let current = start;
    for (let guard = 0; guard < 50; guard++) {
      const next = this.productSuccessors(current).find((p) => this.cycleOf(p) === id && (p === start || !path.includes(p)));
      if (next === undefined || next === start) break;
      path.push(next);
      current = next;
    }
    return [...path, start];
  }

  private productSuccessors(product: string): string[] {
    return this.consumersOf(product);
  }

  private findCycles(): Map<string, number> {
    const products = [...this.nodes.values()].filter((n) => n.kind === 'product').map((n) => n.key);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const result = new Map<string, number>();
    let counter = 0;
    let component = 0;
    for (const root of products) {
      if (index.has(root)) continue;
      const work: { node: string; successors: string[]; next: number }[] = [];
      const enter = (node: string) => {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
        work.push({ node, successors: this.productSuccessors(node), next: 0 });
      };
      enter(root);
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        if (frame.next < frame.successors.length) {
          const successor = frame.successors[frame.next++]!;
          if (!index.has(successor)) enter(successor);
          else if (onStack.has(successor)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(successor)!));
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
        if (low.get(frame.node) !== index.get(frame.node)) continue;
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        const selfLoop = members.length === 1 && frame.successors.includes(frame.node);
        if (members.length > 1 || selfLoop) {
          for (const m of members) result.set(m, component);
          component++;
        }
      }
    }
    return result;
  }

  private node(key: string, kind: GraphNodeKind, definition?: EntityRef): void {
    const existing = this.nodes.get(key);
    if (!existing) this.nodes.set(key, { key, kind, ...(definition ? { definition } : {}) });
    else if (definition && !existing.definition) existing.definition = definition;
  }

  private edge(from: string, to: string, kind: GraphEdge['kind'], via: LinkRef): void {
    const id = `${from}->${to}`;
    const existing = this.edges.get(id);
    if (existing) {
      existing.via.push(via);
      return;
    }
    const edge: GraphEdge = { from, to, kind, via: [via] };
    this.edges.set(id, edge);
    push(this.outgoing, from, edge);
    push(this.incoming, to, edge);
  }
}

/** What a person calls a node: its id, or its title when it has no id. */
export function nodeLabel(node: GraphNode): string {
  const entity: Entity | undefined = node.definition?.entity;
  return entity?.name ?? idOfKey(node.key);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
