// Completion, checked by the text a user ends up with after choosing an item (‸ is the cursor).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { complete } from '../support/completion';
import { core } from '../support/core';
import { createLanguageService } from '../../server/src/core/languageService';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nstatus: active\n';
const HEAD_302 = 'apiVersion: v3.0.2\nkind: DataContract\nid: orders\nstatus: active\nversion: 1.0.0\n';

// ── Keys ──────────────────────────────────────────────────────────────────────────────────────

test('root keys: the missing ones only, required first, in the standard order, with documentation', () => {
  const c = complete(`${HEAD}‸`);
  assert.deepEqual(c.labels.slice(0, 4), ['version', 'name', 'tenant', 'tags']);
  for (const present of ['apiVersion', 'kind', 'id', 'status']) assert.ok(!c.labels.includes(present), present);
  assert.match(c.entry('version').documentation ?? '', /version/i);
  assert.equal(c.entry('version').detail, 'required · string');
});

test('a list key inserts its first item with the required sub-keys, indented as the file is', () => {
  assert.equal(complete(`${HEAD}sch‸`).choose('schema'), `${HEAD}schema:\n  - name: `);
  // A file indented by four spaces gets four.
  const four = `${HEAD}description:\n    purpose: x\nsch‸`;
  assert.equal(complete(four).choose('schema'), `${HEAD}description:\n    purpose: x\nschema:\n    - name: `);
  // A file whose lists sit under their key keeps that style.
  const compact = `${HEAD}tags:\n- a\nsch‸`;
  assert.equal(complete(compact).choose('schema'), `${HEAD}tags:\n- a\nschema:\n- name: `);
});

test('a server item gets its required keys; a map key opens an indented line', () => {
  assert.equal(complete(`${HEAD}serv‸`).choose('servers'), `${HEAD}servers:\n  - server: \n    type: `);
  assert.equal(complete(`${HEAD}desc‸`).choose('description'), `${HEAD}description:\n  `);
});

test('keys inside a list item, on the line after `- name:`, and right after a `- ` just typed', () => {
  const inItem = `${HEAD}schema:\n  - name: orders\n    ‸`;
  const c = complete(inItem);
  assert.ok(!c.labels.includes('name'));
  assert.equal(c.choose('properties'), `${HEAD}schema:\n  - name: orders\n    properties:\n      - name: `);
  const dash = `${HEAD}schema:\n  - ‸`;
  assert.equal(complete(dash).choose('name'), `${HEAD}schema:\n  - name: `);
  const second = `${HEAD}schema:\n  - name: orders\n  - ‸`;
  assert.ok(complete(second).labels.includes('name'), 'the second item has no name yet');
});

test('keys of a column, at the deepest level, and of nested properties', () => {
  const column = `${HEAD}schema:\n  - name: orders\n    properties:\n      - name: id\n        ‸\n`;
  const c = complete(column);
  assert.ok(c.labels.includes('logicalType') && c.labels.includes('primaryKey') && !c.labels.includes('name'));
  assert.equal(c.choose('primaryKey'), `${HEAD}schema:\n  - name: orders\n    properties:\n      - name: id\n        primaryKey: \n`);
  const nested = `${HEAD}schema:\n  - name: orders\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: street\n            ‸`;
  assert.ok(complete(nested).labels.includes('logicalType'));
});

test('logicalTypeOptions offers the options of the column’s logical type', () => {
  const at = (type: string) => complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: ${type}\n        logicalTypeOptions:\n          ‸`).labels;
  assert.deepEqual(at('string'), ['minLength', 'maxLength', 'pattern', 'format']);
  assert.ok(at('integer').includes('multipleOf') && !at('integer').includes('pattern'));
  // The type written after the options counts too.
  const after = complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalTypeOptions:\n          ‸\n        logicalType: date\n`).labels;
  assert.ok(after.includes('format') && !after.includes('minLength'));
});

test('a server of a given type is offered that type’s fields, required ones first', () => {
  const c = complete(`${HEAD}servers:\n  - server: wh\n    type: snowflake\n    ‸`);
  assert.deepEqual(c.labels.slice(0, 2).sort(), ['account', 'database']);
  assert.ok(!c.labels.includes('project'), 'a BigQuery field is not a Snowflake one');
});

test('keys of ODPS at every level: root, port, input contract', () => {
  const head = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\n';
  assert.ok(complete(`${head}‸`, 'p.odps.yaml').labels.includes('outputPorts'));
  assert.equal(complete(`${head}out‸`, 'p.odps.yaml').choose('outputPorts'), `${head}outputPorts:\n  - name: \n    version: `);
  const port = complete(`${head}outputPorts:\n  - name: sales\n    version: 1.0.0\n    ‸`, 'p.odps.yaml');
  assert.ok(port.labels.includes('contractId') && port.labels.includes('inputContracts'));
  const input = complete(`${head}outputPorts:\n  - name: sales\n    version: 1.0.0\n    inputContracts:\n      - ‸`, 'p.odps.yaml');
  assert.deepEqual(input.labels.slice(0, 2).sort(), ['id', 'version']);
});

test('keys at the end of a file without a final newline, and in the middle of a word', () => {
  assert.equal(complete(`${HEAD}dom‸`).choose('domain'), `${HEAD}domain: `);
  assert.equal(complete(`${HEAD}do‸m`).choose('domain'), `${HEAD}domain: `);
});

test('a key that already has its colon is only renamed', () => {
  assert.equal(complete(`${HEAD}dom‸: sales\n`).choose('domain'), `${HEAD}domain: sales\n`);
});

// ── Version awareness ───────────────────────────────────────────────────────────────────────────

test('a v3.0.2 contract is never offered a v3.1.0-only key', () => {
  const old = complete(`${HEAD_302}‸`).labels;
  const current = complete(`${HEAD}‸`).labels;
  assert.ok(current.includes('relationships') === false && !old.includes('relationships'));
  const only310 = current.filter((k) => !old.includes(k));
  assert.ok(only310.length > 0, 'v3.1.0 has keys v3.0.2 lacks');
  for (const key of only310) assert.ok(!old.includes(key));
  const old310Object = complete(`${HEAD_302}schema:\n  - name: t\n    ‸`).labels;
  assert.ok(!old310Object.includes('relationships'), 'schema-level relationships came in v3.1.0');
  assert.ok(complete(`${HEAD}schema:\n  - name: t\n    ‸`).labels.includes('relationships'));
});

// ── Values ──────────────────────────────────────────────────────────────────────────────────────

test('server type: every type, and choosing one inserts the fields it requires', () => {
  const c = complete(`${HEAD}servers:\n  - server: wh\n    type: ‸`);
  assert.ok(c.labels.includes('snowflake') && c.labels.includes('bigquery') && c.labels.includes('postgres'));
  assert.equal(c.choose('bigquery'), `${HEAD}servers:\n  - server: wh\n    type: bigquery\n    project: \n    dataset: `);
  assert.equal(c.entry('bigquery').detail, 'then project, dataset');
  // Fields already there are not inserted again.
  const some = complete(`${HEAD}servers:\n  - server: wh\n    type: ‸\n    project: p\n`);
  assert.equal(some.choose('bigquery'), `${HEAD}servers:\n  - server: wh\n    type: bigquery\n    dataset: \n    project: p\n`);
});

test('logicalType values, and a partial value is replaced', () => {
  const c = complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: tim‸`);
  assert.equal(c.choose('timestamp'), `${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: timestamp`);
  assert.ok(c.entry('timestamp').documentation);
});

test('status, classification, quality dimension/type/metric, SLA property/unit/driver: enums and examples', () => {
  assert.ok(complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        classification: ‸`).labels.includes('confidential'));
  const quality = `${HEAD}schema:\n  - name: t\n    quality:\n      - `;
  assert.ok(complete(`${quality}dimension: ‸`).labels.includes('completeness'));
  assert.ok(complete(`${quality}type: ‸`).labels.includes('library'));
  assert.ok(complete(`${quality}metric: ‸`).labels.includes('nullValues'));
  assert.ok(complete(`${quality}mustBeGreaterThan: 1\n        ‸`).labels.includes('mustBeLessThan'));
  const sla = `${HEAD}slaProperties:\n  - `;
  assert.ok(complete(`${sla}driver: ‸`).labels.includes('regulatory'));
  const examples = complete(`${sla}driver: ‸`).entry('regulatory');
  assert.equal(examples.detail, 'example from the standard');
  assert.ok(complete(`${HEAD}authoritativeDefinitions:\n  - type: ‸`).labels.length > 0);
  assert.equal(complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        required: ‸`).choose('true'), `${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        required: true`);
});

test('ODPS status and management port values, DCS field types', () => {
  const head = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: ‸\n';
  assert.ok(complete(head, 'p.odps.yaml').labels.includes('active'));
  const management = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\nmanagementPorts:\n  - name: m\n    content: ‸';
  assert.ok(complete(management, 'p.odps.yaml').labels.includes('discoverability'));
  const dcs = 'dataContractSpecification: 1.1.0\nid: x\ninfo:\n  title: x\n  version: 1.0.0\nmodels:\n  orders:\n    fields:\n      id:\n        type: ‸';
  assert.ok(complete(dcs, 'datacontract.yaml').labels.includes('string'));
});

test('a value that YAML would read otherwise is quoted; inside quotes it is not', () => {
  const c = complete(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: "str‸"`);
  assert.equal(c.choose('string'), `${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: "string"`);
});

test('a value right after the colon gets its space', () => {
  assert.equal(complete(`${HEAD}servers:\n  - server: wh\n    type:‸`).choose('kafka'), `${HEAD}servers:\n  - server: wh\n    type: kafka\n    host: `);
});

// ── References from the mesh ────────────────────────────────────────────────────────────────────

const CONTRACT = (id: string, status = 'active', extra = '') => `apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nname: ${id} contract\nversion: 2.0.0\nstatus: ${status}\ndomain: sales\nteam:\n  name: sales-team\n${extra}`;

test('contractId offers the mesh’s contracts with name, version, status and owner; deprecated last', () => {
  const product = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\noutputPorts:\n  - name: sales\n    version: 1.0.0\n    contractId: ‸';
  const c = complete(product, 'p.odps.yaml', { 'a.odcs.yaml': CONTRACT('zeta-orders'), 'b.odcs.yaml': CONTRACT('alpha-old', 'deprecated') });
  assert.deepEqual(c.labels, ['zeta-orders', 'alpha-old']);
  assert.equal(c.entry('zeta-orders').detail, 'zeta-orders contract · v2.0.0 · active · sales-team');
  assert.equal(c.entry('alpha-old').deprecated, true);
  assert.equal(c.choose('zeta-orders'), product.replace('‸', 'zeta-orders'));
  const input = 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\noutputPorts:\n  - name: sales\n    version: 1.0.0\n    inputContracts:\n      - id: ‸';
  assert.ok(complete(input, 'p.odps.yaml', { 'a.odcs.yaml': CONTRACT('zeta-orders') }).labels.includes('zeta-orders'));
});

test('relationships offer this contract’s columns, then other contracts’ by fully qualified reference', () => {
  const schema = 'schema:\n  - name: orders\n    id: orders_obj\n    properties:\n      - name: order_id\n        id: order_id_prop\n      - name: customer_id\n';
  const other = CONTRACT('customers', 'active', 'schema:\n  - name: customers\n    id: cust_obj\n    properties:\n      - name: id\n        id: cust_id_prop\n');
  const text = `${CONTRACT('orders', 'active', schema)}    relationships:\n      - from: orders.customer_id\n        to: ‸`;
  const c = complete(text, 'orders.odcs.yaml', { 'customers.odcs.yaml': other });
  assert.ok(c.labels.includes('orders.order_id'));
  assert.ok(c.labels.includes('customers.odcs.yaml#/schema/cust_obj/properties/cust_id_prop'), c.labels.join(', '));
});

test('SLA element, domain, business name and glossary link come from the index', () => {
  const schema = 'schema:\n  - name: orders\n    properties:\n      - name: order_ts\n';
  const sla = complete(`${CONTRACT('orders', 'active', schema)}slaProperties:\n  - property: latency\n    element: ‸`);
  assert.deepEqual(sla.labels.sort(), ['orders', 'orders.order_ts']);
  const glossary = 'kind: BusinessGlossary\napiVersion: v1\nid: g\nname: G\nterms:\n  - id: customer\n    name: Customer\n    definition: A buyer.\n  - id: client\n    name: Client\n    definition: Old.\n    status: deprecated\n';
  const column = `${CONTRACT('orders', 'active', schema)}        businessName: ‸`;
  const names = complete(column, 'orders.odcs.yaml', { 'glossary.yaml': glossary });
  assert.deepEqual(names.labels, ['Customer', 'Client']);
  assert.equal(names.entry('Customer').documentation, 'A buyer.');
  const link = complete(`${CONTRACT('orders', 'active', schema)}        authoritativeDefinitions:\n          - type: businessDefinition\n            url: ‸`, 'sales/orders.odcs.yaml', { 'glossary.yaml': glossary });
  assert.ok(link.labels.includes('../glossary.yaml#customer'));
  const domain = complete('apiVersion: v3.1.0\nkind: DataContract\nid: x\nstatus: active\ndomain: ‸', 'x.odcs.yaml', { 'a.odcs.yaml': CONTRACT('a') });
  assert.equal(domain.labels[0], 'sales', 'the mesh’s domains come before the standard’s examples');
});

test('team usernames come from the teams of the mesh, roles from the mesh and the standard’s examples', () => {
  const v31 = (id: string, members: string) => CONTRACT(id, 'active', `  members:\n${members}`);
  const others = {
    'a.odcs.yaml': v31('a', '    - username: mhopper\n      name: Mary Hopper\n      role: owner\n    - username: jdoe\n      role: analyst\n'),
    'b.odcs.yaml': v31('b', '    - username: mhopper\n      role: owner\n'),
    // The v3.0 team is the list of members itself; ODPS's team has members as v3.1's does.
    'c.odcs.yaml': 'apiVersion: v3.0.2\nkind: DataContract\nid: c\nstatus: active\nversion: 1.0.0\nteam:\n  - username: kwu\n    role: data steward\n',
    'p.odps.yaml': 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\nteam:\n  name: p-team\n  members:\n    - username: jdoe\n',
  };
  const text = `${CONTRACT('orders')}  members:\n    - username: ‸`;
  const users = complete(text, 'orders.odcs.yaml', others);
  assert.deepEqual(users.labels, ['jdoe', 'kwu', 'mhopper'], 'the people of most teams first (a and b are both sales-team), then by name');
  assert.equal(users.entry('mhopper').detail, 'Mary Hopper · owner');
  assert.equal(users.entry('jdoe').documentation, 'In the team of sales-team, p-team.');
  assert.equal(users.choose('kwu'), text.replace('‸', 'kwu'));
  const inV30 = complete(`${HEAD_302}team:\n  - username: mhopper\n    replacedByUsername: ‸`, 'x.odcs.yaml', others);
  assert.ok(inV30.labels.includes('kwu'), inV30.labels.join(', '));

  const roleText = `${CONTRACT('orders')}  members:\n    - username: mhopper\n      role: ‸`;
  const roles = complete(roleText, 'orders.odcs.yaml', others);
  assert.deepEqual(roles.labels, ['owner', 'analyst', 'data steward'], 'roles in use, most used first, then the examples not yet used');
  assert.equal(roles.entry('owner').detail, 'role of 2 team members');
  assert.equal(roles.choose('data steward'), roleText.replace('‸', 'data steward'));
  const alone = complete(`${CONTRACT('orders')}  members:\n    - username: me\n      role: ‸`);
  assert.deepEqual(alone.labels, ['owner', 'data steward'], 'an empty mesh still gets the standard’s examples');
  // `username` elsewhere is not a team member's.
  assert.ok(!complete(`${HEAD}servers:\n  - server: s\n    type: postgres\n    username: ‸`, 'x.odcs.yaml', others).labels.includes('mhopper'));
});

// ── Broken and half-typed documents ─────────────────────────────────────────────────────────────

test('an empty file gets new documents, the one its name claims first; each is valid for its standard', () => {
  const c = complete('‸', 'new.odps.yaml');
  assert.equal(c.labels[0], 'ODPS data product');
  for (const [label, name] of [['ODCS data contract', 'n.odcs.yaml'], ['ODPS data product', 'n.odps.yaml'], ['Business glossary', 'n.glossary.yaml'], ['Governance policy', 'n.policy.yaml']] as const) {
    const text = complete('‸', name).choose(label);
    const document = core.parse(text, name);
    assert.ok(core.isMeshDocument(document), label);
    const errors = core.validate(document).filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => d.message), [], label);
  }
});

test('an unclosed quote above the cursor', () => {
  const text = `${HEAD}description:\n  purpose: "Orders of the shop\n  ‸`;
  assert.ok(complete(text).labels.includes('usage'));
});

test('a missing colon above the cursor', () => {
  const text = `${HEAD}schema:\n  - name: orders\n    physicalName orders_v1\n    ‸`;
  assert.ok(complete(text).labels.includes('properties'));
});

test('a key indented wrongly is read in the map above it', () => {
  const text = `${HEAD}description:\n  purpose: x\n   ‸`;
  const c = complete(text);
  assert.ok(c.labels.includes('usage'));
  assert.ok(!c.labels.includes('purpose'), 'purpose is there already');
});

test('a `- ` just typed in a list of scalars offers its values', () => {
  const text = `${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        examples:\n          - ‸`;
  assert.doesNotThrow(() => complete(text));
  const tags = complete(`${HEAD}servers:\n  - server: s\n    type: ‸`).labels;
  assert.ok(tags.length > 30);
});

test('inside a block scalar, a comment or a flow collection: nothing', () => {
  assert.deepEqual(complete(`${HEAD}description:\n  purpose: |\n    Orders ‸`).labels, []);
  assert.deepEqual(complete(`${HEAD}# dom‸`).labels, []);
  assert.deepEqual(complete(`${HEAD}tags: [a, ‸]`).labels, []);
});

test('a file that is not ours, or of an unsupported version, gets nothing', () => {
  assert.deepEqual(complete('services:\n  web:\n    ‸', 'docker-compose.yaml').labels, []);
  assert.deepEqual(complete('apiVersion: v9.9.9\nkind: DataContract\n‸').labels, []);
});

test('a contract without a version yet is completed as the latest', () => {
  const c = complete('kind: DataContract\n‸', 'x.yaml');
  assert.equal(c.choose('apiVersion'), 'kind: DataContract\napiVersion: ');
});

test('every inserted text keeps the document readable YAML', () => {
  const fixtures = [`${HEAD}‸`, `${HEAD}schema:\n  - name: orders\n    ‸`, `${HEAD}servers:\n  - server: wh\n    type: ‸`, `${HEAD}schema:\n  - ‸`];
  for (const fixture of fixtures) {
    const c = complete(fixture);
    for (const label of c.labels) {
      const text = c.choose(label);
      assert.doesNotThrow(() => parse(text), `${label} in ${JSON.stringify(fixture)}`);
    }
  }
});

test('completion and key hover never throw, at any offset of damaged documents', () => {
  const base = `${HEAD}description:\n  purpose: "Orders\nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n        logicalTypeOptions:\n          maxLength: 3\n  -\n    - name: x\n servers: [a, {b: c}]\n---\nkind: DataProduct\napiVersion: v1.0.0\noutputPorts:\n- name: p\n  contractId: |\n    x\n`;
  const service = createLanguageService();
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let round = 0; round < 12; round++) {
    let text = base;
    for (let k = 0; k < 3; k++) {
      const at = random(text.length);
      text = text.slice(0, at) + ['', ':', '- ', '"', '\n', '  ', '#', '{'][random(8)] + text.slice(at + random(4));
    }
    const uri = `file:///m/f${round}.odcs.yaml`;
    service.setDocument(uri, text, 1);
    for (let offset = 0; offset <= text.length; offset += 4) {
      assert.doesNotThrow(() => service.completion(uri, offset));
      assert.doesNotThrow(() => service.hover(uri, offset));
    }
  }
});
