// Hover on a key: the schema of the file's own version describes it (‸ is the cursor, ⟦…⟧ the key's span).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyHover } from '../../server/src/core/features/keyHover';
import { SchemaNavigators } from '../../server/src/core/schema/schemaAtPath';
import { LinesCache } from '../../server/src/core/model/cursorContext';
import { marked } from '../support/mesh';

const navigators = new SchemaNavigators();

function hover(fixture: string, fileName = 'c.odcs.yaml') {
  const { text, cursor, ranges } = marked(fixture);
  const found = keyHover({ text, fileName }, cursor!, navigators, new LinesCache());
  if (found && ranges[0]) assert.deepEqual(found.span, ranges[0]);
  return found?.markdown;
}

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nstatus: active\n';

test('a column key: description, type, allowed values and the documentation of the file’s version', () => {
  const markdown = hover(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        ⟦logi‸calType⟧: string\n`);
  assert.equal(
    markdown,
    '**logicalType** · string\n\nThe logical element data type.\n\nAllowed values: `string`, `date`, `timestamp`, `time`, `number`, `integer`, `object`, `array`, `boolean`\n\nODCS v3.1.0 · [documentation](https://bitol-io.github.io/open-data-contract-standard/v3.1.0/)',
  );
});

test('a v3.0.2 contract is described by the v3.0.2 schema, and links to its documentation', () => {
  const markdown = hover('apiVersion: v3.0.2\nkind: DataContract\nid: x\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: c\n        ⟦logicalType‸⟧: string\n');
  assert.match(markdown ?? '', /ODCS v3\.0\.2 · \[documentation\]\(https:\/\/bitol-io\.github\.io\/open-data-contract-standard\/v3\.0\.2\/\)/);
  assert.doesNotMatch(markdown ?? '', /`time`/, 'time came in v3.1.0');
});

test('a required root key, a key after `- `, a quoted key, a key of a server of some type', () => {
  assert.match(hover(`⟦api‸Version⟧: v3.1.0\nkind: DataContract\n`) ?? '', /^\*\*apiVersion\*\* · string · required/);
  assert.match(hover(`${HEAD}schema:\n  - ⟦na‸me⟧: t\n`) ?? '', /^\*\*name\*\* · string · required/);
  assert.match(hover(`${HEAD}⟦"‸domain"⟧: x\n`) ?? '', /logical data domain/);
  assert.match(hover(`${HEAD}servers:\n  - server: s\n    type: snowflake\n    ⟦war‸ehouse⟧: w\n`) ?? '', /warehouse/i);
});

test('a long list of values is cut', () => {
  const markdown = hover(`${HEAD}servers:\n  - server: s\n    ⟦ty‸pe⟧: snowflake\n`) ?? '';
  assert.match(markdown, /… \(\d+ in all\)/);
});

test('ODPS keys link to the product standard', () => {
  assert.match(hover('apiVersion: v1.0.0\nkind: DataProduct\nid: p\n⟦output‸Ports⟧:\n', 'p.odps.yaml') ?? '', /· list[\s\S]*open-data-product-standard\/v1\.0\.0/);
});

test('nothing on a value, on a key the schema does not declare, or in a file that is not ours', () => {
  assert.equal(hover(`${HEAD}domain: sa‸les\n`), undefined);
  assert.equal(hover(`${HEAD}noSuch‸Key: 1\n`), undefined);
  assert.equal(hover('services:\n  we‸b: 1\n', 'docker-compose.yaml'), undefined);
});

test('through the façade, the key’s documentation is the first section of the one composed hover', async () => {
  const { createLanguageService } = await import('../../server/src/core/languageService');
  const service = createLanguageService();
  const { text, cursor } = marked(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logi‸calType: string\n`);
  service.setDocument('file:///m/c.odcs.yaml', text, 1);
  const found = service.hover('file:///m/c.odcs.yaml', cursor!);
  assert.match(found?.markdown ?? '', /^\*\*logicalType\*\* · string\n\nThe logical element data type\./);
});
