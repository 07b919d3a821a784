// What the graph webview may post: anything else is dropped before the extension acts on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EXPORT_CHARS, parseViewState, parseWebviewMessage } from '../../protocol/graphMessages';

test('protocol messages pass with their own fields only', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'open', nodeId: 'product:sales-orders', command: 'x' }), { type: 'open', nodeId: 'product:sales-orders' });
  assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'mermaid', content: 'flowchart LR\n' }), { type: 'export', format: 'mermaid', content: 'flowchart LR\n' });
  assert.deepEqual(parseWebviewMessage({ type: 'drawn', nodes: 3, edges: 2, layoutMs: 10, totalMs: 20 }), { type: 'drawn', nodes: 3, edges: 2, layoutMs: 10, totalMs: 20 });
  assert.deepEqual(parseWebviewMessage({ type: 'columns', nodeId: 'contract:orders', hops: 3, uri: 'file:///x' }), { type: 'columns', nodeId: 'contract:orders', hops: 3 });
  assert.deepEqual(parseWebviewMessage({ type: 'columns', hops: 99 }), { type: 'columns', hops: 2 });
  assert.deepEqual(parseWebviewMessage({ type: 'follow', on: true }), { type: 'follow', on: true });
  assert.deepEqual(parseWebviewMessage({ type: 'openColumn', id: 'column:file:///m/a.yaml#orders.id', uri: 'file:///etc/passwd' }), { type: 'openColumn', id: 'column:file:///m/a.yaml#orders.id' });
});

test('anything else is refused', () => {
  for (const message of [
    null, 'ready', [], {}, { type: 'run', command: 'workbench.action.terminal.new' },
    { type: 'open' }, { type: 'open', nodeId: 42 }, { type: 'open', nodeId: 'file:///etc/passwd' }, { type: 'open', nodeId: 'command:workbench.action.quit' },
    { type: 'open', nodeId: `product:${'x'.repeat(30_000)}` },
    { type: 'export', format: 'html', content: '<script>' }, { type: 'export', format: 'svg', content: '' },
    { type: 'export', format: 'png', content: 'data:text/html;base64,PHNjcmlwdD4=' },
    { type: 'export', format: 'svg', content: 'x'.repeat(MAX_EXPORT_CHARS + 1) },
    { type: 'columns', nodeId: 'product:sales-orders', hops: 2 }, { type: 'columns', nodeId: 7, hops: 2 },
    { type: 'follow' }, { type: 'follow', on: 'yes' }, { type: 'openColumn' }, { type: 'openColumn', id: '' }, { type: 'openColumn', id: 'x'.repeat(30_000) },
    { type: 'drawn', nodes: -1, edges: 0, layoutMs: 0, totalMs: 0 }, { type: 'drawn', nodes: Number.NaN, edges: 0, layoutMs: 0, totalMs: 0 },
  ]) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 80));
});

test('a restored view state keeps mode, focus and hops, and drops what is malformed', () => {
  assert.deepEqual(parseViewState({ mode: 'lineage', focus: 'contract:a', hops: 3, search: 'x' }), { mode: 'lineage', focus: 'contract:a', hops: 3 });
  assert.deepEqual(parseViewState({ mode: 'mesh', hops: 99 }), { mode: 'mesh', hops: 2 });
  assert.equal(parseViewState({ mode: 'lineage', focus: 'javascript:alert(1)' }), undefined);
  assert.equal(parseViewState('mesh'), undefined);
  // The column view: its contract and hops, or nothing when they are not a contract's.
  assert.deepEqual(parseViewState({ mode: 'lineage', focus: 'contract:a', hops: 2, columns: 'contract:a', columnHops: 4 }), { mode: 'lineage', focus: 'contract:a', hops: 2, columns: 'contract:a', columnHops: 4 });
  assert.deepEqual(parseViewState({ mode: 'mesh', hops: 2, columns: 'product:a', columnHops: 4 }), { mode: 'mesh', hops: 2 });
  assert.deepEqual(parseViewState({ mode: 'mesh', hops: 2, follow: true }), { mode: 'mesh', hops: 2, follow: true });
  assert.deepEqual(parseViewState({ mode: 'mesh', hops: 2, follow: 'yes' }), { mode: 'mesh', hops: 2 });
});
