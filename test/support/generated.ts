// Generated inputs for protocol and command-line tests: contracts of a given size, and workspaces
// written to a temporary folder that is removed after the suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { pathToFileURL } from 'node:url';

/** A valid ODCS contract with one table of as many columns as make at least `bytes` characters, then `last`. */
export function contractOfSize(bytes: number, id = 'big-orders', last = ''): string {
  const lines = [`apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\n`, 'schema:\n  - name: orders\n    logicalType: object\n    properties:\n'];
  let size = lines[0]!.length + lines[1]!.length;
  for (let i = 0; size < bytes; i++) {
    const property = `      - name: column_${i}\n        logicalType: string\n        description: Column number ${i} of the orders table.\n`;
    lines.push(property);
    size += property.length;
  }
  return lines.join('') + last;
}

/** Writes `files` (relative path → text) into a new temporary folder, removed after the suite. */
export function tempWorkspace(files: Record<string, string>): { dir: string; uri: string; uriOf(path: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'datamesh-ws-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, uri: pathToFileURL(dir).href, uriOf: (path) => pathToFileURL(join(dir, path)).href };
}
