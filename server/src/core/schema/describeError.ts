import type { SchemaError } from './collapseErrors';
import { declaredProperties } from './collapseErrors';
import { closest } from '../util/closest';
import { placeholderOf } from './placeholder';

/** Where in the source a schema error belongs. */
export type ErrorTarget =
  | { kind: 'value' }
  /** The key of the child property `name` of the object at the error's path. */
  | { kind: 'childKey'; name: string }
  /** The object itself: its key in the parent map, or its first line. */
  | { kind: 'object' };

export interface DescribedError {
  code: string;
  message: string;
  target: ErrorTarget;
  /** What a fix needs: the offending key or value, the likely replacement, what is missing or allowed. */
  data?: { value?: string; suggestions?: string[]; missing?: string[]; missingAnyOne?: boolean; placeholders?: string[]; expected?: string[] };
}

const MAX_LISTED_VALUES = 12;

/** Plain-English wording and a stable code for one (collapsed) ajv error. */
export function describeError(e: SchemaError, rootSchema: object, found: FoundValue): DescribedError {
  const described = describe(e, rootSchema, found);
  return { ...described, message: described.message.charAt(0).toUpperCase() + described.message.slice(1) };
}

function describe(e: SchemaError, rootSchema: object, found: FoundValue): DescribedError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = (p.missing as string[] | undefined) ?? [String(p.missingProperty)];
      const when = e.condition ? ` (required when ${e.condition})` : '';
      const what =
        missing.length === 1 ? `required property '${missing[0]}'` : p.oneOf ? `one of ${listOf(missing.map((m) => `'${m}'`), 'or')}` : `required properties ${listOf(missing.map((m) => `'${m}'`))}`;
      const placeholders = missing.map((name) => placeholderOf(e.parentSchema, rootSchema, name));
      return { code: 'schema/missing-property', message: `Missing ${what}${when}.`, target: { kind: 'object' }, data: { missing, ...(p.oneOf ? { missingAnyOne: true } : {}), placeholders } };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      const known = [...declaredProperties(e.parentSchema, rootSchema)];
      const suggestion = closest(name, known);
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : known.length > 0 && known.length <= MAX_LISTED_VALUES ? ` Expected one of: ${known.join(', ')}.` : '';
      return { code: 'schema/unknown-property', message: `Property '${name}' is not allowed here.${hint}`, target: { kind: 'childKey', name }, data: { value: name, suggestions: suggestion ? [suggestion] : [], expected: known } };
    }
    case 'type': {
      const expected = String(p.type).split(',').map(typeName);
      const quoteHint =
        expected.includes('a string') && found.plainScalar
          ? ` Quote it to keep it as text: "${found.source}".`
          : expected.includes('a boolean') && /^(?:yes|no|on|off)$/i.test(found.source)
            ? ` '${found.source}' is text in YAML 1.2; write ${/^(?:yes|on)$/i.test(found.source) ? 'true' : 'false'}.`
            : '';
      return { code: 'schema/wrong-type', message: `Expected ${listOf(expected, 'or')} but found ${found.description}.${quoteHint}`, target: { kind: 'value' } };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => String(v));
      const suggestion = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      const shown = allowed.length > MAX_LISTED_VALUES ? `${allowed.slice(0, MAX_LISTED_VALUES).join(', ')}, …` : allowed.join(', ');
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
      return {
        code: 'schema/invalid-value',
        message: `${found.quoted} is not an allowed value.${hint} Expected one of: ${shown}.`,
        target: { kind: 'value' },
        data: { ...(typeof e.data === 'string' ? { value: e.data } : {}), suggestions: suggestion ? [suggestion] : [], expected: allowed },
      };
    }
    case 'const':
      return { code: 'schema/invalid-value', message: `Expected '${String(p.allowedValue)}' but found ${found.quoted}.`, target: { kind: 'value' }, data: { suggestions: [String(p.allowedValue)] } };
    case 'pattern':
      return { code: 'schema/invalid-format', message: `${found.quoted} does not match the expected pattern ${String(p.pattern)}.`, target: { kind: 'value' } };
    case 'minLength':
      return { code: 'schema/out-of-range', message: p.limit === 1 ? 'Must not be empty.' : `Must be at least ${String(p.limit)} characters long.`, target: { kind: 'value' } };
    case 'maxLength':
      return { code: 'schema/out-of-range', message: `Must be at most ${String(p.limit)} characters long.`, target: { kind: 'value' } };
    case 'minItems':
      return { code: 'schema/out-of-range', message: `Must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`, target: { kind: 'value' } };
    case 'maxItems':
      return { code: 'schema/out-of-range', message: `Must have at most ${String(p.limit)} items.`, target: { kind: 'value' } };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { code: 'schema/out-of-range', message: `${found.quoted} must be ${String(p.comparison)} ${String(p.limit)}.`, target: { kind: 'value' } };
    case 'uniqueItems':
      return { code: 'schema/duplicate-item', message: `Items must be unique: items ${String(p.j)} and ${String(p.i)} are the same.`, target: { kind: 'value' } };
    case 'oneOf':
      return { code: 'schema/ambiguous-shape', message: 'This value matches more than one of the allowed shapes; add the property that tells them apart.', target: { kind: 'value' } };
    case 'anyOf':
      return { code: 'schema/no-matching-shape', message: 'This value does not match any of the allowed shapes.', target: { kind: 'value' } };
    case 'dependentRequired':
    case 'dependencies':
      return { code: 'schema/missing-property', message: `'${String(p.property)}' also requires ${String(p.deps).split(', ').map((d) => `'${d}'`).join(', ')}.`, target: { kind: 'object' } };
    case 'not':
      return { code: 'schema/not-allowed', message: 'This value is not allowed here.', target: { kind: 'value' } };
    default:
      return { code: `schema/${e.keyword}`, message: sentence(e.message ?? 'Invalid value.'), target: { kind: 'value' } };
  }
}

/** How the offending value reads in a message. */
export interface FoundValue {
  /** `the number 1.1`, `a list`, `nothing`, … */
  description: string;
  /** The value quoted as the user wrote it, e.g. `'actve'`. */
  quoted: string;
  /** The source text of a plain (unquoted) scalar, when the value is one. */
  source: string;
  plainScalar: boolean;
}

function typeName(t: string): string {
  switch (t) {
    case 'object':
      return 'a map (key: value pairs)';
    case 'array':
      return 'a list';
    case 'null':
      return 'nothing (null)';
    case 'integer':
      return 'an integer';
    default:
      return `a ${t}`;
  }
}

function listOf(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function sentence(text: string): string {
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return s.endsWith('.') ? s : `${s}.`;
}
