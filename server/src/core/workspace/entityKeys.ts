import { normalTermName } from './termNames';

/**
 * The keys that entities are found by, built in one place so definitions and links agree.
 * File-scoped keys carry the file's URI: two contracts may both have an `orders` table.
 */
export const contractKey = (id: string): string => `contract:${id}`;
export const productKey = (id: string): string => `product:${id}`;
/**
 * A port is named within its product and direction, and versioned: `payments` 1.0.0 and 2.0.0 are two
 * ports (as in the ODPS examples), so a version is part of the key. Encoded, it cannot run into the name.
 */
export const portKey = (uri: string, docIndex: number, direction: string, name: string, version: string | undefined): string =>
  `port:${uri}#${docIndex}/${direction}${version === undefined ? '' : `@${encodeURIComponent(version)}`}/${name}`;
export const objectKey = (uri: string, name: string): string => `object:${uri}#${name}`;
export const objectIdKey = (uri: string, id: string): string => `objectid:${uri}#${id}`;
/** A column by names: `orders.order_id`, or `orders.address.street` when nested. */
export const columnKey = (uri: string, dottedName: string): string => `column:${uri}#${dottedName}`;
/** A column by stable ids, as ODCS fully qualified references name it: `orders_obj/order_id_prop`. */
export const columnIdKey = (uri: string, idPath: string): string => `columnid:${uri}#${idPath}`;
/** A table or column by its physical, qualified name (`sales.orders_v1.orders`), case-insensitive. */
export const physicalKey = (qualifiedName: string): string => `physical:${qualifiedName.toLowerCase()}`;
export const termKey = (glossaryUri: string, id: string): string => `term:${glossaryUri}#${id}`;
export const termUrlKey = (url: string): string => `termurl:${url}`;
/** A term by its name or a synonym, spelled as `normalTermName` compares names. */
export const termNameKey = (name: string): string => `termname:${normalTermName(name)}`;
/** The one definition of an ODCS property-definition file, named by the file alone (`customer_id.json`). */
export const termFileKey = (uri: string): string => `termfile:${uri}`;
export const glossaryKey = (uri: string, docIndex: number): string => `glossary:${uri}#${docIndex}`;
export const definitionKey = (uri: string, name: string): string => `definition:${uri}#${name}`;
/** A product or contract without an id still exists, as its file. */
export const anonymousKey = (kind: string, uri: string, docIndex: number): string => `${kind}:${uri}#${docIndex}`;

/**
 * An anonymous key of the file `uri` with that URI replaced by `path`, for output that must read the
 * same on every machine; any other key as it is.
 */
export function keyWithPath(key: string, uri: string, path: string): string {
  const kind = key.slice(0, key.indexOf(':') + 1);
  return key.startsWith(`${kind}${uri}#`) ? `${kind}${path}${key.slice(kind.length + uri.length)}` : key;
}

/** The id part of `contract:<id>` or `product:<id>`. */
export function idOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** Resolves a path written in a file (`../glossary.yaml`) against that file's URI; undefined if it is not a relative path. */
export function resolveRelative(baseUri: string, path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined;
  try {
    return new URL(path, baseUri).href;
  } catch {
    return undefined;
  }
}
