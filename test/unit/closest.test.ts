// "Did you mean" picks the candidate of least edit distance, within a third of the word's length.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, closestIn } from '../../server/src/core/util/closest';

/** The textbook definition, to compare the fast one with. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) rows[i]![j] = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return rows[a.length]![b.length]!;
}

function expected(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

test('the closest candidate within a third of the length; a different case counts as no difference', () => {
  assert.equal(closest('sales-order-v1', ['sales-orders-v1', 'sales-orders-v2', 'payments']), 'sales-orders-v1');
  assert.equal(closest('Payments records', ['Payments score', 'Payments region', 'payments records']), 'payments records');
  assert.equal(closest('orders', ['customers', 'invoices']), undefined);
  assert.equal(closest('orders', ['orders']), undefined, 'the word itself is no suggestion');
  assert.equal(closest('a-very-long-identifier-'.repeat(8), ['a-very-long-identifier-'.repeat(8).toUpperCase()]), 'a-very-long-identifier-'.repeat(8).toUpperCase());
});

test('the same choice as the textbook edit distance on random words, asked one by one or of a list lowercased once', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcAB-'[Math.floor(random() * 6)]).join('');
  const candidates = Array.from({ length: 200 }, word);
  const inList = closestIn(candidates);
  for (let k = 0; k < 300; k++) {
    const w = word();
    assert.equal(closest(w, candidates), expected(w, candidates), w);
    assert.equal(inList(w), expected(w, candidates), w);
  }
});
