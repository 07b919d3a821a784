// A small workspace for tests of the mesh model: fixture strings by URI, parsed once, put in the
// index as disk facts, and served back to the features through a DocumentSource.
import assert from 'node:assert/strict';
import { canonicalUri } from '../../server/src/disk/uris';
import { createLanguageService, fileNameOf, type LanguageService, type LanguageServiceOptions, type MeshDiagnostic, type MeshLocation, Mesh, type Span } from '../../server/src/core/languageService';
import { meshDiagnostics } from '../../server/src/core/features/meshDiagnostics';
import type { MeshDocument } from '../../server/src/core/model/meshDocument';
import { core } from './core';

/** The folder every short path is under: `sales/a.odcs.yaml` is `file:///m/sales/a.odcs.yaml`. */
export const ROOT = 'file:///m/';

export const uriOf = (path: string): string => (/^[a-z]+:/.test(path) ? path : `${ROOT}${path}`);
export const shortPath = (uri: string): string => (uri.startsWith(ROOT) ? uri.slice(ROOT.length) : uri);

/** A fixture without its marks: `‸` is the cursor, `⟦…⟧` are expected ranges, in order. */
export interface Marked {
  text: string;
  cursor: number | undefined;
  ranges: Span[];
}

export function marked(fixture: string): Marked {
  let text = '';
  let cursor: number | undefined;
  const ranges: Span[] = [];
  const open: number[] = [];
  for (const ch of fixture) {
    if (ch === '‸') cursor = text.length;
    else if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') ranges.push([open.pop()!, text.length]);
    else text += ch;
  }
  assert.equal(open.length, 0, 'unbalanced ⟦ ⟧ in a fixture');
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { text, cursor, ranges };
}

/** The offset of the cursor mark `‸` in a fixture, with the text it leaves. */
export function cursorIn(fixture: string): { text: string; offset: number } {
  const { text, cursor } = marked(fixture);
  assert.notEqual(cursor, undefined, 'the fixture needs a ‸ cursor');
  return { text, offset: cursor! };
}

/** Applies offset edits to a text (as an editor would: all against the original text). */
export function applyEdits(text: string, edits: readonly { span: Span; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.span[0] - a.span[0]);
  sorted.forEach((edit, i) => {
    const next = sorted[i + 1];
    assert.ok(!next || next.span[1] <= edit.span[0], `overlapping edits at ${edit.span.join('-')}`);
  });
  let result = text;
  for (const { span, newText } of sorted) result = result.slice(0, span[0]) + newText + result.slice(span[1]);
  return result;
}

interface ParsedFixture {
  marks: Marked;
  document: MeshDocument;
}

/**
 * A workspace: every file given to the language service as the server gives it (disk files by their
 * text, open documents by version), and its marks kept for assertions. `open` and `close` play the
 * editor, `write` and `remove` the file system.
 */
export class TestMesh {
  readonly service: LanguageService;
  /** The service's index and lineage graph, for tests that look inside them. */
  readonly mesh = new Mesh();
  /** Each file as the file system holds it, and as the editor holds it while it is open. */
  private readonly disk = new Map<string, ParsedFixture>();
  private readonly opened = new Map<string, ParsedFixture>();
  private version = 0;

  constructor(files: Record<string, string>, options: Pick<LanguageServiceOptions, 'ruleDocs'> = {}) {
    // URIs spelled as the server and the CLI spell them (Node's pathToFileURL).
    this.service = createLanguageService({ readFile: (uri) => this.disk.get(uri)?.marks.text, canonicalUri, mesh: this.mesh, ...options });
    for (const [path, fixture] of Object.entries(files)) this.write(path, fixture);
    this.service.setIndexComplete(true);
  }

  get index() {
    return this.mesh.index;
  }

  /** A file written to disk: read and indexed as the scanner does. */
  write(path: string, fixture: string): void {
    const uri = uriOf(path);
    const parsed = this.parse(uri, fixture);
    this.disk.set(uri, parsed);
    this.service.setFileText(uri, parsed.marks.text);
  }

  /** A file deleted from disk. */
  remove(path: string): void {
    const uri = uriOf(path);
    this.disk.delete(uri);
    this.service.setFileFacts(uri, undefined);
  }

  /** A document opened (or edited) in the editor, whose facts win over the disk's. */
  open(path: string, fixture: string): void {
    const uri = uriOf(path);
    const parsed = this.parse(uri, fixture);
    this.opened.set(uri, parsed);
    this.service.setDocument(uri, parsed.marks.text, ++this.version);
    // The editor asks for the outline at once, which brings the document into the index.
    this.service.documentSymbols(uri);
  }

  close(path: string): void {
    const uri = uriOf(path);
    this.opened.delete(uri);
    this.service.closeDocument(uri);
  }

  /** The findings of a file that need the rest of the mesh (what `diagnose` adds to the file's own). */
  meshFindings(path: string): MeshDiagnostic[] {
    const uri = uriOf(path);
    this.service.documentSymbols(uri); // Brings the open documents into the index, as every request does.
    const document = this.document(path);
    return core.isMeshDocument(document) ? meshDiagnostics(this.mesh, document, core.factsOf(document, uri)) : [];
  }

  document(path: string): MeshDocument {
    const uri = uriOf(path);
    const document = this.current(uri)?.document;
    assert.ok(document, `no document ${uri}`);
    return document;
  }

  text(path: string): string {
    return this.document(path).text;
  }

  /** The file as the features see it: the open document, else the disk's. */
  private current(uri: string): ParsedFixture | undefined {
    return this.opened.get(uri) ?? this.disk.get(uri);
  }

  private parse(uri: string, fixture: string): ParsedFixture {
    const marks = marked(fixture);
    return { marks, document: core.parse(marks.text, fileNameOf(uri)) };
  }

  /** The marks of each file as the features see it: the open document's, else the disk's. */
  private get marks(): Map<string, Marked> {
    return new Map(this.uris().map((uri) => [uri, this.current(uri)!.marks]));
  }

  uris(): string[] {
    return [...new Set([...this.disk.keys(), ...this.opened.keys()])];
  }

  /** The file and offset of the one `‸` in the workspace. */
  cursor(): { document: MeshDocument; uri: string; offset: number } {
    const found = [...this.marks].filter(([, m]) => m.cursor !== undefined);
    assert.equal(found.length, 1, 'the workspace needs exactly one ‸ cursor');
    const [uri, m] = found[0]!;
    return { document: this.document(uri), uri, offset: m.cursor! };
  }

  /** The ⟦ranges⟧ of one file. */
  ranges(path: string): Span[] {
    return this.marks.get(uriOf(path))?.ranges ?? [];
  }

  /** Every ⟦range⟧ of the workspace, file by file, shown as `path ⟦text⟧`. */
  markedLocations(): string[] {
    return [...this.marks].flatMap(([uri, m]) => m.ranges.map((span) => this.show({ uri, span })));
  }

  /** A location as a person reads it: `sales/a.odcs.yaml ⟦sales-orders⟧@12`. */
  show(location: MeshLocation): string {
    const text = this.text(location.uri);
    return `${shortPath(location.uri)} ⟦${text.slice(location.span[0], location.span[1])}⟧@${location.span[0]}`;
  }

  /** What a set of file edits leaves in each file it touches. */
  applied(edits: readonly { uri: string; span: Span; newText: string }[]): Record<string, string> {
    const byFile = new Map<string, { span: Span; newText: string }[]>();
    for (const edit of edits) {
      const list = byFile.get(edit.uri) ?? [];
      list.push(edit);
      byFile.set(edit.uri, list);
    }
    const result: Record<string, string> = {};
    for (const [uri, list] of byFile) result[shortPath(uri)] = applyEdits(this.text(uri), list);
    return result;
  }
}

export function buildMesh(files: Record<string, string>, options: Pick<LanguageServiceOptions, 'ruleDocs'> = {}): TestMesh {
  return new TestMesh(files, options);
}

// ── Fixtures shared by several test files: a small mesh of realistic files ──────────────────────

export const GLOSSARY = `kind: BusinessGlossary
apiVersion: v1
id: shop-glossary
name: Shop glossary
terms:
  - id: order
    name: Order
    definition: A confirmed purchase.
    url: https://catalog.example/glossary/order
    synonyms: [Sales order, Purchase]
    related: [customer]
  - id: customer
    name: Customer
    definition: Someone who bought something.
  - id: client
    name: Client
    definition: Old name for a customer.
    status: deprecated
    replacedBy: customer
`;

/** An ODCS contract of orders; `extra` is appended at the end. */
export function ordersContract(id = 'sales-orders-v1', extra = ''): string {
  return `apiVersion: v3.1.0
kind: DataContract
id: ${id}
name: Sales orders
version: 1.3.0
status: active
domain: sales
team:
  name: sales-data
servers:
  - server: snowflake
    type: snowflake
    account: acme
    database: SALES
    schema: ORDERS_V1
    warehouse: WH
schema:
  - id: orders_tbl
    name: orders
    physicalName: ORDERS
    businessName: order
    authoritativeDefinitions:
      - type: businessDefinition
        url: ../glossary.yaml#order
    properties:
      - id: order_id_prop
        name: order_id
        physicalName: ORDER_ID
        logicalType: string
      - id: customer_id_prop
        name: customer_id
        logicalType: string
${extra}`;
}

/** An ODPS product with one output port and optional input ports. */
export function product(id: string, publishes: string | undefined, consumes: string[] = [], extra = ''): string {
  const inputs = consumes.length > 0 ? `inputPorts:\n${consumes.map((c, i) => `  - name: in${i + 1}\n    version: 1.0.0\n    contractId: ${c}\n`).join('')}` : '';
  const outputs = publishes ? `outputPorts:\n  - name: out\n    version: 1.0.0\n    contractId: ${publishes}\n` : '';
  return `apiVersion: v1.0.0
kind: DataProduct
id: ${id}
name: ${id}
status: active
${inputs}${outputs}${extra}`;
}

/** A minimal ODCS contract. */
export function contract(id: string, extra = ''): string {
  return `apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
${extra}`;
}
