// The glossary's quick fixes and refactorings, each checked on the text it leaves: only its span
// changes, comments and formatting stay, and the finding it fixes is gone afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { type GlossaryFixContext, glossaryQuickFixes, glossaryRefactorings } from '../../server/src/core/glossary/glossaryFixes';
import type { QuickFix } from '../../server/src/core/features/quickFix';
import { yamlScalar } from '../../server/src/core/glossary/blockEdits';
import { customers, SHOP_GLOSSARY } from '../support/glossary';
import { applyEdits, buildMesh, type TestMesh, uriOf } from '../support/mesh';

function contextOf(mesh: TestMesh, path: string): GlossaryFixContext {
  const uri = uriOf(path);
  return { mesh: mesh.mesh, documents: { get: (u) => (mesh.uris().includes(u) ? mesh.document(u) : undefined) }, uri, document: mesh.document(uri), facts: mesh.index.file(uri)! };
}

/** The fixes of the one finding with `code` in `path`. */
function fixesOf(files: Record<string, string>, path: string, code: string): { mesh: TestMesh; fixes: QuickFix[] } {
  const mesh = buildMesh(files);
  const found = mesh.meshFindings(uriOf(path)).filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${path}`);
  return { mesh, fixes: glossaryQuickFixes(contextOf(mesh, path), found[0]!) };
}

/** Each file a fix touches, as it reads afterwards. */
function after(mesh: TestMesh, fix: QuickFix): Record<string, string> {
  const byFile: Record<string, string> = {};
  for (const edit of fix.edits) byFile[edit.uri] = applyEdits(byFile[edit.uri] ?? mesh.text(edit.uri), fix.edits.filter((e) => e.uri === edit.uri && !(edit.uri in byFile)));
  return Object.fromEntries(Object.entries(byFile).map(([uri, text]) => [uri.slice('file:///m/'.length), text]));
}

test('a deprecated business name or term id is replaced by its replacement, inside quotes too', () => {
  const contract = customers('      - name: a\n        businessName: "Client"   # the ERP name\n        classification: internal\n');
  const { mesh, fixes } = fixesOf({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': contract }, 'customers.odcs.yaml', 'glossary/deprecated-term');
  assert.deepEqual(fixes.map((f) => [f.title, f.kind, f.isPreferred]), [["Replace 'Client' with 'Customer'", 'quickfix', true]]);
  const fixed = after(mesh, fixes[0]!)['customers.odcs.yaml']!;
  assert.equal(fixed, contract.replace('"Client"', '"Customer"'));
  assert.equal(buildMesh({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': fixed }).meshFindings(uriOf('customers.odcs.yaml')).length, 0);

  const linked = customers('      - name: a\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#client\n');
  const byLink = fixesOf({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': linked }, 'customers.odcs.yaml', 'glossary/deprecated-term');
  assert.equal(after(byLink.mesh, byLink.fixes[0]!)['customers.odcs.yaml'], linked.replace('#client', '#customer'));
});

test('a business name no term has: change it to the close term name, or add it to the linked glossary as a draft term', () => {
  const contract = customers('      - name: a\n        description: What the customer paid, without VAT.\n        businessName: Custmer\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#customer\n');
  const files = { 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': contract };
  const { mesh, fixes } = fixesOf(files, 'customers.odcs.yaml', 'glossary/unknown-business-name');
  assert.deepEqual(fixes.map((f) => f.title), ["Change to 'Customer'", "Add 'Custmer' to the glossary glossary.yaml"]);
  assert.equal(after(mesh, fixes[0]!)['customers.odcs.yaml'], contract.replace('Custmer', 'Customer'));
  const glossary = after(mesh, fixes[1]!)['glossary.yaml']!;
  assert.equal(glossary, `${SHOP_GLOSSARY}  - id: custmer\n    name: Custmer\n    definition: What the customer paid, without VAT.\n    status: draft\n`);
  assert.deepEqual(buildMesh({ ...files, 'glossary.yaml': glossary }).meshFindings(uriOf('customers.odcs.yaml')).map((d) => d.code), []);
  assert.deepEqual(buildMesh({ ...files, 'glossary.yaml': glossary }).meshFindings(uriOf('glossary.yaml')), []);
});

test('a created term keeps the glossary as written: comments after the list stay, CRLF stays, an id already taken gets a number', () => {
  const glossary = `${SHOP_GLOSSARY.replace(/\n/g, '\r\n')}  # more terms to come\r\n`.replace('id: category', 'id: net-sales');
  const contract = customers('      - name: a\n        businessName: Net Sales!\n');
  const { mesh, fixes } = fixesOf({ 'glossary.yaml': glossary, 'customers.odcs.yaml': contract }, 'customers.odcs.yaml', 'glossary/unknown-business-name');
  const create = fixes.find((f) => f.title.startsWith('Add'))!;
  const text = after(mesh, create)['glossary.yaml']!;
  assert.equal(text, glossary.replace('  # more terms', '  - id: net-sales-2\r\n    name: Net Sales!\r\n    definition: To be defined.\r\n    status: draft\r\n  # more terms'));
});

test('values are written plain only when every YAML reader reads them back as the same string', () => {
  for (const plain of ['Order ID', 'Net Sales!', 'E-mail', 'glossary.yaml#order', 'a:b', 'C#', "it's"]) assert.equal(yamlScalar(plain), plain);
  for (const quoted of ['yes', 'No', '1.10', '12', '1:20', 'a: b', 'x #y', '#x', '- x', '"x"', 'trailing ', 'line\nbreak', '', 'null', '*ref', '.inf', '0x1f']) assert.equal(yamlScalar(quoted), JSON.stringify(quoted), quoted);
  for (const value of ['Order ID', "it's", 'yes', '1.10', 'a: b', 'x #y', 'line\nbreak', '']) {
    assert.equal((parse(`k: ${yamlScalar(value)}`) as { k: unknown }).k, value);
    assert.equal((load(`k: ${yamlScalar(value)}`) as { k: unknown }).k, value);
  }
});

test('a PII column without a classification gets the glossary classification as a new key of its map', () => {
  const contract = customers('      - name: email   # login\n        businessName: E-mail\n      - name: other\n');
  const { mesh, fixes } = fixesOf({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': contract }, 'customers.odcs.yaml', 'glossary/pii-unclassified');
  assert.deepEqual(fixes.map((f) => f.title), ["Add 'classification: confidential'"]);
  const fixed = after(mesh, fixes[0]!)['customers.odcs.yaml']!;
  assert.equal(fixed, contract.replace('E-mail\n', 'E-mail\n        classification: confidential\n'));
  assert.deepEqual(buildMesh({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': fixed }).meshFindings(uriOf('customers.odcs.yaml')), []);
});

test('link a column to the term its business name or its own name means; nothing when it is linked already', () => {
  const refactor = (files: Record<string, string>) => {
    const mesh = buildMesh(files);
    const { uri, offset } = mesh.cursor();
    return { mesh, fixes: glossaryRefactorings(contextOf(mesh, uri), offset) };
  };
  const byBusinessName = customers('      - name: cust\n        businessName: ‸Shoppers\n      - name: next\n');
  const one = refactor({ 'glossary.yaml': SHOP_GLOSSARY, 'sales/customers.odcs.yaml': byBusinessName });
  assert.deepEqual(one.fixes.map((f) => [f.title, f.kind]), [["Link 'customers.cust' to the glossary term 'Customer'", 'refactor.rewrite']]);
  assert.equal(
    after(one.mesh, one.fixes[0]!)['sales/customers.odcs.yaml'],
    byBusinessName.replace('‸', '').replace('Shoppers\n', 'Shoppers\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: ../glossary.yaml#customer\n'),
  );

  const withList = customers('      - name: ‸email_address\n        authoritativeDefinitions:\n          - type: canonicalUrl\n            url: https://example.com/email # external\n');
  const two = refactor({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': withList });
  assert.equal(
    after(two.mesh, two.fixes[0]!)['customers.odcs.yaml'],
    withList.replace('‸', '').replace('# external\n', '# external\n          - type: businessDefinition\n            url: glossary.yaml#email-address\n'),
  );
  const linked = customers('      - name: ‸email_address\n        authoritativeDefinitions: [{ type: businessDefinition, url: glossary.yaml#email-address }]\n');
  assert.deepEqual(refactor({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': linked }).fixes, []);
  const flow = customers('      - { name: ‸email_address, businessName: Email }\n');
  assert.deepEqual(refactor({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': flow }).fixes, []);
});

test('a business name in a mesh without a glossary can start one: a new glossary.yaml beside the file', () => {
  const mesh = buildMesh({ 'sales/customers.odcs.yaml': customers('      - name: a\n        businessName: ‸Net Revenue\n') });
  const { uri, offset } = mesh.cursor();
  const fixes = glossaryRefactorings(contextOf(mesh, uri), offset);
  assert.deepEqual(fixes.map((f) => [f.title, f.kind, f.edits.length]), [["Create the glossary term 'Net Revenue' in a new glossary.yaml", 'refactor.rewrite', 0]]);
  const created = fixes[0]!.createFile!;
  assert.equal(created.uri, uriOf('sales/glossary.yaml'));
  assert.equal(created.text, 'kind: BusinessGlossary\napiVersion: v1\nid: business-glossary\nname: Business glossary\nterms:\n  - id: net-revenue\n    name: Net Revenue\n    definition: To be defined.\n    status: draft\n');
  const next = buildMesh({ 'sales/customers.odcs.yaml': customers('      - name: a\n        businessName: Net Revenue\n'), 'sales/glossary.yaml': created.text });
  assert.deepEqual(next.service.diagnose(uriOf('sales/glossary.yaml')), []);
  assert.deepEqual(next.meshFindings(uriOf('sales/customers.odcs.yaml')), []);
  // An untitled document has no folder to put a glossary in.
  const untitled = buildMesh({ 'untitled:Untitled-1': customers('      - name: a\n        businessName: ‸Net Revenue\n') });
  const at = untitled.cursor();
  assert.deepEqual(glossaryRefactorings(contextOf(untitled, at.uri), at.offset), []);
});
