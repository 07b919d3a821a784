import assert from 'node:assert/strict';
import type { MeshDiagnostic } from '../../server/src/core/languageService';
import { core } from './core';

/** The full path's findings; where the quick read answers too, it must give the same. */
export function diagnose(text: string, fileName = 'test.yaml'): MeshDiagnostic[] {
  const full = core.validate(core.parse(text, fileName));
  const quick = core.quickValidate(text, fileName);
  if (quick) assert.deepEqual(quick.diagnostics, full, 'the quick read and the full path disagree');
  return full;
}

export interface Expected {
  code: string;
  message?: RegExp;
  severity?: number;
}

/**
 * Checks the diagnostics of a fixture. The fixture marks each expected range with ⟦ and ⟧, in
 * order; the markers are removed before validation, and every diagnostic must match one mark.
 */
export function check(fixture: string, expected: Expected[], fileName = 'test.yaml'): MeshDiagnostic[] {
  const { text, ranges } = stripMarkers(fixture);
  const actual = diagnose(text, fileName);
  const show = (d: MeshDiagnostic) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))} ${d.message}`;
  assert.equal(actual.length, expected.length, `expected ${expected.length} diagnostics, got:\n${actual.map(show).join('\n')}`);
  assert.equal(ranges.length, expected.length, 'each expected diagnostic needs a ⟦range⟧ in the fixture');
  expected.forEach((e, i) => {
    const d = actual[i]!;
    assert.equal(d.code, e.code, show(d));
    assert.equal(text.slice(d.start, d.end), text.slice(ranges[i]![0], ranges[i]![1]), `range of ${show(d)}`);
    assert.deepEqual([d.start, d.end], ranges[i], show(d));
    if (e.message) assert.match(d.message, e.message);
    if (e.severity !== undefined) assert.equal(d.severity, e.severity, show(d));
  });
  return actual;
}

function stripMarkers(fixture: string): { text: string; ranges: [number, number][] } {
  let text = '';
  const ranges: [number, number][] = [];
  let open = -1;
  for (const ch of fixture) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      ranges.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, ranges };
}
