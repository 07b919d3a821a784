// Governance as code: the policies of the workspace, the built-in rules (each failing and passing),
// their quick fixes on the edited text, suppression comments, and mistakes in policies.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { META_CHECKS, RULES } from '../../server/src/core/governance/catalogue';
import { repoRoot } from '../support/lspClient';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostic } from '../../server/src/lsp/toLsp';
import type { MeshDiagnostic } from '../../server/src/core/languageService';
import { governanceFixes } from '../../server/src/core/features/governanceFixes';
import { globMatcher } from '../../server/src/core/governance/glob';
import { compilePattern } from '../../server/src/core/governance/safePattern';
import { applyEdits, buildMesh, contract, product, type TestMesh, uriOf } from '../support/mesh';

const TEAM = 'team:\n  name: t\n  members:\n    - username: a@x.example\n      role: owner\n';

/** A policy at the root that turns on the given rules (a YAML block of `rules:`). */
function policy(rules: string, extra = ''): string {
  return `kind: GovernancePolicy\napiVersion: v1\nid: company\nrules:\n${rules}${extra}`;
}

/** The governance findings of one file, as `code ⟦text⟧`. */
function findings(mesh: TestMesh, path: string): string[] {
  const text = mesh.text(path);
  return governed(mesh, path).map((d) => `${d.code} ⟦${text.slice(d.start, d.end)}⟧`);
}

function governed(mesh: TestMesh, path: string): MeshDiagnostic[] {
  return mesh.service.diagnose(uriOf(path)).filter((d) => d.code.startsWith('governance/'));
}

/** The text after applying the first fix of the file's first governance finding with that code. */
function fixed(mesh: TestMesh, path: string, code: string): string {
  const d = governed(mesh, path).find((f) => f.code === code)!;
  assert.ok(d, `no ${code} in ${path}`);
  const [fix] = governanceFixes(uriOf(path), mesh.text(path), d);
  assert.ok(fix, `no fix for ${code}`);
  return applyEdits(mesh.text(path), fix.edits);
}

test('no policy, no governance findings', () => {
  const mesh = buildMesh({ 'a.odcs.yaml': contract('Bad_Id') });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), []);
});

test('ownership/required-owner: a contract without a team owner fails; one with an owner passes', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  ownership/required-owner: error\n'),
    'a.odcs.yaml': contract('a'),
    'b.odcs.yaml': contract('b', 'team:\n  name: t\n  members:\n    - username: x\n      role: analyst\n'),
    'c.odcs.yaml': contract('c', TEAM),
    'p.odps.yaml': product('p', undefined),
  });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), ['governance/ownership/required-owner ⟦a⟧']);
  assert.deepEqual(findings(mesh, 'b.odcs.yaml'), ['governance/ownership/required-owner ⟦team⟧']);
  assert.deepEqual(findings(mesh, 'c.odcs.yaml'), []);
  assert.deepEqual(findings(mesh, 'p.odps.yaml'), ['governance/ownership/required-owner ⟦p⟧']);
  const d = governed(mesh, 'a.odcs.yaml')[0]!;
  assert.equal(d.severity, 1);
});

test('descriptions: purpose and usage written; support channels for active contracts', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  descriptions/required-description: warning\n  descriptions/required-support: warning\n'),
    'a.odcs.yaml': contract('a', 'description:\n  purpose: p\n'),
    'b.odcs.yaml': contract('b', 'description:\n  purpose: p\n  usage: u\nsupport:\n  - channel: "#b"\n'),
  });
  // Sorted by place: `status: active` comes before `description`.
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), ['governance/descriptions/required-support ⟦active⟧', 'governance/descriptions/required-description ⟦description⟧']);
  assert.deepEqual(governed(mesh, 'a.odcs.yaml')[1]!.data?.missing, ['usage']);
  assert.deepEqual(findings(mesh, 'b.odcs.yaml'), []);
});

const COLUMNS = (columns: string) => `schema:\n  - name: people\n    properties:\n${columns}`;

test('classification: a PII column (by tag or glossary term) and a critical element need an allowed classification; the fix inserts one', () => {
  const glossary = 'kind: BusinessGlossary\napiVersion: v1\nid: g\nterms:\n  - id: email\n    name: Email\n    definition: d\n    pii: true\n';
  const mesh = buildMesh({
    'policy.yaml': policy('  classification/required-classification:\n    severity: error\n    options:\n      allowedClassifications: [confidential, restricted]\n'),
    'glossary.yaml': glossary,
    'a.odcs.yaml': contract(
      'a',
      COLUMNS(
        '      - name: phone\n        tags: [pii]\n' +
          '      - name: mail\n        classification: internal\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#email\n' +
          '      - name: id\n        criticalDataElement: true\n' +
          '      - name: ok\n        tags: [pii]\n        classification: restricted\n' +
          '      - name: plain\n',
      ),
    ),
  });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), [
    'governance/classification/required-classification ⟦phone⟧',
    'governance/classification/required-classification ⟦internal⟧',
    'governance/classification/required-classification ⟦id⟧',
  ]);
  assert.match(fixed(mesh, 'a.odcs.yaml', 'governance/classification/required-classification'), /- name: phone\n {8}classification: confidential\n {8}tags: \[pii\]/);
});

test('classification/critical-element-quality: a critical data element without quality rules', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  classification/critical-element-quality: warning\n'),
    'a.odcs.yaml': contract('a', COLUMNS('      - name: id\n        criticalDataElement: true\n      - name: id2\n        criticalDataElement: true\n        quality:\n          - metric: nullValues\n            mustBe: 0\n')),
  });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), ['governance/classification/critical-element-quality ⟦criticalDataElement⟧']);
});

test('classification/lineage-classification: a column derived from a stricter column in another file must be as strict; the fix raises it', () => {
  const source = `${contract('src')}servers:\n  - server: s\n    type: postgres\n    schema: crm\n${COLUMNS('      - name: email\n        classification: restricted\n      - name: country\n        classification: internal\n')}`;
  const mesh = buildMesh({
    'policy.yaml': policy('  classification/lineage-classification: error\n'),
    'crm/src.odcs.yaml': source,
    'mart/derived.odcs.yaml': contract('derived', COLUMNS('      - name: email_hash\n        classification: internal\n        transformSourceObjects: [crm.people.email]\n      - name: country\n        classification: internal\n        transformSourceObjects: [crm.people.country]\n      - name: unclassified\n        transformSourceObjects: [crm.people.email]\n')),
  });
  assert.deepEqual(findings(mesh, 'mart/derived.odcs.yaml'), ['governance/classification/lineage-classification ⟦internal⟧', 'governance/classification/lineage-classification ⟦unclassified⟧']);
  assert.match(governed(mesh, 'mart/derived.odcs.yaml')[0]!.message, /derived from 'people.email' \(restricted\)/);
  assert.match(fixed(mesh, 'mart/derived.odcs.yaml', 'governance/classification/lineage-classification'), /email_hash\n {8}classification: restricted\n/);
});

test('sla/required-properties: an active contract declares the required SLA properties', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  sla/required-properties:\n    severity: warning\n    options:\n      properties: [latency, retention]\n'),
    'a.odcs.yaml': contract('a', 'slaProperties:\n  - property: latency\n    value: 1\n'),
    'b.odcs.yaml': contract('b', 'slaProperties:\n  - property: latency\n    value: 1\n  - property: retention\n    value: 1\n'),
  });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), ['governance/sla/required-properties ⟦slaProperties⟧']);
  assert.deepEqual(findings(mesh, 'b.odcs.yaml'), []);
});

test('naming/patterns: ids, schema objects and columns; the fix renames to the suggested name', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  naming/patterns: warning\n'),
    'a.odcs.yaml': contract('Sales_Orders', 'schema:\n  - name: OrderLines\n    properties:\n      - name: orderId\n      - name: order_ts\n'),
  });
  assert.deepEqual(findings(mesh, 'a.odcs.yaml'), ['governance/naming/patterns ⟦Sales_Orders⟧', 'governance/naming/patterns ⟦OrderLines⟧', 'governance/naming/patterns ⟦orderId⟧']);
  const after = fixed(mesh, 'a.odcs.yaml', 'governance/naming/patterns');
  assert.match(after, /^id: sales-orders$/m);
});

test('servers/allowed: types and environments per domain, through a domain scope', () => {
  const servers = 'servers:\n  - server: a\n    type: mysql\n    environment: prod\n';
  const mesh = buildMesh({
    'policy.yaml': policy('  servers/allowed: error\n', 'scopes:\n  - domains: [sales]\n    rules:\n      servers/allowed:\n        severity: error\n        options:\n          types: [postgres]\n          environments: [prod]\n'),
    'sales.odcs.yaml': contract('s', `domain: sales\n${servers}`),
    'other.odcs.yaml': contract('o', `domain: logistics\n${servers}`),
  });
  assert.deepEqual(findings(mesh, 'sales.odcs.yaml'), ['governance/servers/allowed ⟦mysql⟧']);
  assert.deepEqual(findings(mesh, 'other.odcs.yaml'), []);
});

test('lifecycle: an active product consuming a draft contract, or a deprecated one when the policy says so (the fix moves to its replacement); a deprecated contract names a replacement', () => {
  const draft = buildMesh({ 'policy.yaml': policy('  lifecycle/active-inputs: warning\n'), 'd.odcs.yaml': contract('d').replace('status: active', 'status: draft'), 'old.odcs.yaml': contract('old').replace('status: active', 'status: deprecated'), 'p.odps.yaml': product('p', undefined, ['d', 'old']) });
  // The deprecated input is mesh/deprecated-contract's finding by default: one finding per mistake.
  assert.deepEqual(findings(draft, 'p.odps.yaml'), ['governance/lifecycle/active-inputs ⟦d⟧']);
  const mesh = buildMesh({
    'policy.yaml': policy('  lifecycle/active-inputs:\n    severity: error\n    options:\n      disallowedStatuses: [draft, deprecated, retired]\n  lifecycle/deprecated-replacement: warning\n'),
    'old.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: old\nversion: 1.0.0\nstatus: deprecated\ncustomProperties:\n  - property: replacedBy\n    value: new\n',
    'gone.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: gone\nversion: 1.0.0\nstatus: retired\n',
    'new.odcs.yaml': contract('new'),
    'p.odps.yaml': product('p', undefined, ['old', 'new']),
  });
  assert.deepEqual(findings(mesh, 'p.odps.yaml'), ['governance/lifecycle/active-inputs ⟦old⟧']);
  assert.match(fixed(mesh, 'p.odps.yaml', 'governance/lifecycle/active-inputs'), /contractId: new\n[\s\S]*contractId: new\n/);
  assert.deepEqual(findings(mesh, 'old.odcs.yaml'), []);
  assert.deepEqual(findings(mesh, 'gone.odcs.yaml'), ['governance/lifecycle/deprecated-replacement ⟦retired⟧']);
});

test('standards/prefer-odcs: a Data Contract Specification file is told to migrate', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  standards/prefer-odcs: info\n'),
    'datacontract.yaml': 'dataContractSpecification: 1.1.0\nid: dcs\ninfo:\n  title: t\n  version: 1.0.0\n',
  });
  assert.deepEqual(findings(mesh, 'datacontract.yaml'), ['governance/standards/prefer-odcs ⟦dataContractSpecification⟧']);
});

test('suppressions: with a reason they hide the next line\'s finding; without one, or unused, they are findings', () => {
  const columns = COLUMNS(
    '      # datamesh-disable-next-line naming/patterns -- legacy name kept for the ERP export\n      - name: orderId\n' +
      '      # datamesh-disable-next-line naming/patterns\n      - name: lineNo\n' +
      '      # datamesh-disable-next-line naming/patterns -- nothing wrong here\n      - name: fine_name\n',
  );
  const mesh = buildMesh({ 'policy.yaml': policy('  naming/patterns: warning\n'), 'a.odcs.yaml': contract('a', columns) });
  const found = findings(mesh, 'a.odcs.yaml');
  assert.deepEqual(found.map((f) => f.split(' ')[0]).sort(), ['governance/naming/patterns', 'governance/suppression/missing-reason', 'governance/suppression/unused']);
  assert.ok(found.includes('governance/naming/patterns ⟦lineNo⟧'));
  const after = fixed(mesh, 'a.odcs.yaml', 'governance/suppression/unused');
  assert.doesNotMatch(after, /nothing wrong here/);
  assert.match(after, /- name: lineNo\n {6}- name: fine_name\n/);
});

test('extends, mandatory and domain policies: a domain may tighten but not loosen a mandatory rule', () => {
  const mesh = buildMesh({
    'policy.yaml': policy('  ownership/required-owner:\n    severity: error\n    mandatory: true\n  naming/patterns: info\n'),
    'sales/sales.policy.yaml': 'kind: GovernancePolicy\napiVersion: v1\nid: sales\nextends: company\ndomains: [sales]\nrules:\n  ownership/required-owner: "off"\n  naming/patterns: error\n',
    'sales/a.odcs.yaml': contract('Bad_A', 'domain: sales\n'),
    'b.odcs.yaml': contract('Bad_B', 'domain: logistics\n'),
  });
  const severities = (path: string) => governed(mesh, path).map((d) => `${d.code.split('/').slice(1, 3).join('/')} ${d.severity}`);
  assert.deepEqual(severities('sales/a.odcs.yaml'), ['ownership/required-owner 1', 'naming/patterns 1']);
  assert.deepEqual(severities('b.odcs.yaml'), ['ownership/required-owner 1', 'naming/patterns 3']);
  assert.deepEqual(findings(mesh, 'sales/sales.policy.yaml'), ['governance/policy/loosens-mandatory ⟦ownership/required-owner⟧']);
});

test('datamesh:recommended turns every rule on at its default severity; path scopes match globs', () => {
  const mesh = buildMesh({
    'policy.yaml': 'kind: GovernancePolicy\napiVersion: v1\nid: c\nextends: datamesh:recommended\nscopes:\n  - paths: ["legacy/**"]\n    rules:\n      naming/patterns: "off"\n',
    'legacy/x/a.odcs.yaml': contract('Bad_A', TEAM),
    'b.odcs.yaml': contract('Bad_B', TEAM),
  });
  assert.ok(!findings(mesh, 'legacy/x/a.odcs.yaml').some((f) => f.startsWith('governance/naming/')));
  assert.ok(findings(mesh, 'b.odcs.yaml').includes('governance/naming/patterns ⟦Bad_B⟧'));
  assert.deepEqual(findings(mesh, 'policy.yaml').sort(), []);
});

test('policy mistakes are findings in the policy file: unknown rule (with its fix), unknown option, wrong type, invalid and catastrophic patterns, unknown extends', () => {
  const mesh = buildMesh({
    'policy.yaml':
      'kind: GovernancePolicy\napiVersion: v1\nid: c\nextends: [nowhere]\nrules:\n  ownership/required-ownr: error\n' +
      '  naming/patterns:\n    severity: warning\n    options:\n      column: "(a+)+$"\n      schemaObject: "[a-z"\n      contractId: 3\n      colum: x\n' +
      '  sla/required-properties:\n    severity: info\n    options:\n      properties: latency\n',
    'a.odcs.yaml': contract('a', COLUMNS(`      - name: ${'a'.repeat(40)}!\n`)),
  });
  assert.deepEqual(findings(mesh, 'policy.yaml').sort(), [
    'governance/policy/unknown-extends ⟦nowhere⟧',
    'governance/policy/unknown-rule ⟦ownership/required-ownr⟧',
    'governance/policy/invalid-option ⟦colum⟧',
    'governance/policy/invalid-option ⟦3⟧',
    'governance/policy/invalid-option ⟦"[a-z"⟧',
    'governance/policy/invalid-option ⟦"(a+)+$"⟧',
    'governance/policy/invalid-option ⟦latency⟧',
  ].sort());
  assert.match(fixed(mesh, 'policy.yaml', 'governance/policy/unknown-rule'), /^ {2}ownership\/required-owner: error$/m);
  // The unsafe pattern is not used (the default is): the engine answers at once.
  const started = Date.now();
  assert.deepEqual(findings(mesh, 'a.odcs.yaml').filter((f) => f.includes('naming')), ['governance/naming/patterns ⟦aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!⟧']);
  assert.ok(Date.now() - started < 1000);
});

test('safe patterns: nested quantifiers, repeated alternatives and backreferences are refused; ordinary ones pass', () => {
  for (const unsafe of ['(a+)+$', '^([a-z0-9]+_?)+$', '(a|a)*$', '(\\w+\\s?)*$', '(a)\\1', '(?:x*){2,}']) assert.ok('error' in compilePattern(unsafe), unsafe);
  for (const safe of ['^[a-z][a-z0-9_]*$', '^[a-z][a-z0-9-]*$', '^(dim|fact)_[a-z_]+$', '^[A-Z]{2,3}-\\d+$', '^(?:-[a-z]+)?$']) assert.ok('regex' in compilePattern(safe), safe);
});

test('globs: ** spans folders, * and ? stay in one', () => {
  assert.ok(globMatcher('broken/**')('broken/a/b.yaml'));
  assert.ok(globMatcher('**/*.odcs.yaml')('a.odcs.yaml'));
  assert.ok(globMatcher('**/*.odcs.yaml')('x/y/a.odcs.yaml'));
  assert.ok(!globMatcher('sales/*.yaml')('sales/x/a.yaml'));
  assert.ok(globMatcher('sales/sales-revenue-*.odcs.yaml')('sales/sales-revenue-daily-v1.odcs.yaml'));
  assert.ok(!globMatcher('a?.yaml')('a/.yaml'));
});

test('baseline anchors name list items by their name, not their index', () => {
  const mesh = buildMesh({ 'policy.yaml': policy('  naming/patterns: warning\n'), 'a.odcs.yaml': contract('a', COLUMNS('      - name: ok\n      - name: badName\n')) });
  assert.equal(governed(mesh, 'a.odcs.yaml')[0]!.data?.anchor, 'schema[people].properties[badName].name');
});

test('every rule and check has its docs page, which documents each of its options', () => {
  for (const rule of RULES) {
    const page = readFileSync(join(repoRoot, 'docs', 'rules', `${rule.id}.md`), 'utf8');
    assert.ok(page.startsWith(`# \`${rule.id}\``), rule.id);
    assert.match(page, new RegExp(`Default severity: \\*\\*${rule.severity}\\*\\*`), rule.id);
    for (const option of Object.keys(rule.options)) assert.ok(page.includes(`| \`${option}\` |`), `${rule.id}: option ${option} is not documented`);
  }
  for (const id of Object.keys(META_CHECKS)) assert.ok(readFileSync(join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8').startsWith(`# \`${id}\``), id);
});

test('the sample policy fires a few sensible findings on the sample mesh, none on the policy itself', () => {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
      else if (/\.ya?ml$/.test(entry.name)) files[`${dir}/${entry.name}`.replace(/^examples\//, 'examples/')] = readFileSync(join(repoRoot, dir, entry.name), 'utf8').replace(/[⟦⟧‸]/g, '');
    }
  };
  walk('examples');
  const mesh = buildMesh(files);
  const all = Object.keys(files).flatMap((path) => governed(mesh, path).map((d) => `${path} ${d.code}`));
  assert.deepEqual(all.sort(), [
    'examples/customer/customer-360-v1.odcs.yaml governance/sla/required-properties',
    'examples/customer/customer-profiles-v1.odcs.yaml governance/classification/critical-element-quality',
    'examples/sales/sales-orders-v0.odcs.yaml governance/lifecycle/deprecated-replacement',
    'examples/sales/sales-product-catalog-v1.odcs.yaml governance/sla/required-properties',
    'examples/sales/sales-revenue-daily-v1.odcs.yaml governance/classification/critical-element-quality',
  ]);
  // The customer email without its classification: one report, the sample policy's rule, not the glossary's too.
  const profiles = 'examples/customer/customer-profiles-v1.odcs.yaml';
  const unclassified = files[profiles]!.replace('        required: true\n        classification: confidential\n        encryptedName: EMAIL_ADDRESS_ENC\n', '        required: true\n        encryptedName: EMAIL_ADDRESS_ENC\n');
  assert.notEqual(unclassified, files[profiles]);
  const edited = buildMesh({ ...files, [profiles]: unclassified });
  const about = edited.service.diagnose(uriOf(profiles)).filter((d) => /classif/.test(d.code)).map((d) => `${d.code} ${d.message}`);
  assert.deepEqual(about, [
    'governance/classification/critical-element-quality Column \'customers.customer_id\' is a critical data element but has no quality rule: add at least one under quality.',
    "governance/classification/required-classification Column 'customers.email_address' is tagged as personal data but has no classification: classify it as 'confidential' or 'restricted'.",
  ]);
});

// The caller says where the rule pages are; the core links to exactly that, or to nothing.
const DOCS = 'file:///opt/ext/docs/rules/';
const docsOf = (id: string) => (id === 'naming/patterns' ? undefined : `${DOCS}${id}.md`);

test('rule links: each finding links to the page the caller names for its rule, suppression checks included', () => {
  const columns = COLUMNS('      # datamesh-disable-next-line naming/patterns\n      - name: lineNo\n');
  const mesh = buildMesh({ 'policy.yaml': policy('  ownership/required-owner: error\n  naming/patterns: warning\n  nope/rule: error\n'), 'a.odcs.yaml': contract('a', columns) }, { ruleDocs: docsOf });
  const links = governed(mesh, 'a.odcs.yaml').map((d) => `${d.code} ${d.href ?? 'no link'}`);
  assert.deepEqual(links.sort(), [
    'governance/naming/patterns no link',
    `governance/ownership/required-owner ${DOCS}ownership/required-owner.md`,
    `governance/suppression/missing-reason ${DOCS}suppression/missing-reason.md`,
  ]);
  const [policyProblem] = governed(mesh, 'policy.yaml');
  assert.equal(policyProblem!.code, 'governance/policy/unknown-rule');
  assert.equal(policyProblem!.href, `${DOCS}policy/unknown-rule.md`);
});

test('rule links: without rule docs from the caller, no finding carries a link', () => {
  const mesh = buildMesh({ 'policy.yaml': policy('  ownership/required-owner: error\n  nope/rule: error\n'), 'a.odcs.yaml': contract('a') });
  const all = [...governed(mesh, 'a.odcs.yaml'), ...governed(mesh, 'policy.yaml')];
  assert.deepEqual(all.map((d) => d.code).sort(), ['governance/ownership/required-owner', 'governance/policy/unknown-rule']);
  assert.ok(all.every((d) => !('href' in d)), JSON.stringify(all));
});

test('at the LSP edge a governance finding links its code to the rule page (codeDescription)', () => {
  const mesh = buildMesh({ 'policy.yaml': policy('  naming/patterns: warning\n'), 'a.odcs.yaml': contract('Bad_Id') }, { ruleDocs: (id) => `${DOCS}${id}.md` });
  const [finding] = governed(mesh, 'a.odcs.yaml');
  const lsp = toLspDiagnostic(TextDocument.create(uriOf('a.odcs.yaml'), 'yaml', 1, mesh.text('a.odcs.yaml')), finding!);
  assert.deepEqual(lsp.codeDescription, { href: `${DOCS}naming/patterns.md` });
  const unlinked = toLspDiagnostic(TextDocument.create(uriOf('a.odcs.yaml'), 'yaml', 1, mesh.text('a.odcs.yaml')), { ...finding!, href: undefined });
  assert.equal(unlinked.codeDescription, undefined);
  assert.equal(lsp.code, 'governance/naming/patterns');
  assert.equal(lsp.source, 'Data Mesh governance');
});
