import { columnIdKey, columnKey, objectIdKey, objectKey, physicalKey } from '../entityKeys';
import { bitolRoot } from './bitolRoot';
import type { Link, Path } from '../meshFacts';
import { type Data, FactBuilder, isData, list, MAX_NESTING, nonEmpty } from './factBuilder';

/** Open Data Contract Standard v3: the contract, its schema objects and columns, and what they point at. */
export function odcsFacts(b: FactBuilder, root: Data): void {
  const key = bitolRoot(b, root, 'contract');

  const locations = physicalLocations(root.servers);
  list(root.schema).forEach((object, i) => {
    if (isData(object)) schemaObject(b, key, object, ['schema', i], locations);
  });

  list(root.slaProperties).forEach((sla, i) => {
    if (!isData(sla)) return;
    const element = nonEmpty(sla.element);
    if (element) elementLinks(b, key, element, ['slaProperties', i, 'element']);
  });
}

/** `database.schema` and `schema` of every server, the prefixes physical names are qualified with. */
function physicalLocations(servers: unknown): string[] {
  const prefixes = new Set<string>();
  for (const server of list(servers)) {
    if (!isData(server)) continue;
    const schema = nonEmpty(server.schema);
    const database = nonEmpty(server.database) ?? nonEmpty(server.catalog) ?? nonEmpty(server.project);
    if (schema) prefixes.add(schema);
    if (schema && database) prefixes.add(`${database}.${schema}`);
  }
  return [...prefixes];
}

function schemaObject(b: FactBuilder, contract: string, object: Data, path: Path, locations: string[]): void {
  const name = nonEmpty(object.name);
  if (!name) return;
  const key = objectKey(b.uri, name);
  const objectId = nonEmpty(object.id);
  const physical = nonEmpty(object.physicalName) ?? name;
  b.define({
    kind: 'schemaObject',
    key,
    aliases: [...(objectId ? [objectIdKey(b.uri, objectId)] : []), ...locations.map((l) => physicalKey(`${l}.${physical}`))],
    name,
    title: nonEmpty(object.businessName),
    path,
    container: contract,
    description: nonEmpty(object.description),
  });
  b.businessNameLink(key, object.businessName, path);
  b.glossaryLinks(key, object.authoritativeDefinitions, path);
  list(object.relationships).forEach((relationship, i) => {
    if (!isData(relationship)) return;
    for (const end of ['from', 'to'] as const) referenceLinks(b, key, relationship[end], [...path, 'relationships', i, end]);
  });
  const scope = { object: name, objectId, physical: locations.map((l) => `${l}.${physical}`), contract };
  properties(b, object.properties, [...path, 'properties'], scope, [], []);
}

interface ObjectScope {
  object: string;
  objectId: string | undefined;
  physical: string[];
  contract: string;
}

function properties(b: FactBuilder, value: unknown, path: Path, scope: ObjectScope, names: string[], ids: string[]): void {
  if (names.length >= MAX_NESTING) return;
  list(value).forEach((property, i) => {
    if (!isData(property)) return;
    const name = nonEmpty(property.name);
    if (!name) return;
    const here = [...path, i];
    const propertyNames = [...names, name];
    const propertyId = nonEmpty(property.id);
    const propertyIds = propertyId && ids.length === names.length ? [...ids, propertyId] : [];
    const dotted = `${scope.object}.${propertyNames.join('.')}`;
    const key = columnKey(b.uri, dotted);
    const physical = nonEmpty(property.physicalName) ?? name;
    // A nested field is qualified by its parents, as warehouses address struct fields: table.address.street.
    const aliases = scope.physical.map((table) => physicalKey(`${table}.${[...names, physical].join('.')}`));
    if (scope.objectId && propertyIds.length > 0) aliases.push(columnIdKey(b.uri, [scope.objectId, ...propertyIds].join('/')));
    b.define({
      kind: 'property',
      key,
      aliases,
      name: dotted,
      title: nonEmpty(property.businessName),
      path: here,
      container: scope.contract,
      description: nonEmpty(property.description),
      classification: nonEmpty(property.classification),
    });
    b.businessNameLink(key, property.businessName, here);
    b.glossaryLinks(key, property.authoritativeDefinitions, here);
    list(property.relationships).forEach((relationship, j) => {
      if (isData(relationship)) referenceLinks(b, key, relationship.to, [...here, 'relationships', j, 'to']);
    });
    list(property.transformSourceObjects).forEach((source, j) => {
      const written = nonEmpty(source);
      if (!written) return;
      // Free text in the standard: a name in this contract, or a physical name anywhere in the mesh.
      const targets = [columnKey(b.uri, written), objectKey(b.uri, written), physicalKey(written)];
      b.link('columnLineage', key, [...here, 'transformSourceObjects', j], written, targets, { strict: false });
    });
    properties(b, property.properties, [...here, 'properties'], scope, propertyNames, propertyIds);
    if (isData(property.items)) properties(b, property.items.properties, [...here, 'items', 'properties'], scope, propertyNames, propertyIds);
  });
}

// `[file.yaml#]/schema/<object id>/properties/<property id>[/properties/<id>…]`
const FULLY_QUALIFIED = /^(?:(.+?\.ya?ml)#)?\/?schema\/([^/]+)((?:\/properties\/[^/]+)*)$/;

/** A relationship end: one reference or a list of them (composite keys). */
function referenceLinks(b: FactBuilder, from: string, value: unknown, path: Path): void {
  const references = Array.isArray(value) ? value.map((v, i) => [v, [...path, i]] as const) : [[value, path] as const];
  for (const [reference, at] of references) {
    const written = nonEmpty(reference);
    if (!written) continue;
    const qualified = FULLY_QUALIFIED.exec(written);
    if (qualified) {
      const [, file, objectId, propertyPath] = qualified;
      const uri = file ? b.resolve(file) : b.uri;
      // A reference into a contract that is not a local file cannot be checked here.
      if (!uri) continue;
      const ids = propertyPath ? propertyPath.split('/properties/').filter(Boolean) : [];
      const target = ids.length > 0 ? columnIdKey(uri, [objectId!, ...ids].join('/')) : objectIdKey(uri, objectId!);
      b.link('relationship', from, at, written, [target], { expects: { kind: ids.length > 0 ? 'property' : 'schemaObject', scope: uri } });
    } else {
      b.link('relationship', from, at, written, [columnKey(b.uri, written)], { expects: shorthandColumn(b, written) });
    }
  }
}

/** `element: orders.order_ts` or a comma-separated list; each names an object or a column of this contract. */
function elementLinks(b: FactBuilder, contract: string, element: string, path: Path): void {
  let offset = 0;
  for (const part of element.split(',')) {
    const name = part.trim();
    const start = offset + part.indexOf(name);
    offset += part.length + 1;
    if (!name) continue;
    const targets = name.includes('.') ? [columnKey(b.uri, name)] : [objectKey(b.uri, name)];
    b.link('slaElement', contract, path, element, targets, { span: [start, start + name.length], expects: name.includes('.') ? shorthandColumn(b, name) : { kind: 'schemaObject', scope: b.uri } });
  }
}

/** A column named `table.column` in this contract; its table may be one the contract does not describe. */
function shorthandColumn(b: FactBuilder, written: string): NonNullable<Link['expects']> {
  return { kind: 'property', scope: b.uri, ...(written.includes('.') ? { byTableName: true as const } : {}) };
}
