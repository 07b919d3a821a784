// The glossary's findings: links to deprecated terms, business names no term has, one name for two
// terms, a column that means a PII term without a classification; each with the data its fix needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MeshDiagnostic } from '../../server/src/core/languageService';
import { customers, SHOP_GLOSSARY } from '../support/glossary';
import { buildMesh, contract, uriOf } from '../support/mesh';

/** The glossary findings of one file as `code ⟦text⟧`, and each one's data. */
function findings(files: Record<string, string>, path: string): { shown: string[]; all: MeshDiagnostic[] } {
  const mesh = buildMesh(files);
  const text = mesh.text(uriOf(path));
  const all = mesh.meshFindings(uriOf(path)).filter((d) => d.code.startsWith('glossary/'));
  const ranges = mesh.ranges(path).map(([s, e]) => text.slice(s, e));
  const shown = all.map((d) => `${d.code} ⟦${text.slice(d.start, d.end)}⟧`);
  assert.deepEqual(all.map((d) => text.slice(d.start, d.end)), ranges, 'each finding on its ⟦range⟧');
  return { shown, all };
}

test('a link or business name naming a deprecated term is a warning, with the replacement as the suggestion', () => {
  const { shown, all } = findings(
    {
      'glossary.yaml': SHOP_GLOSSARY,
      'customers.odcs.yaml': customers(
        '      - name: a\n        businessName: ⟦Client⟧\n        classification: internal\n      - name: b\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#⟦client⟧\n',
      ),
    },
    'customers.odcs.yaml',
  );
  assert.deepEqual(shown, ['glossary/deprecated-term ⟦Client⟧', 'glossary/deprecated-term ⟦client⟧']);
  assert.equal(all[0]!.message, "The glossary term 'Client' is deprecated. Use 'Customer' instead.");
  assert.equal(all[0]!.severity, 2);
  assert.deepEqual(all[0]!.data, { docIndex: 0, path: ['schema', 0, 'properties', 0, 'businessName'], value: 'Client', suggestions: ['Customer'] });
  assert.deepEqual(all[1]!.data?.suggestions, ['customer']);
});

test('a business name no term has is information with the closest term name; none when the mesh has no glossary', () => {
  const files = { 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: a\n        businessName: ⟦Custmer⟧\n      - name: b\n        businessName: Customers\n') };
  const { shown, all } = findings(files, 'customers.odcs.yaml');
  assert.deepEqual(shown, ['glossary/unknown-business-name ⟦Custmer⟧']);
  assert.equal(all[0]!.severity, 3);
  assert.equal(all[0]!.message, "No glossary term is named 'Custmer'. Did you mean 'Customer'? Add it to the glossary, or use the name of the term it means.");
  assert.deepEqual(all[0]!.data, { docIndex: 0, path: ['schema', 0, 'properties', 0, 'businessName'], value: 'Custmer', suggestions: ['Customer'] });
  assert.deepEqual(findings({ 'customers.odcs.yaml': customers('      - name: a\n        businessName: Custmer\n') }, 'customers.odcs.yaml').shown, []);
});

test('one name for two terms, in one glossary or across two, is a warning on each term', () => {
  const other = `kind: BusinessGlossary\napiVersion: v1\nid: crm\nname: CRM\nterms:\n  - id: ⟦buyer⟧\n    name: Buyer\n    definition: Someone who buys.\n    synonyms: [Shoppers]\n`;
  const files = { 'glossary.yaml': SHOP_GLOSSARY.replace('id: customer\n', 'id: ⟦customer⟧\n'), 'crm.glossary.yaml': other };
  const shop = findings(files, 'glossary.yaml');
  assert.deepEqual(shop.shown, ['glossary/duplicate-term ⟦customer⟧']);
  assert.equal(shop.all[0]!.message, "'Shopper' is also a name of the term 'buyer' in crm.glossary.yaml, so a business name 'Shopper' could mean either. Keep one term and make the other its synonym or replacement.");
  assert.deepEqual(findings(files, 'crm.glossary.yaml').shown, ['glossary/duplicate-term ⟦buyer⟧']);
  // The same id twice is mesh/duplicate-id, not this.
  const twice = SHOP_GLOSSARY.replace('  - id: category\n    name: Category', '  - id: order-line\n    name: Order Line');
  assert.deepEqual(findings({ 'glossary.yaml': twice }, 'glossary.yaml').shown, []);
});

test('a column that means a PII term and has no classification is a warning with the glossary classification', () => {
  const { shown, all } = findings(
    {
      'glossary.yaml': SHOP_GLOSSARY,
      'customers.odcs.yaml': customers(
        '      - name: ⟦email⟧\n        businessName: E-mail\n      - name: email2\n        businessName: Email Address\n        classification: confidential\n      - name: ⟦contact⟧\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#email-address\n      - name: email_address\n',
      ),
    },
    'customers.odcs.yaml',
  );
  // email_address only matches the term by name: that is a guess, not a claim the file makes.
  assert.deepEqual(shown, ['glossary/pii-unclassified ⟦email⟧', 'glossary/pii-unclassified ⟦contact⟧']);
  assert.equal(all[0]!.message, "'customers.email' holds 'Email Address', personal data (PII) in the glossary, but has no classification. The glossary classifies it as 'confidential'.");
  assert.deepEqual(all[0]!.data, { docIndex: 0, path: ['schema', 0, 'properties', 0], missing: ['classification'], suggestions: ['confidential'] });
});

test('through the door: diagnose() reports the glossary findings once the index is complete', () => {
  const mesh = buildMesh({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: a\n        businessName: Client\n') });
  const codes = mesh.service.diagnose(uriOf('customers.odcs.yaml')).map((d) => d.code);
  assert.deepEqual(codes, ['glossary/deprecated-term']);
});

// One report for an unclassified PII column: the policy's classification rule where it is in force
// for the file, else the glossary's warning; never both, each with its one fix.
const policy = (rules: string, extra = '') => `kind: GovernancePolicy\napiVersion: v1\nid: company\nrules:\n${rules}${extra}`;
const PII_COLUMNS = '      - name: email\n        businessName: E-mail\n      - name: contact\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: ../glossary.yaml#email-address\n';
const piiFindings = (files: Record<string, string>, path: string) =>
  buildMesh(files)
    .service.diagnose(uriOf(path))
    .filter((d) => d.code === 'glossary/pii-unclassified' || d.code === 'governance/classification/required-classification')
    .map((d) => `${d.code} ${d.data?.suggestions?.join(',') ?? ''}`);

test('an unclassified PII column: the glossary reports it when no policy classifies the file', () => {
  const files = { 'glossary.yaml': SHOP_GLOSSARY, 'crm/customers.odcs.yaml': customers(PII_COLUMNS) };
  const glossaryOnly = ['glossary/pii-unclassified confidential', 'glossary/pii-unclassified confidential'];
  assert.deepEqual(piiFindings(files, 'crm/customers.odcs.yaml'), glossaryOnly);
  // A policy without the classification rule, with it turned off, or scoped to another folder, leaves it to the glossary.
  assert.deepEqual(piiFindings({ ...files, 'policy.yaml': policy('  naming/patterns: warning\n') }, 'crm/customers.odcs.yaml'), glossaryOnly);
  assert.deepEqual(piiFindings({ ...files, 'policy.yaml': policy('  classification/required-classification: off\n') }, 'crm/customers.odcs.yaml'), glossaryOnly);
  assert.deepEqual(piiFindings({ ...files, 'sales/policy.yaml': policy('  classification/required-classification: error\n') }, 'crm/customers.odcs.yaml'), glossaryOnly);
});

test('an unclassified PII column: the policy\'s classification rule is the one report where it is in force, with the glossary\'s level as its fix', () => {
  const files = { 'glossary.yaml': SHOP_GLOSSARY, 'crm/customers.odcs.yaml': customers(PII_COLUMNS) };
  const enforced = { ...files, 'policy.yaml': policy('  classification/required-classification: error\n') };
  assert.deepEqual(piiFindings(enforced, 'crm/customers.odcs.yaml'), ['governance/classification/required-classification confidential', 'governance/classification/required-classification confidential']);
  // The policy's allowed set wins over the glossary's level when they differ.
  const strict = { ...files, 'policy.yaml': policy('  classification/required-classification:\n    severity: warning\n    options:\n      allowedClassifications: [restricted]\n') };
  assert.deepEqual(piiFindings(strict, 'crm/customers.odcs.yaml'), ['governance/classification/required-classification restricted', 'governance/classification/required-classification restricted']);
  // A table that means a PII term is not the rule's to judge (it checks columns): the glossary still reports it.
  const table = { ...enforced, 'crm/customers.odcs.yaml': contract('customers-v1', 'schema:\n  - name: customers\n    businessName: E-mail\n    properties:\n      - name: id\n') };
  assert.deepEqual(piiFindings(table, 'crm/customers.odcs.yaml'), ['glossary/pii-unclassified confidential']);
});
