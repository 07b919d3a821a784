/**
 * The custom protocol between the Data Mesh server, the extension and (later) the graph webview,
 * declared once. Documented for other clients in docs/protocol.md. Only types and method names
 * live here, so every side can import it without pulling in the other's runtime.
 */
import { NotificationType, ProtocolRequestType, RequestType, type Position, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';

/** The state of the workspace index, sent whenever it changes (`dataMesh/indexStatus`). */
export interface IndexStatus {
  state: 'indexing' | 'ready';
  /** Data-mesh files in the index (products, contracts, glossaries, policies). */
  meshFiles: number;
  /** Files read from disk so far, and how many were found, while indexing. */
  scanned: number;
  total: number;
  /** How long the last full index took, once ready. */
  durationMs?: number;
  /** Files that were not indexed, and why (too large, unreadable): what they define is unknown, not missing. */
  skipped?: { uri: string; reason: string }[];
}
export const IndexStatusNotification = new NotificationType<IndexStatus>('dataMesh/indexStatus');

/**
 * What the server is told at start (`initializationOptions`). `workspaceTrusted: false` (VS Code's
 * restricted mode) keeps the server from running git; a client that says nothing is trusted.
 */
export interface InitializationOptions {
  storagePath?: string;
  workspaceTrusted?: boolean;
}
/** The user trusted the workspace after the server started (`dataMesh/workspaceTrusted`): git may run now. */
export const WorkspaceTrustedNotification = new NotificationType<void>('dataMesh/workspaceTrusted');

/** Ask for the lineage graph of one node (by id, or the node under a position) or of the whole mesh. */
export interface LineageParams {
  /** `product:<id>` or `contract:<id>`; wins over `textDocument`/`position`. */
  nodeId?: string;
  textDocument?: { uri: string };
  position?: Position;
  /** Hops up and down from the focus node (default 2); ignored for the whole mesh. */
  hops?: number;
}

export type LineageNodeKind = 'product' | 'contract';
export type LineageEdgeKind = 'publishes' | 'consumes';

export interface LineageNode {
  /** `product:<id>` or `contract:<id>`. */
  id: string;
  kind: LineageNodeKind;
  name: string;
  domain?: string;
  status?: string;
  version?: string;
  owner?: string;
  /** The `tags` of its contract or product, as written. */
  tags?: string[];
  /**
   * Where the node is defined; a node that is only referenced has none. The range of its id is
   * given for graphs around a focus node; the whole mesh gives the file only.
   */
  location?: { uri: string; range?: { start: Position; end: Position } };
  /** Diagnostics of the file that defines the node: errors and warnings, as far as the server knows them. */
  diagnostics: { errors: number; warnings: number };
  /** Columns of the node that mean a personal-data (`pii: true`) term of the business glossary; absent when none do. */
  pii?: number;
}

export interface LineageEdge {
  /** Product → contract it publishes, or contract → product that consumes it. */
  from: string;
  to: string;
  kind: LineageEdgeKind;
}

export interface LineageGraph {
  /** The node the graph is centred on, absent for the whole mesh. */
  focus?: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  domains: string[];
  /** Open contracts and products whose edits, not saved yet, change what their consumers get. */
  unsaved?: UnsavedImpact[];
}

/**
 * The impact of an open document's unsaved edit: it is compared with the file on disk by the
 * breaking-change checks (a removed or changed column, a removed port, …) and by its status.
 */
export interface UnsavedImpact {
  /** The node being edited. */
  node: string;
  uri: string;
  /** Each change its consumers feel, in words. */
  changes: string[];
  /** The nodes of the graph it affects: the products that consume it, the contracts of columns computed from a changed one. */
  affected: string[];
}

/** `dataMesh/lineage`: null when the position is not on a product or contract. */
export const LineageRequest = new RequestType<LineageParams, LineageGraph | null, void>('dataMesh/lineage');

/** Ask for the column-level lineage of a contract (by id), or of the column or contract under a position. */
export interface ColumnLineageParams {
  /** `contract:<id>`; wins over `textDocument`/`position`. */
  nodeId?: string;
  textDocument?: { uri: string };
  position?: Position;
  /** Steps up and down through the columns' lineage (default 2). */
  hops?: number;
  /** With `nodeId`: the column to mark as the reader's, by the id an earlier answer gave it. */
  column?: string;
}

/** A contract's columns, the columns they are computed from and the columns computed from them. */
export interface ColumnLineage {
  /** The contract: `contract:<id>`. */
  focus: string;
  /** The column under the position asked from, if any. */
  column?: string;
  /** The contract's tables first, with every column; then the tables upstream and downstream, with the columns on a path. */
  tables: ColumnTable[];
  /** Source → derived: a column, or a whole table (a source written as a table name), → a column. */
  edges: { from: string; to: string }[];
  /** More columns were reached than are listed (400 at most). */
  truncated?: boolean;
}

export interface ColumnTable {
  /** An opaque key, unique in the answer. */
  id: string;
  name: string;
  /** The contract that describes the table (`contract:<id>`), and its name. */
  contract: string;
  contractName: string;
  /** Where the table is named. */
  location: { uri: string; range?: { start: Position; end: Position } };
  columns: ColumnInfo[];
  /** Columns of the table not listed, because no path of the lineage goes through them. */
  hiddenColumns: number;
}

export interface ColumnInfo {
  /** An opaque key, unique in the answer. */
  id: string;
  /** The column's name inside its table (`address.street` for a nested field). */
  name: string;
  classification?: string;
  /** It means a personal-data (`pii: true`) term of the business glossary. */
  pii?: boolean;
  /** Where the column is named. */
  location?: { uri: string; range: { start: Position; end: Position } };
}

/** `dataMesh/columnLineage`: null when there is no contract there. */
export const ColumnLineageRequest = new RequestType<ColumnLineageParams, ColumnLineage | null, void>('dataMesh/columnLineage');

/** What "Data Mesh: Show Governance Report" shows: `datamesh report`'s Markdown, for the workspace. */
export interface GovernanceReportResult {
  markdown: string;
  files: number;
  errors: number;
  warnings: number;
  durationMs: number;
}

/**
 * `dataMesh/governanceReport`: every data-mesh file checked (as `datamesh check` checks it) and
 * summed up per domain: products and contracts with their findings, the rules most broken. Reports
 * progress through the request's `workDoneToken`; null when cancelled.
 */
export const GovernanceReportRequest = new ProtocolRequestType<WorkDoneProgressParams, GovernanceReportResult | null, void, void, void>('dataMesh/governanceReport');

/** `dataMesh.diagnostics.scope`: which files the Problems panel lists (every mesh file, or the open ones). */
export type DiagnosticsScope = 'workspace' | 'openFiles';

/** What "Data Mesh: Check Workspace" found: the whole mesh, as `datamesh check` checks it. */
export interface CheckSummary {
  /** Data-mesh files checked. */
  files: number;
  errors: number;
  warnings: number;
  /** Files the index skipped (too large, unreadable): listed in the Problems panel, not checked. */
  skipped: number;
  durationMs: number;
}

/**
 * `dataMesh/checkWorkspace`: checks every file of the mesh and sends the findings to the Problems
 * panel (by workspace diagnostics), whatever `dataMesh.diagnostics.scope` says; reports progress
 * through the request's `workDoneToken`.
 */
export const CheckWorkspaceRequest = new ProtocolRequestType<WorkDoneProgressParams, CheckSummary, void, void, void>('dataMesh/checkWorkspace');
