// The data of a finding (path, value, suggestions, expected) reaches the client in the LSP
// diagnostic's `data`, which the client hands back in code action requests.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { startServer } from '../support/lspClient';

const T = { timeout: 20_000 };

describe('diagnostic data over the protocol', () => {
  const server = startServer({ pull: true });
  before(() => server.initialize(null), T);

  test('schema/unknown-property arrives with its path, value, suggestions and allowed keys in data', T, async () => {
    const uri = 'file:///data/orders.odcs.yaml';
    await server.open(uri, 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    descripton: x\n');
    const report = await server.pullDiagnostics(uri);
    const [diagnostic] = 'items' in report ? report.items : [];
    assert.equal(diagnostic?.code, 'schema/unknown-property');
    const { expected, ...data } = diagnostic.data as { expected?: string[] };
    assert.deepEqual(data, { docIndex: 0, path: ['schema', 0, 'descripton'], value: 'descripton', suggestions: ['description'] });
    assert.ok(expected?.includes('description'), String(expected));
  });
});
