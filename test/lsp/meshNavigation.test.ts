// Navigation across the sample mesh (examples/, read only): definition, references, rename, symbols,
// code lens, hover and the dataMesh/lineage request. Files are only opened, never written.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type CodeLens,
  type DocumentSymbol,
  ErrorCodes,
  type Hover,
  type Location,
  type Position,
  type Range,
  ResponseError,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import type { ColumnLineage, GovernanceReportResult, IndexStatus, LineageGraph } from '../../protocol/protocol';
import { datamesh } from '../support/cli';
import { applyEdits, copyToTemp, rangeOf, repoRoot, startServer } from '../support/lspClient';

const T = { timeout: 20_000 };
const EXAMPLES = join(repoRoot, 'examples');
const uriOf = (file: string) => pathToFileURL(join(EXAMPLES, file)).href;
const textOf = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');

const REVENUE = 'sales/sales-revenue.odps.yaml';
const ORDERS_CONTRACT = 'sales/sales-orders-v1.odcs.yaml';
const ORDERS_PRODUCT = 'sales/sales-orders.odps.yaml';

// The data products of the mesh (broken/ has no ports, so it never references a contract).
const PRODUCT_FILES = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
  .map((f) => f.replaceAll('\\', '/'))
  .filter((f) => f.endsWith('.odps.yaml') && !f.startsWith('broken/'))
  .sort();

/** Every place a product names `contractId` (input and output ports, `inputContracts`), read from the files. */
function contractReferences(contractId: string, options: { consumersOnly?: boolean } = {}): Location[] {
  const found: Location[] = [];
  for (const file of PRODUCT_FILES) {
    const text = textOf(file);
    for (const match of text.matchAll(new RegExp(`^(\\s*(?:contractId|- id): )(${contractId})$`, 'gm'))) {
      const offset = match.index + match[1]!.length;
      // An output port's own contractId publishes the contract; input ports and inputContracts consume it.
      const inOutputPorts = text.lastIndexOf('\noutputPorts:', offset) > text.lastIndexOf('\ninputPorts:', offset);
      if (options.consumersOnly && inOutputPorts && match[1]!.includes('contractId')) continue;
      found.push({ uri: uriOf(file), range: rangeOf(text, contractId, offset) });
    }
  }
  return sortLocations(found);
}

function sortLocations(locations: Location[]): Location[] {
  const key = (l: Location) => `${l.uri} ${String(l.range.start.line).padStart(6, '0')} ${String(l.range.start.character).padStart(6, '0')}`;
  return [...locations].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The position `delta` characters into `needle`, searched from the first occurrence of `anchor`. */
function at(text: string, needle: string, anchor = needle, delta = 2): Position {
  const { start } = rangeOf(text, needle, text.indexOf(anchor));
  return { line: start.line, character: start.character + delta };
}

function rangeAfter(text: string, needle: string, anchor: string): Range {
  const from = text.indexOf(anchor);
  assert.ok(from >= 0, `'${anchor}' is not in the text`);
  return rangeOf(text, needle, from);
}

/** A ResponseError with code InvalidRequest and a message matching `message`. */
function refusal(message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
    assert.equal(error.code, ErrorCodes.InvalidRequest);
    assert.match(error.message, message);
    return true;
  };
}

describe('mesh navigation on examples/', () => {
  const server = startServer({ prepareRename: true });
  const opened = new Set<string>();

  async function open(file: string, text = textOf(file)): Promise<string> {
    const uri = uriOf(file);
    if (!opened.has(uri)) {
      opened.add(uri);
      await server.open(uri, text);
    }
    return uri;
  }

  before(async () => {
    await server.initialize(pathToFileURL(EXAMPLES).href);
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
  }, T);

  describe('definition', () => {
    test('from an input port contractId to the id of the contract', T, async () => {
      const uri = await open(REVENUE);
      const contract = textOf(ORDERS_CONTRACT);
      const found = await server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(textOf(REVENUE), 'sales-orders-v1', 'contractId: sales-orders-v1') });
      assert.deepEqual(found, [{ uri: uriOf(ORDERS_CONTRACT), range: rangeOf(contract, 'sales-orders-v1', contract.indexOf('id: sales-orders-v1')) }]);
    });

    test('from either end of the reference and from inputContracts', T, async () => {
      const uri = await open(REVENUE);
      const text = textOf(REVENUE);
      const contract = textOf(ORDERS_CONTRACT);
      const expected = [{ uri: uriOf(ORDERS_CONTRACT), range: rangeOf(contract, 'sales-orders-v1', contract.indexOf('id: sales-orders-v1')) }];
      for (const position of [at(text, 'sales-orders-v1', 'contractId: sales-orders-v1', 0), at(text, 'sales-orders-v1', 'contractId: sales-orders-v1', 15), at(text, 'sales-orders-v1', '- id: sales-orders-v1', 5)]) {
        assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position }), expected, JSON.stringify(position));
      }
    });

    test('on text that is not a reference: nothing', T, async () => {
      const uri = await open(REVENUE);
      const found = await server.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: at(textOf(REVENUE), 'northwind-outfitters', 'tenant:') });
      assert.deepEqual(found ?? [], []);
    });
  });

  describe('links other than contractId', () => {
    test('definition from a glossary URL to the term, and from a relationship to the column in another contract', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const text = textOf(ORDERS_CONTRACT);
      const glossary = textOf('glossary.yaml');
      assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(text, 'order', 'glossary.yaml#order\n') }), [
        { uri: uriOf('glossary.yaml'), range: rangeAfter(glossary, 'order', '- id: order\n') },
      ]);
      const profiles = textOf('customer/customer-profiles-v1.odcs.yaml');
      const column = { uri: uriOf('customer/customer-profiles-v1.odcs.yaml'), range: rangeAfter(profiles, 'customer_id', 'name: customer_id') };
      assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(text, 'customer_id', 'properties/customer_id') }), [column]);
      // A foreign key inside the same contract.
      assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(text, 'order_id', 'to: orders.order_id') }), [
        { uri, range: rangeAfter(text, 'order_id', 'name: order_id') },
      ]);
    });

    test('references of a column include the relationships of other contracts', T, async () => {
      const file = 'customer/customer-profiles-v1.odcs.yaml';
      const uri = await open(file);
      const found = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(textOf(file), 'customer_id', 'name: customer_id'), context: { includeDeclaration: false } });
      assert.deepEqual(
        found.map((l) => [l.uri, l.range.start.line]).sort(),
        [
          [uriOf('customer/customer-360-v1.odcs.yaml'), rangeOf(textOf('customer/customer-360-v1.odcs.yaml'), 'customer-profiles-v1.odcs.yaml#schema/customers/properties/customer_id').start.line],
          [uriOf(ORDERS_CONTRACT), rangeOf(textOf(ORDERS_CONTRACT), '../customer/customer-profiles-v1.odcs.yaml#schema/customers/properties/customer_id').start.line],
        ].sort(),
      );
    });

    test('rename of a glossary term: its id, the terms that relate to it and the URLs that link to it', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(textOf(ORDERS_CONTRACT), 'order', 'glossary.yaml#order\n'), newName: 'customer-order' });
      const changes = edit.changes ?? {};
      const contracts = [ORDERS_CONTRACT, 'sales/sales-orders-v0.odcs.yaml'];
      assert.deepEqual(Object.keys(changes).sort(), [...contracts, 'glossary.yaml'].map(uriOf).sort());
      for (const file of contracts) {
        const before = textOf(file);
        assert.equal(applyEdits(before, changes[uriOf(file)]!), before.replace(/glossary\.yaml#order$/gm, 'glossary.yaml#customer-order'), file);
      }
      const glossary = textOf('glossary.yaml');
      const expected = glossary
        .replace('  - id: order\n', '  - id: customer-order\n')
        .replace(/^( {4}related: \[.*)$/gm, (line) => line.replace(/(?<=[[ ])order(?=[,\]])/g, 'customer-order'));
      assert.notEqual(expected, glossary);
      assert.equal(applyEdits(glossary, changes[uriOf('glossary.yaml')]!), expected);
    });
  });

  describe('references', () => {
    test('of sales-orders-v1 from its definition: every port and inputContracts entry that names it', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const found = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(textOf(ORDERS_CONTRACT), 'sales-orders-v1', 'id: sales-orders-v1'), context: { includeDeclaration: false } });
      const expected = contractReferences('sales-orders-v1');
      // The publisher's output port plus, per consumer (revenue, shipments, customer 360), its input port and inputContracts entry.
      assert.equal(expected.length, 7);
      assert.deepEqual(new Set(expected.map((l) => l.uri)).size, 4);
      assert.deepEqual(sortLocations(found), expected);
    });

    test('from a reference in another file, with the declaration first', T, async () => {
      const uri = await open(REVENUE);
      const contract = textOf(ORDERS_CONTRACT);
      const found = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(textOf(REVENUE), 'sales-orders-v1', 'contractId: sales-orders-v1'), context: { includeDeclaration: true } });
      assert.deepEqual(found[0], { uri: uriOf(ORDERS_CONTRACT), range: rangeOf(contract, 'sales-orders-v1', contract.indexOf('id: sales-orders-v1')) });
      assert.deepEqual(sortLocations(found.slice(1)), contractReferences('sales-orders-v1'));
    });

    test('of a contract nobody consumes: only its publisher', T, async () => {
      const uri = await open(ORDERS_PRODUCT);
      const found = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(textOf(ORDERS_PRODUCT), 'sales-orders-v0'), context: { includeDeclaration: false } });
      assert.deepEqual(found, [{ uri, range: rangeOf(textOf(ORDERS_PRODUCT), 'sales-orders-v0') }]);
    });
  });

  describe('rename', () => {
    test('prepareRename on a contractId: the range of the id and its current name', T, async () => {
      const uri = await open(REVENUE);
      const text = textOf(REVENUE);
      const prepared = await server.request('textDocument/prepareRename', { textDocument: { uri }, position: at(text, 'sales-orders-v1', 'contractId: sales-orders-v1') });
      assert.deepEqual(prepared, { range: rangeAfter(text, 'sales-orders-v1', 'contractId: sales-orders-v1'), placeholder: 'sales-orders-v1' });
    });

    test('prepareRename on the id of a product', T, async () => {
      const uri = await open(REVENUE);
      const text = textOf(REVENUE);
      const prepared = await server.request('textDocument/prepareRename', { textDocument: { uri }, position: at(text, 'sales-revenue', 'id: sales-revenue') });
      assert.deepEqual(prepared, { range: rangeAfter(text, 'sales-revenue', 'id: sales-revenue'), placeholder: 'sales-revenue' });
    });

    test('prepareRename where there is nothing to rename: null', T, async () => {
      const uri = await open(REVENUE);
      assert.equal(await server.request('textDocument/prepareRename', { textDocument: { uri }, position: at(textOf(REVENUE), 'northwind-outfitters', 'tenant:') }), null);
    });

    test('a contract id across files: definition and every reference change, nothing else (comments and quotes kept)', T, async () => {
      // The open document (unsaved, with comments and a quoted reference) wins over the file on disk.
      const revenue = textOf(REVENUE)
        .replace('inputPorts:\n', 'inputPorts:\n  # Orders feed the revenue figure.\n')
        .replace('contractId: sales-orders-v1\n', 'contractId: sales-orders-v1 # keep in step with finance\n')
        .replace('- id: sales-orders-v1\n', "- id: 'sales-orders-v1'\n");
      assert.notEqual(revenue, textOf(REVENUE));
      const uri = uriOf('sales/sales-revenue.odps.yaml');
      // A second suite-level open would be a protocol error, so this test uses its own server.
      const own = startServer();
      await own.initialize(pathToFileURL(EXAMPLES).href);
      await own.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
      await own.open(uri, revenue);
      const edit = await own.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(revenue, 'sales-orders-v1', 'contractId: sales-orders-v1'), newName: 'sales-orders-main' });
      const changes = edit.changes ?? {};
      const files = [ORDERS_CONTRACT, ORDERS_PRODUCT, REVENUE, 'logistics/logistics-shipments.odps.yaml', 'customer/customer-360.odps.yaml'];
      assert.deepEqual(Object.keys(changes).sort(), files.map(uriOf).sort());
      const renamed = (text: string) => text.replace(/^(\s*(?:contractId|id|- id): )(['"]?)sales-orders-v1\2( #.*)?$/gm, '$1$2sales-orders-main$2$3');
      for (const file of files) {
        const before = file === REVENUE ? revenue : textOf(file);
        const after = applyEdits(before, changes[uriOf(file)]!);
        assert.equal(after, renamed(before), file);
      }
      // The URLs and relationships that merely contain the file name are not references.
      const contractAfter = applyEdits(textOf(ORDERS_CONTRACT), changes[uriOf(ORDERS_CONTRACT)]!);
      assert.match(contractAfter, /examples\/sales\/sales-orders-v1\.odcs\.yaml/);
      assert.match(applyEdits(revenue, changes[uri]!), /contractId: sales-orders-main # keep in step with finance\n/);
      assert.match(applyEdits(revenue, changes[uri]!), /- id: 'sales-orders-main'\n/);
      assert.match(applyEdits(revenue, changes[uri]!), /# Orders feed the revenue figure\./);
    });

    test('a new name that YAML would read as another type is quoted', T, async () => {
      const uri = await open(ORDERS_PRODUCT);
      const text = textOf(ORDERS_PRODUCT);
      const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(text, 'sales-orders-v0'), newName: '2026' });
      const contract = 'sales/sales-orders-v0.odcs.yaml';
      assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [uriOf(contract), uri].sort());
      assert.match(applyEdits(text, edit.changes![uri]!), /\n {4}contractId: "2026"\n/);
      assert.match(applyEdits(textOf(contract), edit.changes![uriOf(contract)]!), /\nid: "2026"\n/);
    });

    test('refused on a column, with a message', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const position = at(textOf(ORDERS_CONTRACT), 'order_total_net_eur', 'name: order_total_net_eur', 6);
      await assert.rejects(server.request('textDocument/prepareRename', { textDocument: { uri }, position }), refusal(/columns .* not supported/));
      await assert.rejects(server.request('textDocument/rename', { textDocument: { uri }, position, newName: 'net_eur' }), refusal(/columns .* not supported/));
    });

    test('refused to an id that already exists, naming the file', T, async () => {
      const uri = await open(REVENUE);
      const position = at(textOf(REVENUE), 'sales-orders-v1', 'contractId: sales-orders-v1');
      await assert.rejects(server.request('textDocument/rename', { textDocument: { uri }, position, newName: 'sales-product-catalog-v1' }), refusal(/'sales-product-catalog-v1' already exists in .*sales-product-catalog-v1\.odcs\.yaml/));
    });

    test('refused to a name with a space', T, async () => {
      const uri = await open(REVENUE);
      const position = at(textOf(REVENUE), 'sales-orders-v1', 'contractId: sales-orders-v1');
      await assert.rejects(server.request('textDocument/rename', { textDocument: { uri }, position, newName: 'sales orders' }), refusal(/'sales orders' is not a valid contract id/));
    });

    test('refused on a reference to a contract that does not exist', T, async () => {
      const own = startServer({ prepareRename: true });
      await own.initialize(pathToFileURL(EXAMPLES).href);
      await own.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
      const text = textOf(REVENUE).replace('contractId: sales-orders-v1', 'contractId: sales-ordrs-v1');
      const uri = uriOf(REVENUE);
      await own.open(uri, text);
      await assert.rejects(own.request('textDocument/prepareRename', { textDocument: { uri }, position: at(text, 'sales-ordrs-v1') }), refusal(/'sales-ordrs-v1' is not defined in this workspace/));
    });
  });

  describe('symbols', () => {
    const outline = (symbols: DocumentSymbol[]): unknown[] => symbols.map((s) => (s.children?.length ? [s.name, s.kind, outline(s.children)] : [s.name, s.kind]));
    const PACKAGE = 4;
    const CLASS = 5;
    const FIELD = 8;
    const INTERFACE = 11;
    const STRUCT = 23;

    test('the outline of a product: the product with its ports', T, async () => {
      const uri = await open(REVENUE);
      const text = textOf(REVENUE);
      const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(outline(symbols), [['sales-revenue', PACKAGE, [['orders', INTERFACE], ['catalog', INTERFACE], ['revenue-daily', INTERFACE], ['revenue-observability', INTERFACE]]]]);
      const [product] = symbols;
      assert.deepEqual(product!.selectionRange, rangeAfter(text, 'sales-revenue', 'id: sales-revenue'));
      assert.equal(product!.detail, 'Sales Revenue · v1.0.1 · active');
      assert.deepEqual(
        product!.children!.map((c) => c.detail),
        ['input port · v1.3.0', 'input port · v1.1.0', 'output port · v1.0.1', 'management port'],
      );
      const orders = product!.children![0]!;
      assert.deepEqual(orders.selectionRange, rangeAfter(text, 'orders', '- name: orders'));
      // The port's range covers the port, its contractId included.
      assert.ok(orders.range.start.line <= orders.selectionRange.start.line && orders.range.end.line > rangeAfter(text, 'sales-orders-v1', 'contractId: sales-orders-v1').start.line);
    });

    test('the outline of a contract: the contract, its tables and their columns', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const text = textOf(ORDERS_CONTRACT);
      const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const columns = (table: string, until?: string) => {
        const section = text.slice(text.indexOf(`  - id: ${table}\n`), until ? text.indexOf(`  - id: ${until}\n`) : text.indexOf('\nslaProperties:'));
        return [...section.matchAll(/^ {6}- id: \w+\n {8}name: (\w+)$/gm)].map((m) => m[1]!);
      };
      const orders = columns('orders', 'order_lines');
      const lines = columns('order_lines');
      assert.equal(orders.length, 10);
      assert.equal(lines.length, 6);
      assert.equal(symbols.length, 1);
      const [contract] = symbols;
      assert.deepEqual([contract!.name, contract!.kind], ['sales-orders-v1', CLASS]);
      assert.deepEqual(contract!.selectionRange, rangeAfter(text, 'sales-orders-v1', 'id: sales-orders-v1'));
      assert.deepEqual(
        contract!.children!.map((t) => [t.name, t.kind]),
        [
          ['orders', STRUCT],
          ['order_lines', STRUCT],
        ],
      );
      const leaf = (name: string) => name.slice(name.lastIndexOf('.') + 1);
      assert.deepEqual(contract!.children![0]!.children!.map((c) => leaf(c.name)), orders);
      assert.deepEqual(contract!.children![1]!.children!.map((c) => leaf(c.name)), lines);
      for (const table of contract!.children!) for (const column of table.children!) assert.equal(column.kind, FIELD, column.name);
      const netEur = contract!.children![0]!.children!.find((c) => leaf(c.name) === 'order_total_net_eur')!;
      assert.deepEqual(netEur.selectionRange, rangeAfter(text, 'order_total_net_eur', 'name: order_total_net_eur'));
    });

    test('workspace/symbol finds contracts by a fuzzy query; resolve adds the range', T, async () => {
      const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'sov1' });
      const found = symbols.find((s) => s.name === 'sales-orders-v1');
      assert.ok(found, JSON.stringify(symbols.map((s) => s.name)));
      assert.equal(found.kind, CLASS);
      assert.deepEqual(found.location, { uri: uriOf(ORDERS_CONTRACT) });
      for (const s of symbols) assert.match(s.name, /s.*o.*v.*1/i);
      const resolved = await server.request<WorkspaceSymbol>('workspaceSymbol/resolve', found);
      const text = textOf(ORDERS_CONTRACT);
      assert.deepEqual(resolved.location, { uri: uriOf(ORDERS_CONTRACT), range: rangeAfter(text, 'sales-orders-v1', 'id: sales-orders-v1') });
    });

    test('workspace/symbol finds columns, with their contract as container', T, async () => {
      const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'order_total_net_eur' });
      const leaf = (s: WorkspaceSymbol) => s.name.slice(s.name.lastIndexOf('.') + 1);
      // Fuzzy: order_lines.line_total_net_eur has the query's characters in order, too.
      assert.ok(symbols.every((s) => s.kind === FIELD && s.containerName === 'sales-orders-v1'), JSON.stringify(symbols));
      const found = symbols.filter((s) => leaf(s) === 'order_total_net_eur');
      assert.deepEqual(
        found.map((s) => [s.kind, s.containerName, s.location.uri]),
        [[FIELD, 'sales-orders-v1', uriOf(ORDERS_CONTRACT)]],
      );
      const resolved = await server.request<WorkspaceSymbol>('workspaceSymbol/resolve', found[0]);
      assert.deepEqual(resolved.location, { uri: uriOf(ORDERS_CONTRACT), range: rangeAfter(textOf(ORDERS_CONTRACT), 'order_total_net_eur', 'name: order_total_net_eur') });
    });

    test('workspace/symbol with a query nothing matches: an empty list', T, async () => {
      assert.deepEqual(await server.request('workspace/symbol', { query: 'zzqqxx' }), []);
    });
  });

  describe('code lens', () => {
    test('on a contract: its consumers; resolve lists the consuming ports', T, async () => {
      const uri = await open(ORDERS_CONTRACT);
      const text = textOf(ORDERS_CONTRACT);
      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.equal(lenses.length, 1, JSON.stringify(lenses));
      assert.deepEqual(lenses[0]!.range, rangeAfter(text, 'sales-orders-v1', 'id: sales-orders-v1'));
      const resolved = await server.request<CodeLens>('codeLens/resolve', lenses[0]);
      assert.equal(resolved.command?.title, '3 consumers · 1 upstream');
      assert.equal(resolved.command?.command, 'dataMesh.showReferences');
      const [argUri, argPosition, locations] = resolved.command!.arguments as [string, Position, Location[]];
      assert.equal(argUri, uri);
      assert.deepEqual(argPosition, lenses[0]!.range.start);
      assert.deepEqual(sortLocations(locations), contractReferences('sales-orders-v1', { consumersOnly: true }));
    });

    test('on a product: one lens for the product and one per output port', T, async () => {
      const uri = await open(ORDERS_PRODUCT);
      const text = textOf(ORDERS_PRODUCT);
      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const resolved = await Promise.all(lenses.map((lens) => server.request<CodeLens>('codeLens/resolve', lens)));
      assert.deepEqual(
        resolved.map((l) => [l.range, l.command?.title, l.command?.command]),
        [
          [rangeAfter(text, 'sales-orders', 'id: sales-orders'), '3 consumers · 0 upstream', 'dataMesh.showReferences'],
          [rangeAfter(text, 'orders', '- name: orders'), '3 consumers · 1 upstream', 'dataMesh.showReferences'],
          [rangeAfter(text, 'orders-legacy-export', '- name: orders-legacy-export'), '0 consumers · 1 upstream', ''],
        ],
      );
      // The product's lens shows the ports that consume any contract it publishes.
      assert.deepEqual(sortLocations((resolved[0]!.command!.arguments as [string, Position, Location[]])[2]), contractReferences('sales-orders-v1', { consumersOnly: true }));
    });

    test('a derived product counts its input contracts, a contract its producer; one consumer is singular', T, async () => {
      const uri = await open('logistics/logistics-shipments.odps.yaml');
      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const titles = (await Promise.all(lenses.map((lens) => server.request<CodeLens>('codeLens/resolve', lens)))).map((l) => l.command?.title);
      // logistics-shipments-v1 is consumed by logistics-carrier-performance and customer-360.
      assert.deepEqual(titles, ['2 consumers · 1 upstream', '2 consumers · 1 upstream']);
      const carrier = await open('logistics/logistics-carrier-performance.odps.yaml');
      const carrierLenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: carrier } });
      const carrierTitles = (await Promise.all(carrierLenses.map((lens) => server.request<CodeLens>('codeLens/resolve', lens)))).map((l) => l.command?.title);
      assert.deepEqual(carrierTitles, ['0 consumers · 1 upstream', '0 consumers · 1 upstream']);
      const profiles = await open('customer/customer-profiles-v1.odcs.yaml');
      const profileLenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: profiles } });
      assert.deepEqual((await server.request<CodeLens>('codeLens/resolve', profileLenses[0])).command?.title, '1 consumer · 1 upstream');
    });
  });

  /** Opens sales-revenue, moves an input port onto sales-orders-v0 and waits for a code lens refresh. */
  async function lensRefreshAfterEdit(pull: boolean): Promise<void> {
    const own = startServer({ codeLensRefresh: true, pull, refreshSupport: pull });
    await own.initialize(pathToFileURL(EXAMPLES).href);
    await own.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
    // The refresh that follows the index becoming ready.
    await own.waitForServerRequest('workspace/codeLens/refresh');
    const uri = uriOf(REVENUE);
    const text = textOf(REVENUE);
    await own.open(uri, text);
    await own.change(uri, text.replace('contractId: sales-product-catalog-v1', 'contractId: sales-orders-v0'), 2);
    if (pull) await own.pullDiagnostics(uri);
    else await own.waitForDiagnostics(uri, (p) => p.version === 2);
    // sales-orders-v0 now has a consumer: the lens in sales-orders.odps.yaml says so only after a refresh.
    await own.waitForServerRequest('workspace/codeLens/refresh', () => true, 2_000);
  }

  test('an edit that adds a consumer asks the client to refresh the code lenses of other files (push)', T, () => lensRefreshAfterEdit(false));

  test('an edit that adds a consumer asks the client to refresh the code lenses of other files (pull, as VS Code)', T, () => lensRefreshAfterEdit(true));

  describe('hover', () => {
    test('on a contractId: the contract with its upstream and downstream nodes', T, async () => {
      const uri = await open(REVENUE);
      const text = textOf(REVENUE);
      const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(text, 'sales-orders-v1', 'contractId: sales-orders-v1') });
      assert.deepEqual(hover.range, rangeAfter(text, 'sales-orders-v1', 'contractId: sales-orders-v1'));
      const { kind, value } = hover.contents as { kind: string; value: string };
      assert.equal(kind, 'markdown');
      const plain = value.replace(/\\(.)/g, '$1');
      const [head, rest] = plain.split('**Upstream**');
      const [upstream, downstream] = rest!.split('**Downstream**');
      assert.match(head!, /^contract \*\*sales-orders-v1\*\* · v1\.3\.0 · active · owner sales-data/);
      assert.match(upstream!, /^- product \*\*sales-orders\*\* · v1\.3\.0 · active/m);
      for (const product of ['sales-revenue', 'logistics-shipments', 'customer-360']) assert.match(downstream!, new RegExp(`^- product \\*\\*${product}\\*\\*`, 'm'), downstream);
      // Two hops: what the consumers publish, indented under them.
      for (const contract of ['sales-revenue-daily-v1', 'logistics-shipments-v1', 'customer-360-v1']) assert.match(downstream!, new RegExp(`^  - contract \\*\\*${contract}\\*\\*`, 'm'), downstream);
      // Workspace text is escaped for Markdown.
      assert.match(value, /sales\\-orders\\-v1/);
    });

    test('on a contractId nothing defines: says so', T, async () => {
      const own = startServer();
      await own.initialize(pathToFileURL(EXAMPLES).href);
      await own.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
      const text = textOf(REVENUE).replace('contractId: sales-orders-v1', 'contractId: sales-orders-v9');
      await own.open(uriOf(REVENUE), text);
      const hover = await own.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(REVENUE) }, position: at(text, 'sales-orders-v9') });
      const value = (hover.contents as { value: string }).value.replace(/\\(.)/g, '$1');
      assert.match(value, /^contract \*\*sales-orders-v9\*\* · _not found_/);
      assert.match(value, /_Not defined in this workspace\._/);
      assert.match(value, /\*\*Downstream\*\*\n\n- product \*\*sales-revenue\*\*/);
    });

    test('on a column: the glossary term it links to, with where it is defined and how many columns use it', T, async () => {
      const file = 'customer/customer-profiles-v1.odcs.yaml';
      const uri = await open(file);
      const text = textOf(file);
      const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(text, 'email_address', 'name: email_address') });
      assert.deepEqual(hover.range, rangeAfter(text, 'email_address', 'name: email_address'));
      const plain = (hover.contents as { value: string }).value.replace(/\\(.)/g, '$1');
      assert.match(plain, /^#### Email Address\n\nGlossary term · domain \*\*customer\*\* · approved · owner customer-data@northwind-outfitters.example\n/);
      assert.match(plain, /The email address a customer gave for order confirmations and account login\./);
      assert.match(plain, /- \*\*Synonyms:\*\* Email, E-mail\n- \*\*Classification:\*\* confidential · \*\*PII\*\*\n- \*\*Related:\*\* Customer\n/);
      assert.match(plain, /- \*\*Defined in\*\* \.\.\/glossary\.yaml · \*\*used by\*\* \d+ columns? in the mesh$/);
    });

    test('on text that is not a product or contract: null', T, async () => {
      const uri = await open(REVENUE);
      assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: at(textOf(REVENUE), 'northwind-outfitters', 'tenant:') }), null);
    });
  });

  describe('dataMesh/lineage', () => {
    test('around a node: two hops up and down, with exact locations', T, async () => {
      const graph = await server.request<LineageGraph>('dataMesh/lineage', { nodeId: 'contract:sales-orders-v1' });
      assert.equal(graph.focus, 'contract:sales-orders-v1');
      assert.deepEqual(graph.nodes.map((n) => n.id).sort(), [
        'contract:customer-360-v1',
        'contract:logistics-shipments-v1',
        'contract:sales-orders-v1',
        'contract:sales-revenue-daily-v1',
        'product:customer-360',
        'product:logistics-shipments',
        'product:sales-orders',
        'product:sales-revenue',
      ]);
      const edges = graph.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`).sort();
      assert.deepEqual(edges, [
        'contract:logistics-shipments-v1 -consumes-> product:customer-360',
        'contract:sales-orders-v1 -consumes-> product:customer-360',
        'contract:sales-orders-v1 -consumes-> product:logistics-shipments',
        'contract:sales-orders-v1 -consumes-> product:sales-revenue',
        'product:customer-360 -publishes-> contract:customer-360-v1',
        'product:logistics-shipments -publishes-> contract:logistics-shipments-v1',
        'product:sales-orders -publishes-> contract:sales-orders-v1',
        'product:sales-revenue -publishes-> contract:sales-revenue-daily-v1',
      ]);
      assert.deepEqual(graph.domains, ['customer', 'logistics', 'sales']);
      const focus = graph.nodes.find((n) => n.id === 'contract:sales-orders-v1')!;
      assert.deepEqual(focus.location, { uri: uriOf(ORDERS_CONTRACT), range: rangeAfter(textOf(ORDERS_CONTRACT), 'sales-orders-v1', 'id: sales-orders-v1') });
      assert.equal(focus.kind, 'contract');
      assert.equal(focus.status, 'active');
      assert.equal(focus.version, '1.3.0');
      assert.equal(focus.domain, 'sales');
      assert.equal(focus.owner, 'sales-data');
    });

    test('hops: 1 keeps the direct neighbours only', T, async () => {
      const graph = await server.request<LineageGraph>('dataMesh/lineage', { nodeId: 'contract:sales-orders-v1', hops: 1 });
      assert.deepEqual(graph.nodes.map((n) => n.id).sort(), ['contract:sales-orders-v1', 'product:customer-360', 'product:logistics-shipments', 'product:sales-orders', 'product:sales-revenue']);
      assert.equal(graph.edges.length, 4);
    });

    test('for the node under a position', T, async () => {
      const uri = await open(REVENUE);
      const graph = await server.request<LineageGraph>('dataMesh/lineage', { textDocument: { uri }, position: at(textOf(REVENUE), 'sales-product-catalog-v1', 'contractId: sales-product-catalog-v1') });
      assert.equal(graph.focus, 'contract:sales-product-catalog-v1');
      assert.ok(graph.nodes.some((n) => n.id === 'product:sales-revenue'));
      assert.equal(await server.request('dataMesh/lineage', { textDocument: { uri }, position: at(textOf(REVENUE), 'northwind-outfitters', 'tenant:') }), null);
    });

    test('nodes carry the error and warning counts of their open file', T, async () => {
      const file = 'broken/misspelt-key.odcs.yaml';
      const uri = await open(file);
      await server.waitForDiagnostics(uri);
      const graph = await server.request<LineageGraph>('dataMesh/lineage', { nodeId: 'contract:sales-returns-misspelt-key-v1' });
      assert.deepEqual(
        graph.nodes.map((n) => [n.id, n.diagnostics]),
        [['contract:sales-returns-misspelt-key-v1', { errors: 1, warnings: 0 }]],
      );
    });

    test('an open contract edited and not saved: its impact on the consumers, compared with the file on disk; PII columns per node', T, async () => {
      const own = startServer();
      await own.initialize(pathToFileURL(EXAMPLES).href);
      await own.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
      const uri = uriOf(ORDERS_CONTRACT);
      const saved = textOf(ORDERS_CONTRACT);
      await own.open(uri, saved);
      const before = await own.request<LineageGraph>('dataMesh/lineage', {});
      assert.equal(before.unsaved, undefined, 'the open file is as it is on disk');
      assert.equal(before.nodes.find((n) => n.id === 'contract:customer-profiles-v1')?.pii, 3);
      await own.change(uri, saved.replace(/^status: active$/m, 'status: deprecated'), 2);
      const after = await own.request<LineageGraph>('dataMesh/lineage', {});
      // The graph lights the affected nodes; their order follows the index, and the scan reads on two threads.
      after.unsaved?.forEach((u) => u.affected.sort());
      assert.deepEqual(after.unsaved, [
        { node: 'contract:sales-orders-v1', uri, changes: ['The status changes from active to deprecated.'], affected: ['product:customer-360', 'product:logistics-shipments', 'product:sales-revenue'] },
      ]);
      await own.change(uri, saved, 3);
      assert.equal((await own.request<LineageGraph>('dataMesh/lineage', {})).unsaved, undefined);
    });

    test('for an unknown node: null', T, async () => {
      assert.equal(await server.request('dataMesh/lineage', { nodeId: 'contract:no-such-contract' }), null);
    });
  });

  describe('dataMesh/governanceReport', () => {
    test("the workspace's governance summary: what datamesh report prints", T, async () => {
      const result = await server.request<GovernanceReportResult>('dataMesh/governanceReport', {});
      const cli = datamesh(EXAMPLES, 'report');
      // The same files and counts as the command line (its paths are relative to examples/ here too).
      assert.equal(result.markdown, cli.stdout);
      assert.equal(result.files, Number(/^(\d+) files checked/m.exec(cli.stdout)![1]));
      assert.ok(result.errors > 0 && result.warnings > 0);
    });
  });

  describe('dataMesh/columnLineage', () => {
    const CUSTOMER_360 = 'customer/customer-360-v1.odcs.yaml';
    const PROFILES = 'customer/customer-profiles-v1.odcs.yaml';

    test("a contract's columns with the tables they are computed from, each named exactly", T, async () => {
      const lineage = await server.request<ColumnLineage>('dataMesh/columnLineage', { nodeId: 'contract:customer-360-v1' });
      assert.equal(lineage.focus, 'contract:customer-360-v1');
      const tables = lineage.tables.map((t) => `${t.contractName}/${t.name}`);
      assert.deepEqual(tables, ['customer-360-v1/customer_360', 'customer-profiles-v1/customers', 'logistics-shipments-v1/shipments', 'sales-orders-v1/orders']);
      const own = lineage.tables[0]!;
      // Every column of the contract, in file order; the upstream tables only as sources (by their physical names).
      assert.deepEqual(own.columns.map((c) => c.name), [...textOf(CUSTOMER_360).matchAll(/^ {6}- id: \w+\n {8}name: (\w+)$/gm)].map((m) => m[1]));
      assert.equal(own.hiddenColumns, 0);
      const customers = lineage.tables[1]!;
      assert.deepEqual(customers.columns, []);
      assert.deepEqual(customers.location, { uri: uriOf(PROFILES), range: rangeAfter(textOf(PROFILES), 'customers', '    name: customers') });
      const email = own.columns.find((c) => c.name === 'email_sha256')!;
      assert.deepEqual(email.location, { uri: uriOf(CUSTOMER_360), range: rangeAfter(textOf(CUSTOMER_360), 'email_sha256', 'name: email_sha256') });
      assert.equal(email.classification, 'confidential');
      assert.ok(lineage.edges.some((e) => e.from === customers.id && e.to === email.id), 'email_sha256 is computed from the table customers');
    });

    test('for the column under a position: its contract, with the column marked; elsewhere in a contract, the contract', T, async () => {
      const uri = await open(CUSTOMER_360);
      const text = textOf(CUSTOMER_360);
      const onColumn = await server.request<ColumnLineage>('dataMesh/columnLineage', { textDocument: { uri }, position: at(text, 'email_sha256', 'name: email_sha256') });
      assert.equal(onColumn.focus, 'contract:customer-360-v1');
      assert.equal(onColumn.column, onColumn.tables[0]!.columns.find((c) => c.name === 'email_sha256')!.id);
      const onVersion = await server.request<ColumnLineage>('dataMesh/columnLineage', { textDocument: { uri }, position: at(text, 'version:') });
      assert.equal(onVersion.focus, 'contract:customer-360-v1');
      assert.equal(onVersion.column, undefined);
      assert.equal(await server.request('dataMesh/columnLineage', { nodeId: 'contract:no-such-contract' }), null);
      assert.equal(await server.request('dataMesh/columnLineage', { nodeId: 'product:customer-360' }), null);
    });

    test('the whole mesh: every product and contract of examples/, and the 15 edges between them', T, async () => {
      const graph = await server.request<LineageGraph>('dataMesh/lineage', {});
      assert.equal(graph.focus, undefined);
      const mesh = graph.nodes.filter((n) => !n.location?.uri.includes('/broken/'));
      // README: 7 products and 8 contracts; broken/ adds 6 contracts and 2 products without ports.
      assert.equal(mesh.filter((n) => n.kind === 'product').length, 7);
      assert.equal(mesh.filter((n) => n.kind === 'contract').length, 8);
      assert.equal(graph.nodes.length, 23);
      // 8 publishes (sales-orders publishes two) and 7 consumes (inputContracts repeat input ports).
      assert.equal(graph.edges.filter((e) => e.kind === 'publishes').length, 8);
      assert.equal(graph.edges.filter((e) => e.kind === 'consumes').length, 7);
      assert.deepEqual(graph.domains, ['customer', 'logistics', 'sales']);
      // The whole mesh gives files, not ranges.
      for (const node of graph.nodes) assert.deepEqual(Object.keys(node.location ?? {}), ['uri'], node.id);
    });
  });
});

describe('mesh navigation on files in other shapes', () => {
  const { dir, uri: root } = copyToTemp(EXAMPLES);
  const uriIn = (file: string) => pathToFileURL(join(dir, file)).href;
  // A contract saved by a Windows editor (CRLF and a byte order mark), and a file with two contracts.
  const crlf = `\uFEFF${textOf(ORDERS_CONTRACT).replace(/\n/g, '\r\n')}`;
  writeFileSync(join(dir, ORDERS_CONTRACT), crlf);
  const multi = 'apiVersion: v3.1.0\nkind: DataContract\nid: multi-a\nversion: 1.0.0\nstatus: active\n---\napiVersion: v3.1.0\nkind: DataContract\nid: multi-b\nversion: 1.0.0\nstatus: active\n';
  writeFileSync(join(dir, 'sales/multi.odcs.yaml'), multi);
  const revenue = textOf(REVENUE).replace('contractId: sales-product-catalog-v1', 'contractId: multi-b');
  const server = startServer();

  before(async () => {
    await server.initialize(root);
    await server.waitForNotification<IndexStatus>('dataMesh/indexStatus', (s) => s.state === 'ready');
    await server.open(uriIn(REVENUE), revenue);
  }, T);

  test('ranges in a closed CRLF file with a byte order mark', T, async () => {
    const expected = { uri: uriIn(ORDERS_CONTRACT), range: rangeOf(crlf, 'sales-orders-v1') };
    assert.equal(expected.range.start.line, 2);
    const position = at(revenue, 'sales-orders-v1');
    assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri: uriIn(REVENUE) }, position }), [expected]);
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriIn(REVENUE) }, position, newName: 'sales-orders-main' });
    assert.equal(applyEdits(crlf, edit.changes![uriIn(ORDERS_CONTRACT)]!), crlf.replace('\r\nid: sales-orders-v1\r\n', '\r\nid: sales-orders-main\r\n'));
  });

  test('the second contract of a multi-document file', T, async () => {
    assert.deepEqual(await server.request<Location[]>('textDocument/definition', { textDocument: { uri: uriIn(REVENUE) }, position: at(revenue, 'multi-b') }), [
      { uri: uriIn('sales/multi.odcs.yaml'), range: rangeOf(multi, 'multi-b') },
    ]);
    await server.open(uriIn('sales/multi.odcs.yaml'), multi);
    const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriIn('sales/multi.odcs.yaml') } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.selectionRange]),
      [
        ['multi-a', rangeOf(multi, 'multi-a')],
        ['multi-b', rangeOf(multi, 'multi-b')],
      ],
    );
    const refs = await server.request<Location[]>('textDocument/references', { textDocument: { uri: uriIn('sales/multi.odcs.yaml') }, position: at(multi, 'multi-b'), context: { includeDeclaration: false } });
    assert.deepEqual(refs, [{ uri: uriIn(REVENUE), range: rangeOf(revenue, 'multi-b') }]);
  });
});
