import { anonymousKey, columnKey, contractKey, definitionKey, objectKey, physicalKey, termNameKey } from '../entityKeys';
import type { Path } from '../meshFacts';
import { type Data, FactBuilder, isData, MAX_NESTING, nonEmpty, text } from './factBuilder';

const TIMESTAMP_FIELDS = ['timestampField', 'sourceTimestampField', 'processedTimestampField'];

/** Data Contract Specification: models and fields are maps named by their keys; fields `$ref` shared definitions. */
export function dcsFacts(b: FactBuilder, root: Data): void {
  const id = nonEmpty(root.id);
  const key = id ? contractKey(id) : anonymousKey('contract', b.uri, b.docIndex);
  const info = isData(root.info) ? root.info : {};
  b.define({
    kind: 'contract',
    key,
    name: id ?? nonEmpty(info.title) ?? 'unnamed contract',
    title: nonEmpty(info.title),
    path: [],
    namePath: id ? ['id'] : [],
    status: nonEmpty(info.status),
    version: text(info.version),
    owner: nonEmpty(info.owner),
    description: nonEmpty(info.description),
  });
  if (isData(root.models)) {
    for (const [model, value] of Object.entries(root.models)) {
      if (!isData(value)) continue;
      const path = ['models', model];
      b.define({ kind: 'schemaObject', key: objectKey(b.uri, model), name: model, title: nonEmpty(value.title), path, namePath: path, nameIsKey: true, container: key, description: nonEmpty(value.description) });
      fields(b, key, model, value.fields, [...path, 'fields']);
    }
  }
  if (isData(root.definitions)) {
    for (const [name, value] of Object.entries(root.definitions)) {
      const definition = isData(value) ? value : {};
      const path = ['definitions', name];
      const title = nonEmpty(definition.title);
      // A shared definition is also a dictionary entry: a business name may name it by its key or title.
      const names = [name, ...(title ? [title] : [])];
      const term = typeof definition.pii === 'boolean' ? { pii: definition.pii } : {};
      b.define({ kind: 'definition', key: definitionKey(b.uri, name), aliases: names.map(termNameKey), name, title, path, namePath: path, nameIsKey: true, container: key, description: nonEmpty(definition.description), classification: nonEmpty(definition.classification), term });
    }
  }
  if (isData(root.servicelevels)) {
    for (const [level, value] of Object.entries(root.servicelevels)) {
      if (!isData(value)) continue;
      for (const field of TIMESTAMP_FIELDS) {
        const written = nonEmpty(value[field]);
        if (written) b.link('slaElement', key, ['servicelevels', level, field], written, [columnKey(b.uri, written)], { expects: { kind: 'property', scope: b.uri } });
      }
    }
  }
}

function fields(b: FactBuilder, contract: string, dotted: string, value: unknown, path: Path, depth = 0): void {
  if (!isData(value) || depth >= MAX_NESTING) return;
  for (const [name, field] of Object.entries(value)) {
    if (!isData(field)) continue;
    const here = [...path, name];
    const columnName = `${dotted}.${name}`;
    const key = columnKey(b.uri, columnName);
    b.define({ kind: 'property', key, name: columnName, title: nonEmpty(field.title), path: here, namePath: here, nameIsKey: true, container: contract, description: nonEmpty(field.description), classification: nonEmpty(field.classification) });
    const ref = nonEmpty(field.$ref);
    const target = ref ? definitionTarget(b, ref) : undefined;
    // Shared definitions often live in plain YAML files the index does not read: only a local $ref is checked.
    if (ref && target) b.link('definitionRef', key, [...here, '$ref'], ref, [target.key], { span: target.span, strict: target.uri === b.uri, expects: { kind: 'definition', scope: target.uri } });
    const references = nonEmpty(field.references);
    if (references) b.link('relationship', key, [...here, 'references'], references, [columnKey(b.uri, references)], { expects: { kind: 'property', scope: b.uri } });
    const lineage = isData(field.lineage) ? field.lineage : undefined;
    (Array.isArray(lineage?.inputFields) ? lineage.inputFields : []).forEach((input: unknown, i: number) => {
      if (!isData(input)) return;
      const dataset = nonEmpty(input.name);
      const column = nonEmpty(input.field);
      if (!dataset || !column) return;
      const written = `${dataset}.${column}`;
      b.link('columnLineage', key, [...here, 'lineage', 'inputFields', i, 'field'], column, [columnKey(b.uri, written), physicalKey(written)], { strict: false });
    });
    fields(b, contract, columnName, field.fields, [...here, 'fields'], depth + 1);
  }
}

/** `#/definitions/order_id` in this file or `other.yaml#/definitions/order_id`; remote URLs are not followed. */
function definitionTarget(b: FactBuilder, ref: string): { key: string; uri: string; span: [number, number] } | undefined {
  const match = /^([^#]*)#\/definitions\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const file = match[1] ? b.resolve(match[1]) : b.uri;
  if (!file) return undefined;
  return { key: definitionKey(file, match[2]!), uri: file, span: [ref.length - match[2]!.length, ref.length] };
}
