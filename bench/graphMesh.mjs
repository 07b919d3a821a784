// The lineage model of a generated mesh, as the server would answer it, for the graph benchmarks
// (bench/graph.mjs in Chromium, bench/graphLayoutCpu.mjs in Node): N products with their contracts,
// modelled as bench/generate.mjs builds them (product i publishes contract i and consumes 1-3
// contracts of earlier products, ten domains).

const DOMAINS = ['sales', 'finance', 'marketing', 'logistics', 'customer', 'product', 'supply', 'risk', 'hr', 'support'];
const STATUSES = ['active', 'active', 'active', 'draft', 'proposed', 'deprecated'];

/** Deterministic per n. */
export function meshGraph(n) {
  let a = 42;
  const rnd = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
  const nodes = [];
  const edges = [];
  const pad = (i) => String(i).padStart(4, '0');
  for (let i = 0; i < n; i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    const diagnostics = { errors: rnd() < 0.05 ? 1 : 0, warnings: rnd() < 0.1 ? 2 : 0 };
    const common = { domain, status: STATUSES[Math.floor(rnd() * STATUSES.length)], version: `1.${i % 7}.0`, owner: `${domain}-team` };
    nodes.push({ id: `product:dp-${domain}-${pad(i)}`, kind: 'product', name: `dp-${domain}-${pad(i)}`, ...common, location: { uri: `file:///mesh/${domain}/dp-${pad(i)}.odps.yaml` }, diagnostics });
    nodes.push({ id: `contract:dc-${domain}-${pad(i)}`, kind: 'contract', name: `dc-${domain}-${pad(i)}`, ...common, location: { uri: `file:///mesh/${domain}/dc-${pad(i)}.odcs.yaml` }, diagnostics: { errors: 0, warnings: 0 } });
    edges.push({ from: `product:dp-${domain}-${pad(i)}`, to: `contract:dc-${domain}-${pad(i)}`, kind: 'publishes' });
    if (i < 10) continue;
    const k = 1 + Math.floor(rnd() * 3);
    const inputs = new Set();
    while (inputs.size < k) inputs.add(Math.floor(rnd() * i));
    for (const j of inputs) edges.push({ from: `contract:dc-${DOMAINS[j % 10]}-${pad(j)}`, to: `product:dp-${domain}-${pad(i)}`, kind: 'consumes' });
  }
  return { nodes, edges, domains: [...DOMAINS].sort() };
}
