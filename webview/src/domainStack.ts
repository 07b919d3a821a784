/**
 * The top level of the graph: domains (already laid out inside), collapsed domains and the cluster of
 * nodes without a domain, stacked top to bottom with upstream items first. A handful of boxes, so it
 * is arranged here in linear time instead of by elkjs, whose layered passes cost hundreds of
 * milliseconds on the dense, cyclic graph that collapsed domains form (ten domains, ninety links).
 */

export interface StackItem {
  id: string;
  width: number;
  height: number;
}

export interface Stacked {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

const ROW_GAP = 40;
const ITEM_GAP = 28;

/**
 * Rows by longest path from the sources (after breaking cycles by the Eades–Lin–Smyth greedy order),
 * each row ordered by where its upstream items sit and centred on the widest row.
 */
export function stackItems(items: readonly StackItem[], links: Iterable<readonly [string, string]>): Stacked {
  const index = new Map(items.map((item, i) => [item.id, i]));
  const out = items.map(() => new Set<number>());
  const into = items.map(() => new Set<number>());
  for (const [from, to] of links) {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined || b === undefined || a === b) continue;
    out[a]!.add(b);
    into[b]!.add(a);
  }
  const rank = greedyOrder(out, into);
  const byRank = items.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]!);
  const layer = items.map(() => 0);
  for (const v of byRank) for (const w of out[v]!) if (rank[w]! > rank[v]!) layer[w] = Math.max(layer[w]!, layer[v]! + 1);

  const rows: number[][] = [];
  for (const v of byRank) (rows[layer[v]!] ??= []).push(v);
  const centre = new Map<number, number>();
  const rowWidths: number[] = [];
  for (const row of rows) {
    // Barycentre of the item's neighbours in earlier rows; items with none keep their rank order.
    const weight = (v: number): number => {
      const placed = [...into[v]!, ...out[v]!].filter((u) => centre.has(u)).map((u) => centre.get(u)!);
      return placed.length > 0 ? placed.reduce((s, x) => s + x, 0) / placed.length : Number.POSITIVE_INFINITY;
    };
    const weights = new Map(row.map((v) => [v, weight(v)]));
    row.sort((a, b) => weights.get(a)! - weights.get(b)! || rank[a]! - rank[b]!);
    let x = 0;
    for (const v of row) {
      centre.set(v, x + items[v]!.width / 2);
      x += items[v]!.width + ITEM_GAP;
    }
    rowWidths.push(x - ITEM_GAP);
  }
  const width = Math.max(0, ...rowWidths);
  const positions = new Map<string, { x: number; y: number }>();
  let y = 0;
  rows.forEach((row, r) => {
    let x = (width - rowWidths[r]!) / 2;
    let height = 0;
    for (const v of row) {
      positions.set(items[v]!.id, { x, y });
      x += items[v]!.width + ITEM_GAP;
      height = Math.max(height, items[v]!.height);
    }
    y += height + ROW_GAP;
  });
  return { positions, width, height: Math.max(0, y - ROW_GAP) };
}

/**
 * A ranking with few backward edges: sinks go last, sources first, otherwise the item with the most
 * outgoing minus incoming links goes first. Quadratic in the items, which are domains (tens).
 */
function greedyOrder(out: readonly Set<number>[], into: readonly Set<number>[]): number[] {
  const n = out.length;
  const left = new Set(Array.from({ length: n }, (_, i) => i));
  const outDeg = out.map((s) => s.size);
  const inDeg = into.map((s) => s.size);
  const front: number[] = [];
  const back: number[] = [];
  const take = (v: number) => {
    left.delete(v);
    for (const w of out[v]!) inDeg[w]! -= 1;
    for (const u of into[v]!) outDeg[u]! -= 1;
  };
  while (left.size > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const v of left) {
        const source = inDeg[v] === 0;
        if (!source && outDeg[v] !== 0) continue;
        (source ? front : back).push(v);
        take(v);
        changed = true;
      }
    }
    if (left.size === 0) break;
    let best = -1;
    for (const v of left) if (best < 0 || outDeg[v]! - inDeg[v]! > outDeg[best]! - inDeg[best]!) best = v;
    front.push(best);
    take(best);
  }
  const rank = new Array<number>(n);
  [...front, ...back.reverse()].forEach((v, i) => (rank[v] = i));
  return rank;
}
