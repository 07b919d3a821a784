// The extension's manifest (package.json, package.nls.json): every contributed command has a title
// in package.nls.json and is registered by the client, and every menu entry names a contributed command.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/lspClient';

interface Manifest {
  contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string; when?: string }[]> };
}
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;

function registered(): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(join(repoRoot, 'client/src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join(repoRoot, 'client/src', file), 'utf8').matchAll(/registerCommand\(\s*'([\w.]+)'/g)) ids.add(m[1]!);
  }
  return ids;
}

test('every contributed command has a localised title and is registered by the client', () => {
  const ids = registered();
  for (const { command, title } of pkg.contributes.commands) {
    const key = /^%(.+)%$/.exec(title)?.[1];
    assert.ok(key !== undefined && typeof nls[key] === 'string' && nls[key] !== '', `${command}: its title is a package.nls.json key`);
    assert.ok(ids.has(command), `${command} is registered`);
  }
});

test('every menu entry names a contributed command', () => {
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const [menu, entries] of Object.entries(pkg.contributes.menus)) for (const entry of entries) assert.ok(contributed.has(entry.command), `${menu}: ${entry.command}`);
});
