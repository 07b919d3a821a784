import { pointerSegments } from '../util/jsonPointer';

/**
 * A YAML value to insert for a missing required property, from what the schema declares of it: its
 * const, default or first enum value, else an empty value of its type. A placeholder a person fills in,
 * written so the file stays valid YAML in block and flow context alike.
 */
export function placeholderOf(parentSchema: unknown, root: object, name: string): string {
  const property = propertySchema(parentSchema, root, name, new Set());
  if (!property) return '""';
  const known = property.const ?? property.default ?? (Array.isArray(property.enum) ? property.enum[0] : undefined);
  if (known !== undefined && (typeof known !== 'object' || known === null)) return JSON.stringify(known);
  switch (Array.isArray(property.type) ? property.type[0] : property.type) {
    case 'array':
      return '[]';
    case 'object':
      return '{}';
    case 'integer':
    case 'number':
      return '0';
    case 'boolean':
      return 'false';
    default:
      return '""';
  }
}

type Schema = Record<string, unknown>;

/** The schema of property `name` as `schema` declares it, following allOf/anyOf/oneOf/then and local `$ref`s. */
function propertySchema(schema: unknown, root: object, name: string, seen: Set<unknown>): Schema | undefined {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return undefined;
  seen.add(schema);
  const s = schema as Schema;
  const own = (s.properties as Record<string, unknown> | undefined)?.[name];
  if (own && typeof own === 'object') return resolved(own as Schema, root, new Set());
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[keyword];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      const found = propertySchema(sub, root, name, seen);
      if (found) return found;
    }
  }
  for (const keyword of ['then', 'else', '$ref']) {
    const next = keyword === '$ref' ? refTarget(s.$ref, root) : s[keyword];
    const found = propertySchema(next, root, name, seen);
    if (found) return found;
  }
  return undefined;
}

/** A property schema with its `$ref` (and a lone allOf member) followed, so its type and values show. */
function resolved(schema: Schema, root: object, seen: Set<unknown>): Schema {
  if (seen.has(schema)) return schema;
  seen.add(schema);
  const target = refTarget(schema.$ref, root);
  if (target && schema.type === undefined) return resolved(target, root, seen);
  const only = Array.isArray(schema.allOf) && schema.allOf.length === 1 ? (schema.allOf[0] as Schema) : undefined;
  if (only && schema.type === undefined) return resolved(only, root, seen);
  return schema;
}

function refTarget(ref: unknown, root: object): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let value: unknown = root;
  for (const segment of pointerSegments(ref.slice(1))) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value && typeof value === 'object' ? (value as Schema) : undefined;
}
