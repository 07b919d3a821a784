// The business glossary as the dictionary of the mesh: term matching (name, synonym, plural, case and
// separators), and every kind of hover the composed hover shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { termsNamed } from '../../server/src/core/glossary/glossary';
import { normalTermName, termNameForms } from '../../server/src/core/workspace/termNames';
import { SHOP_GLOSSARY, customers } from '../support/glossary';
import { buildMesh, contract, product, uriOf } from '../support/mesh';

const hoverAt = (files: Record<string, string>) => {
  const mesh = buildMesh(files);
  const { uri, offset } = mesh.cursor();
  return mesh.service.hover(uri, offset);
};

test('names compare without case, separators or camelCase humps, and a plural finds its singular', () => {
  assert.equal(normalTermName('  email_Address '), 'email address');
  assert.equal(normalTermName('EmailAddress'), 'email address');
  assert.equal(normalTermName('order-line.id'), 'order line id');
  assert.deepEqual(termNameForms('Order Lines'), ['order lines', 'order line']);
  assert.deepEqual(termNameForms('categories'), ['categories', 'category']);
  assert.deepEqual(termNameForms('Addresses'), ['addresses', 'address']);
  assert.deepEqual(termNameForms('Address'), ['address', 'addresses']);
  assert.deepEqual(termNameForms('Category'), ['category', 'categories']);
  assert.deepEqual(termNameForms('CLV'), ['clv', 'clvs']);
  assert.deepEqual(termNameForms(''), []);
  assert.equal(normalTermName('x'.repeat(100_000)).length, 200);
});

test('a term is found by name, synonym and plural form, case-insensitively', () => {
  const mesh = buildMesh({ 'glossary.yaml': SHOP_GLOSSARY });
  const ids = (name: string) => termsNamed(mesh.index, name).map((r) => r.entity.name);
  assert.deepEqual(ids('customer'), ['customer']);
  assert.deepEqual(ids('CUSTOMERS'), ['customer']);
  assert.deepEqual(ids('shoppers'), ['customer']);
  assert.deepEqual(ids('account_holder'), ['customer']);
  assert.deepEqual(ids('e-mail'), ['email-address']);
  assert.deepEqual(ids('emailAddress'), ['email-address']);
  assert.deepEqual(ids('order lines'), ['order-line']);
  assert.deepEqual(ids('categories'), ['category']);
  assert.deepEqual(ids('invoice'), []);
});

test('a business name links to its term by synonym or plural, and the term counts the columns that use it', () => {
  const markdown = hoverAt({
    'glossary.yaml': SHOP_GLOSSARY,
    'customers.odcs.yaml': customers('      - name: email\n        businessName: ‸E-mail\n        classification: confidential\n      - name: contact\n        businessName: email addresses\n'),
    'other.odcs.yaml': customers('      - name: mail\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#email-address\n', 'other-v1'),
  })!.markdown;
  assert.equal(
    markdown,
    [
      '#### Email Address',
      '',
      'Glossary term · domain **customer** · approved',
      '',
      'The address a customer gave for order confirmations\\.',
      '',
      '- **Synonyms:** E\\-mail',
      '- **Classification:** confidential · **PII**',
      '- **Defined in** glossary\\.yaml · **used by** 3 columns in the mesh',
    ].join('\n'),
  );
});

test('on a column name: the term its glossary link names, with related terms by name', () => {
  const result = hoverAt({
    'glossary.yaml': SHOP_GLOSSARY,
    'customers.odcs.yaml': customers('      - name: ‸cust\n        authoritativeDefinitions:\n          - type: businessDefinition\n            url: glossary.yaml#customer\n'),
  })!;
  assert.match(result.markdown, /^#### Customer\n\nGlossary term · domain \*\*customer\*\* · approved · owner customer\\-data\n/);
  assert.match(result.markdown, /- \*\*Synonyms:\*\* Shopper, Account holder\n- \*\*Classification:\*\* internal · not PII\n- \*\*Related:\*\* Email Address\n/);
  assert.doesNotMatch(result.markdown, /Matched by the column's name/);
});

test("on a column with no link or business name: the term its own name matches, said to be matched by name", () => {
  const markdown = hoverAt({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: ‸email_address\n') })!.markdown;
  assert.match(markdown, /^#### Email Address/);
  assert.match(markdown, /\*\*used by\*\* 0 columns/);
  assert.match(markdown, /_Matched by the column's name; link it to the term to make that explicit\._$/);
});

test('a deprecated term says what to use instead; a term hovered in its glossary shows itself', () => {
  const deprecated = hoverAt({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: c\n        businessName: ‸client\n') })!.markdown;
  assert.match(deprecated, /^#### Client\n\nGlossary term · deprecated\n\n\*\*Deprecated\*\*: use \*\*Customer\*\* instead\.\n/);
  const own = hoverAt({ 'glossary.yaml': SHOP_GLOSSARY.replace('id: category', 'id: ‸category') })!.markdown;
  assert.match(own, /^#### Category\n/);
});

test('nothing for a business name no term has, and nothing on a column without a term or lineage', () => {
  assert.equal(hoverAt({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: c\n        businessName: ‸Invoice\n') }), undefined);
  assert.equal(hoverAt({ 'glossary.yaml': SHOP_GLOSSARY, 'customers.odcs.yaml': customers('      - name: ‸zzz\n') }), undefined);
});

test("on a column: its lineage, upstream through transformSourceObjects and downstream to the columns built from it", () => {
  const files = {
    'raw.odcs.yaml': contract('raw-v1', 'schema:\n  - name: raw_customers\n    properties:\n      - name: mail\n'),
    'customers.odcs.yaml': customers('      - name: ‸email\n        transformSourceObjects: [raw_customers.mail, legacy.crm.mail]\n'),
    'mart.odcs.yaml': contract('mart-v1', 'schema:\n  - name: mart\n    properties:\n      - name: contact\n        transformSourceObjects: [customers.email]\n'),
  };
  // Lineage by name resolves within the contract; mart names customers.email, which is in another file, so it is free text.
  const markdown = hoverAt(files)!.markdown;
  assert.equal(markdown, ['#### Column lineage', '', '**Upstream**', '', '- raw\\_customers\\.mail _(not in this workspace)_', '- legacy\\.crm\\.mail _(not in this workspace)_'].join('\n'));
  const downstream = hoverAt({ 'customers.odcs.yaml': customers('      - name: ‸email\n      - name: contact\n        transformSourceObjects: [customers.email]\n') })!.markdown;
  assert.equal(downstream, ['#### Column lineage', '', '**Downstream**', '', '- **customers\\.contact** in contract customers\\-v1'].join('\n'));
  // A table named by its physical name elsewhere: the columns built from it, on the table's name.
  const table = {
    'raw.odcs.yaml': contract('raw-v1', 'servers:\n  - server: s\n    type: postgres\n    host: h\n    port: 5432\n    database: db\n    schema: raw\nschema:\n  - name: ‸raw_customers\n    physicalName: RAW_CUSTOMERS\n'),
    'customers.odcs.yaml': customers('      - name: email\n        transformSourceObjects: [db.raw.RAW_CUSTOMERS]\n'),
  };
  assert.equal(hoverAt(table)!.markdown, ['#### Table lineage', '', '**Downstream**', '', '- **customers\\.email** in contract customers\\-v1'].join('\n'));
  const upstream = hoverAt({ ...table, 'raw.odcs.yaml': table['raw.odcs.yaml'].replace('‸', ''), 'customers.odcs.yaml': table['customers.odcs.yaml'].replace('name: email', 'name: ‸email') })!.markdown;
  assert.equal(upstream, ['#### Column lineage', '', '**Upstream**', '', '- **raw\\_customers** in contract raw\\-v1'].join('\n'));
});

test('a column with a term and lineage shows both, the term first, in one hover', () => {
  const markdown = hoverAt({
    'glossary.yaml': SHOP_GLOSSARY,
    'customers.odcs.yaml': customers('      - name: ‸email\n        businessName: Email Address\n      - name: contact\n        transformSourceObjects: [customers.email]\n'),
  })!.markdown;
  const [term, lineage, ...rest] = markdown.split('\n\n---\n\n');
  assert.match(term!, /^#### Email Address/);
  assert.match(lineage!, /^#### Column lineage/);
  assert.equal(rest.length, 0);
});

test('the lineage preview on a contractId stays, and a 100,000-character id is cut', () => {
  const lineage = hoverAt({ 'c.odcs.yaml': contract('c'), 'p.odps.yaml': product('p', '‸c') })!.markdown;
  assert.match(lineage, /^contract \*\*c\*\*/);
  const long = 'x'.repeat(100_000);
  const result = hoverAt({ 'c.odcs.yaml': contract(`‸${long}`) })!;
  assert.ok(result.markdown.length < 1000, `hover of ${result.markdown.length} characters`);
  assert.match(result.markdown, /x…\*\*/);
});

// Data Contract Editor's shared property definitions (MIT, test/fixtures/standards/SOURCES.md).
const DEFINITIONS = join(process.cwd(), 'test/fixtures/standards/odcs/examples-tooling/datacontract-editor/definitions');
const definition = (file: string) => readFileSync(join(DEFINITIONS, file), 'utf8');

test('ODCS property-definition files are dictionary entries: a column links to one by file, or means one by business name', () => {
  const files = {
    'definitions/email.json': definition('email.json'),
    'definitions/definitions.json': definition('definitions.json'),
    'customers.odcs.yaml': customers('      - name: ‸mail\n        authoritativeDefinitions:\n          - type: definition\n            url: definitions/email.json\n'),
  };
  const markdown = hoverAt(files)!.markdown;
  assert.match(markdown, /^#### Customer Email Address\n\nShared definition · owner Customer Data Team\n\nPrimary email address for customer communication and account identification\\.\n/);
  assert.match(markdown, /- \*\*Classification:\*\* none · \*\*PII\*\*\n- \*\*Defined in\*\* definitions\/email\\\.json · \*\*used by\*\* 1 column in the mesh/);
  // One definition of a list file, by the business name it gives.
  const byName = hoverAt({ ...files, 'customers.odcs.yaml': customers('      - name: sku\n        businessName: ‸Stock Keeping Unit\n') })!.markdown;
  assert.match(byName, /^#### Stock Keeping Unit\n\nShared definition · owner Data Platform Team\n/);
  assert.match(byName, /\*\*Defined in\*\* definitions\/definitions\\\.json/);
  // A definitions file is not a contract: other JSON stays out of the mesh.
  const mesh = buildMesh({ ...files, 'package.json': '{ "name": "x", "version": "1.0.0" }' });
  assert.deepEqual(mesh.index.file(uriOf('definitions/email.json'))?.standards, ['odcs-definition']);
  assert.equal(mesh.index.file(uriOf('package.json')), undefined);
});
