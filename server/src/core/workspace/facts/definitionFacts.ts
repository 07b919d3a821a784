import { definitionKey, termFileKey, termNameKey, termUrlKey } from '../entityKeys';
import type { FileFacts } from '../meshFacts';
import { type Data, FactBuilder, isData, list, nonEmpty, strings, TooManyFacts } from './factBuilder';

/** The standard id of an ODCS property-definition file in the facts (it has no schema of its own to check). */
export const PROPERTY_DEFINITION = 'odcs-definition';

/**
 * ODCS property definitions: JSON files of one ODCS property each (or a list of them) that Data
 * Contract Editor and datacontract-cli share between contracts, `{ name, businessName, logicalType,
 * description, tags, url }`. A property whose `authoritativeDefinitions` entry points at the file
 * means that definition, so to the mesh each is a dictionary entry, as a glossary term is.
 */
export function isPropertyDefinitions(data: unknown): boolean {
  const items = Array.isArray(data) ? data : [data];
  return items.length > 0 && items.every(isPropertyDefinition);
}

function isPropertyDefinition(value: unknown): value is Data {
  return isData(value) && typeof value.name === 'string' && typeof value.logicalType === 'string' && !('kind' in value) && !('apiVersion' in value);
}

/** The facts of a property-definition file: one `definition` entity per property, found by name, business name and URL. */
export function propertyDefinitionFacts(data: unknown, uri: string): FileFacts {
  const b = new FactBuilder(uri, 0);
  const single = !Array.isArray(data);
  try {
    (single ? [data] : list(data)).forEach((item, i) => {
      if (!isData(item)) return;
      const name = nonEmpty(item.name);
      if (!name) return;
      const path = single ? [] : [i];
      const title = nonEmpty(item.businessName);
      const url = nonEmpty(item.url);
      const tags = strings(item.tags);
      const owner = list(item.customProperties).find((p) => isData(p) && p.property === 'owner') as Data | undefined;
      b.define({
        kind: 'definition',
        key: definitionKey(uri, name),
        // A link to a file of one definition names the file; each is also found by its names and its own URL.
        aliases: [...(single ? [termFileKey(uri)] : []), ...[name, ...(title ? [title] : [])].map(termNameKey), ...(url ? [termUrlKey(url)] : [])],
        name,
        title,
        path,
        namePath: [...path, 'name'],
        description: nonEmpty(item.description),
        owner: nonEmpty(owner?.value),
        classification: nonEmpty(item.classification),
        // ODCS has no PII flag; these files tag personal data `pii`.
        term: { ...(tags.some((t) => t.toLowerCase() === 'pii') ? { pii: true } : {}), ...(url ? { url } : {}) },
      });
    });
  } catch (error) {
    if (!(error instanceof TooManyFacts)) throw error;
  }
  return { uri, standards: [PROPERTY_DEFINITION], ...b.facts };
}
