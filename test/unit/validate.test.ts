import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, diagnose } from '../support/check';

const ERROR = 1;
const WARNING = 2;

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
`;

test('a valid contract has no diagnostics', () => {
  check(CONTRACT, []);
});

test('a syntax error in one place leaves the rest of the document checked', () => {
  check(
    `${CONTRACT}description:
  purpose: x
  ⟦usage y
  limitations⟧: z
servers:
  - server: prod
    type: ⟦postgress⟧
`,
    [
      { code: 'yaml/multiline-implicit-key', severity: ERROR },
      { code: 'schema/invalid-value', message: /'postgress' is not an allowed value\. Did you mean 'postgres'\?/ },
    ],
  );
});

test('a key indented deeper than its siblings gets one error on that key, not on the value above', () => {
  check(
    `${CONTRACT}schema:
  - name: returns
    properties:
      - name: return_id
        logicalType: string
         ⟦physicalType⟧: VARCHAR(12)
        required: true
`,
    [{ code: 'yaml/over-indented', message: /^'physicalType' is indented 9 spaces, deeper than the key above \(8\), so YAML reads it as part of that value\. Indent it by 8 spaces\.$/, severity: ERROR }],
  );
});

test('a key over-indented under a list item is measured against the item\'s keys', () => {
  check(`${CONTRACT}schema:\n  - name: returns\n       ⟦physicalType⟧: table\n`, [{ code: 'yaml/over-indented', message: /indented 7 spaces, deeper than the key above \(4\)/ }]);
});

test('a plain value continued on a deeper line is valid YAML, not an indentation error', () => {
  check(`${CONTRACT}description:\n  purpose: Orders of the web shop,\n    continued on the next line\n`, []);
});

test('duplicate keys are marked on the whole repeated key', () => {
  check(`${CONTRACT}⟦status⟧: draft\n`, [{ code: 'yaml/duplicate-key', message: /Duplicate key 'status'/ }]);
});

test('a snowflake server missing its account gives one error on that entry', () => {
  check(
    `${CONTRACT}servers:
  - ⟦server: warehouse⟧
    type: snowflake
    host: acme.snowflakecomputing.com
    database: SALES
    schema: PUBLIC
    warehouse: COMPUTE_WH
`,
    [{ code: 'schema/missing-property', message: /^Missing required property 'account' \(required when type is 'snowflake'\)\.$/ }],
  );
});

test('misspelt keys, wrong enum values and wrong types say what is expected', () => {
  check(
    `${CONTRACT}⟦descripton⟧:
  purpose: Orders of the web shop
schema:
  - name: orders
    logicalType: object
    properties:
      - name: amount
        logicalType: ⟦nummber⟧
        required: ⟦yes⟧
`,
    [
      { code: 'schema/unknown-property', message: /^Property 'descripton' is not allowed here\. Did you mean 'description'\?$/ },
      { code: 'schema/invalid-value', message: /Did you mean 'number'\?.*Expected one of: string, date/ },
      { code: 'schema/wrong-type', message: /Expected a boolean but found the text yes\. 'yes' is text in YAML 1\.2; write true\./ },
    ],
  );
});

test('missing required properties of the document are one error on its first line', () => {
  check(`⟦apiVersion: v3.1.0⟧\nkind: DataContract\nstatus: active\n`, [{ code: 'schema/missing-property', message: /^Missing required properties 'version' and 'id'\.$/ }]);
});

test('YAML 1.1 traps are warnings with the fix in the message', () => {
  check(
    `${CONTRACT.replace('version: 1.0.0', 'version: ⟦1.10⟧')}tags: [⟦NO⟧, ⟦on⟧]\nslaProperties:\n  - property: retention\n    value: ⟦0755⟧\n`,
    [
      { code: 'schema/wrong-type', message: /Expected a string but found the number 1\.10\. Quote it to keep it as text: "1\.10"\./ },
      { code: 'yaml/ambiguous-scalar', severity: WARNING, message: /'NO' is the boolean false in YAML 1\.1.*Quote it \('NO'\)/ },
      { code: 'yaml/ambiguous-scalar', severity: WARNING, message: /'on' is the boolean true/ },
      { code: 'yaml/ambiguous-scalar', severity: WARNING, message: /0755 has a leading zero.*Quote it \('0755'\)/ },
    ],
  );
});

test('the schema follows the version the file declares, never the latest', () => {
  // A team given as a map (with members) is v3.1.0; v3.0.2 expects a list of members.
  const team = '⟦team⟧:\n  name: sellers\n  members:\n    - username: ceastwood\n      role: owner\n';
  check(`${CONTRACT}${team.replace(/[⟦⟧]/g, '')}`, []);
  check(`${CONTRACT.replace('v3.1.0', 'v3.0.2')}${team}`, [{ code: 'schema/wrong-type', message: /Expected a list but found a map/ }]);
});

test('an unsupported or missing version is reported, not guessed', () => {
  check(`apiVersion: ⟦v9.9.9⟧\nkind: DataContract\nid: x\n`, [{ code: 'kind/unsupported-version', severity: WARNING, message: /version 'v9\.9\.9' is not supported.*Supported: v3\.0\.0/ }]);
  check(`⟦kind: DataProduct⟧\nid: x\n`, [{ code: 'kind/missing-version', message: /Missing 'apiVersion'.*apiVersion: v0\.9\.0/ }]);
});

test('diagnostics carry the standard and version as source', () => {
  const [d] = diagnose(`${CONTRACT}foo: 1\n`);
  assert.equal(d?.source, 'ODCS v3.1.0');
});

test('our own formats are validated by their schemas', () => {
  check(
    `kind: BusinessGlossary
apiVersion: v1
id: northwind
name: Northwind glossary
terms:
  - ⟦id: customer⟧
    name: Customer
`,
    [{ code: 'schema/missing-property', message: /'definition'/ }],
  );
  check(
    `kind: GovernancePolicy
apiVersion: v1
id: baseline
rules:
  ownership/required-owner: ⟦fatal⟧
`,
    [{ code: 'schema/invalid-value', message: /error, warning, info, off|Expected one of/ }],
  );
});

test('a status outside the lifecycle the standard describes is a warning with a suggestion', () => {
  check(`${CONTRACT.replace('status: active', 'status: ⟦actve⟧')}`, [{ code: 'schema/unknown-status', severity: WARNING, message: /Did you mean 'active'\? Expected one of: proposed, draft, active, deprecated, retired\./ }]);
});

test('a failed oneOf reports the errors of the branch that fits, or one type error when none does', () => {
  // ODCS v3.1.0 `team` is oneOf [Team object, deprecated list of members].
  check(`${CONTRACT}team:\n  name: sellers\n  ⟦membrs⟧:\n    - username: ceastwood\n`, [{ code: 'schema/unknown-property', message: /^Property 'membrs' is not allowed here\. Did you mean 'members'\?$/ }]);
  check(`${CONTRACT}team: ⟦sellers⟧\n`, [{ code: 'schema/wrong-type', message: /^Expected a map \(key: value pairs\) or a list but found the text sellers\.$/ }]);
});

test('an anyOf inside a referenced definition is judged by its branches, not a crash (policy scope without domains or paths)', () => {
  const policy = 'kind: GovernancePolicy\napiVersion: v1\nid: p\nrules:\n  ownership/required-owner: error\nscopes:\n  - ⟦rules:⟧\n      naming/snake-case-columns: off\n';
  check(policy, [{ code: 'schema/missing-property', message: /^Missing one of 'domains' or 'paths'\.$/ }], 'p.policy.yaml');
});

test('a syntax error at the very end of the file stays inside the text', () => {
  const text = `${CONTRACT}tags: [a, b`;
  for (const d of diagnose(text)) assert.ok(d.start <= d.end && d.end <= text.length, JSON.stringify(d));
});
