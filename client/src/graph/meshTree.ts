import * as vscode from 'vscode';
import type { LineageGraph, LineageNode } from '../../../protocol/protocol';
import type { MeshLanguageClient } from '../languageClient';

/** A row of the tree: a domain, a product or contract, or one of a product's ports (the contract it links to). */
type Item =
  | { kind: 'domain'; name: string }
  | { kind: 'node'; node: LineageNode }
  | { kind: 'port'; direction: 'output' | 'input'; owner: LineageNode; contract: LineageNode };

const NO_DOMAIN = '(no domain)';
const UPDATE_DELAY_MS = 500;

/**
 * The "Data Mesh" view: domains → products (and contracts no product publishes) → ports → contracts,
 * from the server's lineage graph. It follows the active editor: the product or contract under the
 * cursor is revealed and selected.
 */
export class MeshTree implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private graph: LineageGraph | undefined;
  private byId = new Map<string, LineageNode>();
  private readonly items = new Map<string, Item>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Item>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: MeshLanguageClient) {
    this.view = vscode.window.createTreeView('dataMesh.meshTree', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility(() => this.view.visible && this.refreshSoon()),
      client.onDidChangeIndexStatus((s) => s.state === 'ready' && this.refreshSoon()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
    );
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), UPDATE_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    if (!this.view.visible) return;
    this.graph = (await this.client.lineage({})) ?? undefined;
    this.byId = new Map(this.graph?.nodes.map((n) => [n.id, n]) ?? []);
    this.items.clear();
    this.changed.fire();
    await this.follow();
  }

  /** Reveals the product or contract under the cursor of the active editor. */
  private async follow(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.view.visible || !this.graph) return;
    const found = await this.client.lineage({ textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active, hops: 0 });
    const node = found?.focus !== undefined ? this.byId.get(found.focus) : undefined;
    if (node) await this.view.reveal(this.rowOf(node), { select: true, focus: false, expand: false });
  }

  /** A published contract's row is its product's output port; any other node has a row of its own. */
  private rowOf(node: LineageNode): Item {
    const publisher = node.kind === 'contract' ? this.graph?.edges.find((e) => e.kind === 'publishes' && e.to === node.id) : undefined;
    const owner = publisher && this.byId.get(publisher.from);
    return owner ? this.item({ kind: 'port', direction: 'output', owner, contract: node }) : this.item({ kind: 'node', node });
  }

  /** One object per row, so reveal() finds the row the tree already shows. */
  private item(item: Item): Item {
    const key = item.kind === 'domain' ? `d:${item.name}` : item.kind === 'node' ? `n:${item.node.id}` : `p:${item.owner.id}:${item.direction}:${item.contract.id}`;
    const known = this.items.get(key);
    if (known) return known;
    this.items.set(key, item);
    return item;
  }

  getChildren(parent?: Item): Item[] {
    const graph = this.graph;
    if (!graph) return [];
    if (!parent) {
      const domains = new Set(graph.nodes.map((n) => n.domain ?? NO_DOMAIN));
      return [...domains].sort().map((name) => this.item({ kind: 'domain', name }));
    }
    if (parent.kind === 'domain') {
      const published = new Set(graph.edges.filter((e) => e.kind === 'publishes').map((e) => e.to));
      return graph.nodes
        .filter((n) => (n.domain ?? NO_DOMAIN) === parent.name && (n.kind === 'product' || !published.has(n.id)))
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
        .map((node) => this.item({ kind: 'node', node }));
    }
    if (parent.kind === 'node' && parent.node.kind === 'product') {
      const owner = parent.node;
      const ports: Item[] = [];
      for (const e of graph.edges) {
        if (e.kind === 'publishes' && e.from === owner.id && this.byId.has(e.to)) ports.push(this.item({ kind: 'port', direction: 'output', owner, contract: this.byId.get(e.to)! }));
        if (e.kind === 'consumes' && e.to === owner.id && this.byId.has(e.from)) ports.push(this.item({ kind: 'port', direction: 'input', owner, contract: this.byId.get(e.from)! }));
      }
      return ports;
    }
    return [];
  }

  getParent(item: Item): Item | undefined {
    if (item.kind === 'domain') return undefined;
    if (item.kind === 'port') return this.item({ kind: 'node', node: item.owner });
    return this.item({ kind: 'domain', name: item.node.domain ?? NO_DOMAIN });
  }

  getTreeItem(item: Item): vscode.TreeItem {
    if (item.kind === 'domain') {
      const tree = new vscode.TreeItem(item.name, vscode.TreeItemCollapsibleState.Collapsed);
      tree.iconPath = new vscode.ThemeIcon('folder-library');
      return tree;
    }
    const node = item.kind === 'node' ? item.node : item.contract;
    const label = item.kind === 'port' ? `${item.direction === 'output' ? 'output' : 'input'}: ${node.name}` : node.name;
    const tree = new vscode.TreeItem(label, item.kind === 'node' && node.kind === 'product' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    tree.description = [node.version !== undefined ? `v${node.version}` : undefined, node.status].filter(Boolean).join(' · ');
    const problems = node.diagnostics.errors + node.diagnostics.warnings;
    tree.tooltip = `${node.kind} ${node.name}${node.owner !== undefined ? `\nowner ${node.owner}` : ''}${problems > 0 ? `\n${node.diagnostics.errors} errors, ${node.diagnostics.warnings} warnings` : ''}`;
    tree.iconPath = new vscode.ThemeIcon(item.kind === 'port' ? (item.direction === 'output' ? 'arrow-right' : 'arrow-left') : node.kind === 'product' ? 'package' : 'file-code', problems > 0 ? new vscode.ThemeColor(node.diagnostics.errors > 0 ? 'list.errorForeground' : 'list.warningForeground') : undefined);
    if (node.location) tree.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(node.location.uri)] };
    return tree;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
