// The governance summary (`datamesh report`, "Show Governance Report"): per domain, its products and
// contracts with their findings by severity, the rules most broken, and Markdown that keeps names text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { governanceReport, reportMarkdown } from '../../server/src/core/languageService';
import { buildMesh, contract, product, uriOf } from '../support/mesh';

const POLICY = 'kind: GovernancePolicy\napiVersion: v1\nid: company\nrules:\n  ownership/required-owner: warning\n';

function report(files: Record<string, string>) {
  const mesh = buildMesh(files);
  const inputs = Object.keys(files).map((path) => {
    const uri = uriOf(path);
    return { uri, facts: mesh.service.indexedFacts(uri), diagnostics: mesh.service.diagnose(uri) };
  });
  return governanceReport(inputs, (uri) => uri.slice(uri.lastIndexOf('/') + 1));
}

const FILES = {
  'policy.yaml': POLICY,
  'orders.odcs.yaml': contract('orders', 'domain: sales\n'),
  'returns.odcs.yaml': contract('returns', 'domain: sales\nstatus: nonsense\n'),
  'shop.odps.yaml': product('shop', undefined, ['orders'], 'domain: sales\n'),
  'crm.odcs.yaml': contract('crm', 'domain: customer\n'),
};

test('per domain: its products and contracts by findings, the rules most broken; files without a domain last', () => {
  const r = report(FILES);
  assert.equal(r.files, 5);
  assert.deepEqual(r.domains.map((d) => d.domain), ['customer', 'sales', undefined]);
  const sales = r.domains[1]!;
  // Most errors first (a duplicate status key), then by warnings, then by name.
  assert.deepEqual(sales.items.map((i) => `${i.kind} ${i.name} ${i.counts.errors}/${i.counts.warnings}`), ['contract returns 1/1', 'contract orders 0/1', 'product shop 0/1']);
  assert.deepEqual(sales.counts, { errors: 1, warnings: 3, infos: 0 });
  assert.deepEqual(sales.rules[0], { code: 'governance/ownership/required-owner', severity: 2, findings: 3, files: 3 });
  assert.deepEqual(r.domains[2]!.items.map((i) => `${i.kind} ${i.name}`), ['policy company']);
  assert.deepEqual(r.rules.map((rule) => `${rule.code} ${rule.findings}/${rule.files}`), ['governance/ownership/required-owner 4/4', 'yaml/duplicate-key 1/1']);
  assert.deepEqual(r.counts, { errors: 1, warnings: 4, infos: 0 });
});

test('the Markdown has the totals, the rules and a table per domain', () => {
  const md = reportMarkdown(report(FILES));
  assert.match(md, /^# Governance report\n\n5 files checked: 1 error, 4 warnings, 0 infos\.\n/);
  assert.match(md, /\| `governance\/ownership\/required-owner` \| warning \| 4 \| 4 \|/);
  assert.match(md, /## Domain sales\n\n1 product, 2 contracts: 1 error, 3 warnings, 0 infos\. Most broken: `governance\/ownership\/required-owner` \(3\), `yaml\/duplicate-key` \(1\)\./);
  // A file's most broken rule: by findings, then the more severe.
  assert.match(md, /\| returns \| contract \| 1 \| 1 \| 0 \| `yaml\/duplicate-key` \| returns\.odcs\.yaml \|/);
  assert.match(md, /## Files without a domain/);
  // No links: rule pages are files of the package, which renderers refuse to link and CI would not have.
  assert.doesNotMatch(md, /\]\(/);
});

test('names that would be markup stay text: no HTML, no table break, no link', () => {
  const hostile = '<img src=x onerror=alert(1)> | [x](javascript:alert(2)) *b* _i_';
  const r = report({ 'a.odcs.yaml': contract('a', `domain: "${hostile}"\n`) });
  const md = reportMarkdown(r);
  assert.ok(md.includes('## Domain \\<img src=x onerror=alert(1)\\> \\| \\[x\\](javascript:alert(2)) \\*b\\* \\_i\\_'), md);
  assert.doesNotMatch(md, /(?<!\\)<img/, 'the tag is escaped');
  // Every table row keeps its seven cells.
  for (const row of md.split('\n').filter((l) => l.startsWith('| a |'))) assert.equal(row.split(/(?<!\\)\|/).length, 9);
});

test('an empty mesh: a report that says there is nothing', () => {
  const r = report({});
  assert.deepEqual(r, { files: 0, counts: { errors: 0, warnings: 0, infos: 0 }, rules: [], domains: [] });
  assert.match(reportMarkdown(r), /0 files checked: 0 errors, 0 warnings, 0 infos\.\n\n## Rules most broken\n\nNo findings\./);
});
