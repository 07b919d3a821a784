import { samePath, USUAL_NAME_KEY, type DocumentFacts, type Entity, type Link, type LinkKind, type Path } from '../meshFacts';
import { definitionKey, resolveRelative, termFileKey, termKey, termNameKey, termUrlKey } from '../entityKeys';
import { termNameForms } from '../termNames';

/** Plain data as a YAML parser returns it. */
export type Data = Record<string, unknown>;

export const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/**
 * A string of its own. A parser's substring may be a view into the whole text of the file (V8 keeps
 * the text alive for it), and facts outlive the text: the index of a mesh read from disk held every
 * file's text a second time.
 */
const own = (value: string): string => (' ' + value).slice(1);

/** A scalar as text: ids and versions may be written as numbers (`version: 1.0`). */
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? own(value) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
export const nonEmpty = (value: unknown): string | undefined => {
  const t = text(value)?.trim();
  return t ? t : undefined;
};

/** The non-empty strings of a list (synonyms, related ids); anything else in it is skipped. */
export const strings = (value: unknown): string[] => list(value).map(nonEmpty).filter((v): v is string => v !== undefined);

// Nested columns deeper than this are not indexed; real schemas stay far below it.
export const MAX_NESTING = 12;
// Bounded work: YAML aliases can make a small file describe billions of columns; stop counting here.
export const MAX_FACTS_PER_DOCUMENT = 50_000;

/** Thrown when a document has more facts than anyone writes by hand; what was found so far is kept. */
export class TooManyFacts extends Error {}

/** Collects the entities and links of one document, with the context every extractor needs. */
export class FactBuilder {
  readonly facts: DocumentFacts = { entities: [], links: [] };

  constructor(
    readonly uri: string,
    readonly docIndex: number,
    /** The caller's one spelling of a URI, applied to paths resolved from this file. */
    private readonly canonical: (uri: string) => string = (uri) => uri,
  ) {}

  /** A path written in this file (`../glossary.yaml`) as a URI, spelled as the index spells URIs. */
  resolve(path: string): string | undefined {
    const resolved = resolveRelative(this.uri, path);
    return resolved === undefined ? undefined : this.canonical(resolved);
  }

  /**
   * Takes the caller's new object as the entity. An entity named the usual way (`[...path, 'name']`)
   * leaves `namePath` out, and one without aliases `aliases` (see `Entity`): set to undefined here, so
   * that no copy is made (JSON leaves them out on the way to the main thread).
   */
  define(entity: Omit<Entity, 'docIndex'>): Entity {
    this.count();
    const full = entity as Entity;
    full.docIndex = this.docIndex;
    if (full.namePath !== undefined && samePath(full.path, USUAL_NAME_KEY, full.namePath)) full.namePath = undefined;
    if (full.aliases?.length === 0) full.aliases = undefined;
    this.facts.entities.push(full);
    return full;
  }

  link(kind: LinkKind, from: string, path: Path, written: string, targets: string[], options: Partial<Pick<Link, 'span' | 'strict' | 'expects' | 'version'>> = {}): void {
    this.count();
    this.facts.links.push({
      kind,
      from,
      targets,
      path,
      docIndex: this.docIndex,
      text: written,
      span: options.span ?? [0, written.length],
      strict: options.strict ?? true,
      ...(options.expects ? { expects: options.expects } : {}),
      ...(options.version !== undefined ? { version: options.version } : {}),
    });
  }

  private count(): void {
    if (this.facts.entities.length + this.facts.links.length >= MAX_FACTS_PER_DOCUMENT) throw new TooManyFacts();
  }

  /**
   * `authoritativeDefinitions[].url` that point at a glossary term: `<glossary file>#<term id>`
   * (a strict link, its file resolved against this one) or the term's own URL (followed when known).
   */
  glossaryLinks(from: string, definitions: unknown, holder: Path): void {
    const all = list(definitions);
    if (all.length === 0) return;
    const path = [...holder, 'authoritativeDefinitions'];
    all.forEach((definition, i) => {
      if (!isData(definition)) return;
      const url = nonEmpty(definition.url);
      if (!url) return;
      const urlPath = [...path, i, 'url'];
      const hash = url.indexOf('#');
      const file = hash > 0 ? this.resolve(url.slice(0, hash)) : undefined;
      if (file && hash < url.length - 1 && /\.ya?ml$/i.test(url.slice(0, hash))) {
        this.link('glossary', from, urlPath, url, [termKey(file, url.slice(hash + 1))], { span: [hash + 1, url.length], expects: { kind: 'term', scope: file } });
      } else if (/\.json$/i.test(hash > 0 ? url.slice(0, hash) : url)) {
        // An ODCS property-definition file (`definitions/email.json`), or one definition of a list of them (`…json#customer/email`).
        const path = hash > 0 ? url.slice(0, hash) : url;
        const resolved = this.resolve(path);
        const targets = resolved ? [hash > 0 ? definitionKey(resolved, url.slice(hash + 1)) : termFileKey(resolved)] : [];
        this.link('glossary', from, urlPath, url, [...targets, termUrlKey(url)], { strict: false });
      } else if (/^https?:/i.test(url)) {
        this.link('glossary', from, urlPath, url, [termUrlKey(url)], { strict: false });
      }
    });
  }

  /** A business name that is also a glossary term's name or synonym (or their plural or singular) links to that term. */
  businessNameLink(from: string, value: unknown, holder: Path): void {
    const name = nonEmpty(value);
    const forms = name ? termNameForms(name) : [];
    if (name && forms.length > 0) this.link('businessName', from, [...holder, 'businessName'], name, forms.map(termNameKey), { strict: false });
  }
}
