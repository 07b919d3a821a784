// The "Get Started with Data Mesh" walkthrough (package.json, package.nls.json, media/walkthrough/):
// each step has its text and media, its links run commands the extension registers, no two steps
// complete on the same command, and the sample-mesh places its links open are where the step says.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/lspClient';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown: string };
  completionEvents?: string[];
}
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: Step[] }[] } };
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);
const text = (value: string): string => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;

/** The commands the client registers: `registerCommand('id'` in client/src. */
function registeredCommands(): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(join(repoRoot, 'client/src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join(repoRoot, 'client/src', file), 'utf8').matchAll(/registerCommand\(\s*'([\w.]+)'/g)) ids.add(m[1]);
  }
  return ids;
}

/** `[label](command:id?args)` links of a step's description, with their decoded arguments. */
function links(step: Step): { command: string; args: unknown[] }[] {
  return [...text(step.description).matchAll(/\]\(command:([\w.]+)(?:\?([^)]+))?\)/g)].map((m) => ({
    command: m[1],
    args: m[2] ? (JSON.parse(decodeURIComponent(m[2])) as unknown[]) : [],
  }));
}

test('every walkthrough step has a title, a description with a link, and its media', () => {
  assert.equal(steps.length, 5);
  for (const step of steps) {
    assert.notEqual(text(step.title), step.title, `${step.id}: the title is in package.nls.json`);
    assert.ok(links(step).length > 0, `${step.id}: the description has a command link`);
    assert.ok(existsSync(join(repoRoot, step.media.markdown)), `${step.id}: ${step.media.markdown} exists`);
  }
});

test('every walkthrough link and completion command is registered, and no two steps complete on the same command', () => {
  const registered = registeredCommands();
  const completedBy = new Map<string, string>();
  for (const step of steps) {
    for (const { command } of links(step)) assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
    // Without completionEvents, VS Code checks a step off when one of its links runs.
    for (const event of step.completionEvents ?? links(step).map((l) => `onCommand:${l.command}`)) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (!command) continue;
      if (command.startsWith('dataMesh.')) assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
      assert.equal(completedBy.get(command), undefined, `${command} completes both ${completedBy.get(command)} and ${step.id}`);
      completedBy.set(command, step.id);
    }
  }
});

test('the sample-mesh links put the cursor on the mistake and on a contract reference, not in a comment', () => {
  const opened = steps.flatMap((step) => links(step).filter((l) => l.command === 'dataMesh.openExample' || l.command === 'dataMesh.showExampleHover'));
  assert.deepEqual(opened.map((l) => l.args), [
    ['broken/misspelt-key.odcs.yaml', 'descripton:'],
    ['logistics/logistics-shipments.odps.yaml', 'sales-orders-v1'],
  ]);
  for (const { args } of opened) {
    const [path, at] = args as [string, string];
    const source = readFileSync(join(repoRoot, 'examples', path), 'utf8');
    const offset = source.indexOf(at);
    assert.ok(offset >= 0, `${at} is in ${path}`);
    const line = source.slice(source.lastIndexOf('\n', offset) + 1, offset);
    assert.doesNotMatch(line, /#/, `the first '${at}' in ${path} is not in a comment`);
    // The key itself for the mistake; the value after `contractId: ` for the lineage hover.
    assert.match(line, at.endsWith(':') ? /^\s*$/ : /contractId: $/, `the first '${at}' in ${path} is where the step says`);
  }
});
