// The end of a session: `shutdown` then `exit` ends the process cleanly; `exit` alone does not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../support/lspClient';

const T = { timeout: 20_000 };

describe('lifecycle', () => {
  const server = startServer();
  const withoutShutdown = startServer();

  test('shutdown then exit ends the process with code 0', T, async () => {
    await server.initialize(null);
    await server.open('file:///workspace/orders.odcs.yaml', 'apiVersion: v3.1.0\nkind: DataContract\n');
    assert.equal(await server.shutdown(), 0, server.log());
  });

  test('exit without shutdown ends the process with code 1', T, async () => {
    await withoutShutdown.initialize(null);
    await withoutShutdown.notify('exit');
    assert.equal(await withoutShutdown.exited, 1);
  });
});
