import type { Node } from 'yaml';
import type { MeshDocument } from '../model/meshDocument';
import type { SourceText } from '../model/sourceText';
import type { YamlDocument } from '../model/parseYaml';
import { QuickSpans } from '../model/quickSpans';
import { createLocator, keySpan, nodeSpan, type Locator } from '../model/yamlLocate';
import { isNamed, namePathOf, samePath, USUAL_NAME_KEY, type Entity, type FileFacts, type Link, type Path } from './meshFacts';
import type { Span } from '../util/span';


/** Files by URI, for features that need ranges in other files: open ones from the editor, others read from disk. */
export interface DocumentSource {
  get(uri: string): SourceText | undefined;
}

// One locator per version of a file: a hover, a code lens and the next request on the same version
// share its quick read (a 190 KB contract took 30 ms to read again on every hover). Only the files
// used last keep theirs: a locator holds its file's whole quick read, and diagnosing 2,001 open
// files kept 2,001 of them alive (about 60 MB).
const LOCATORS = new Map<SourceText, FactLocator>();
const KEPT_LOCATORS = 32;

/** Where the facts of one file are in its text; one locator per YAML document, made on first use. */
export class FactLocator {
  /** The locator of this version of a file, made on first use and kept while the file is among the last used. */
  static of(source: SourceText): FactLocator {
    const locator = LOCATORS.get(source) ?? new FactLocator(source);
    // Most recently used last; the first is the one to let go.
    LOCATORS.delete(source);
    LOCATORS.set(source, locator);
    if (LOCATORS.size > KEPT_LOCATORS) LOCATORS.delete(LOCATORS.keys().next().value!);
    return locator;
  }

  private readonly locators = new Map<number, Locator>();
  private tree: MeshDocument | undefined;
  private quick: QuickSpans | null | undefined;
  readonly text: string;

  /** Without a tree yet, scalars are placed by a quick read and the tree is built only for the rest. */
  private constructor(private readonly source: SourceText) {
    this.text = source.text;
    if (source.hasTree) this.tree = source.tree();
  }

  get document(): MeshDocument {
    this.tree ??= this.source.tree();
    return this.tree;
  }

  /** The span of the node at a path (of its key, with `key`); undefined when the path is not in this text. */
  pathSpan(docIndex: number, path: Path, key = false): Span | undefined {
    const known = this.source.knownSpan?.(docIndex, path, key);
    if (known) return known;
    if (!this.tree) {
      this.quick ??= QuickSpans.of(this.text) ?? null;
      const span = this.quick?.span(docIndex, path, key);
      if (span) return span;
    }
    const found = this.locator(docIndex)?.(path.map(String));
    if (!found?.complete) return undefined;
    if (key) return found.pair ? keySpan(found.pair) : undefined;
    const node = found.node as Node | null;
    if (node?.range) return nodeSpan(node);
    return found.pair ? keySpan(found.pair) : undefined;
  }

  /** The part of a link's value that names its target, or the whole value when it is not written literally. */
  linkSpan(link: Link): Span | undefined {
    const whole = this.pathSpan(link.docIndex, link.path);
    if (!whole) return undefined;
    const offset = literalOffset(this.text, whole, link.text);
    return offset === undefined ? whole : [offset + link.span[0], offset + link.span[1]];
  }

  /** The span of the text that names an entity: its id, its name, or its key. */
  nameSpan(entity: Entity): Span | undefined {
    const path = namePathOf(entity);
    return path.length === 0 ? this.entitySpan(entity) : this.pathSpan(entity.docIndex, path, entity.nameIsKey);
  }

  /** The whole entity: the product's document, a column's map. */
  entitySpan(entity: Entity): Span | undefined {
    if (entity.path.length === 0) {
      const contents = this.yamlDocument(entity.docIndex)?.contents as Node | null | undefined;
      return contents?.range ? nodeSpan(contents) : undefined;
    }
    const value = this.pathSpan(entity.docIndex, entity.path);
    // A map entry named by its key spans from the key to the end of its value.
    const key = entity.nameIsKey ? this.pathSpan(entity.docIndex, entity.path, true) : undefined;
    return key && value ? [Math.min(key[0], value[0]), Math.max(key[1], value[1])] : (value ?? key);
  }

  /** Whether the name of an entity is written literally, so a rename can replace it in place. */
  literalNameOffset(entity: Entity): number | undefined {
    const span = this.pathSpan(entity.docIndex, namePathOf(entity), entity.nameIsKey);
    return span && literalOffset(this.text, span, entity.name);
  }

  /** Whether a link's value is written literally (plain or quoted without escapes). */
  literalLinkOffset(link: Link): number | undefined {
    const span = this.pathSpan(link.docIndex, link.path);
    return span && literalOffset(this.text, span, link.text);
  }

  /** The link or entity name under an offset of this file; the innermost wins. */
  at(facts: FileFacts, offset: number): { link: Link } | { entity: Entity } | undefined {
    let best: { span: Span; hit: { link: Link } | { entity: Entity } } | undefined;
    const consider = (span: Span | undefined, hit: { link: Link } | { entity: Entity }) => {
      if (!span || offset < span[0] || offset > span[1]) return;
      if (!best || span[1] - span[0] < best.span[1] - best.span[0]) best = { span, hit };
    };
    for (const link of facts.links) consider(this.linkSpan(link), { link });
    for (const entity of facts.entities) if (isNamed(entity)) consider(this.nameSpan(entity), { entity });
    return best?.hit;
  }

  private yamlDocument(docIndex: number): YamlDocument | undefined {
    return this.document.yaml.documents[docIndex];
  }

  private locator(docIndex: number): Locator | undefined {
    let locator = this.locators.get(docIndex);
    if (!locator) {
      const doc = this.yamlDocument(docIndex);
      if (!doc) return undefined;
      locator = createLocator(doc);
      this.locators.set(docIndex, locator);
    }
    return locator;
  }
}

/**
 * Where the values of a file's links and the names of its entities are in its text, from the quick
 * read's spans (on the worker, the read that gave the data): the main thread then places the file's
 * cross-file findings without reading it again (about 0.5 s of 2,001 files). Plain numbers, for the
 * worker's reply: a start and an end for each place `forEachPlace` visits, in that order; -1 and -1 for
 * one the quick read does not place for certain. (A record keyed by path took five times the memory
 * and ten times the parsing.)
 */
export type FactSpans = number[];

/**
 * The places a file's spans are for: each link's value, then each named entity's name, in the facts'
 * order. An entity named the usual way is visited as its own path and `USUAL_NAME_KEY` after it, so
 * that no array is made per place: `spanOfPlace` walks the places once per question.
 */
function forEachPlace(facts: FileFacts, visit: (docIndex: number, path: Path, key: boolean, last?: string) => boolean | void): void {
  for (const link of facts.links) if (visit(link.docIndex, link.path, false)) return;
  for (const entity of facts.entities) {
    const key = entity.nameIsKey === true;
    if (!isNamed(entity)) continue;
    if (entity.namePath === undefined ? visit(entity.docIndex, entity.path, key, USUAL_NAME_KEY) : visit(entity.docIndex, entity.namePath, key)) return;
  }
}

export function quickFactSpans(text: string, facts: FileFacts): FactSpans | undefined {
  const quick = QuickSpans.of(text);
  if (!quick) return undefined;
  const spans: FactSpans = [];
  forEachPlace(facts, (docIndex, path, key, last) => {
    const span = quick.span(docIndex, path, key, last);
    spans.push(span?.[0] ?? -1, span?.[1] ?? -1);
  });
  return spans;
}

/**
 * The span at a path (of its key, with `key`) in spans made for these facts (or for facts equal to
 * them); undefined when it is not one of their places or was not placed.
 */
export function spanOfPlace(facts: FileFacts, spans: FactSpans, docIndex: number, path: Path, key: boolean): Span | undefined {
  let found: Span | undefined;
  let i = 0;
  forEachPlace(facts, (placeDoc, placePath, placeIsKey, last) => {
    const at = i;
    i += 2;
    if (at + 1 >= spans.length) return true;
    if (placeDoc !== docIndex || placeIsKey !== key || !samePath(placePath, last, path)) return false;
    if (spans[at]! >= 0) found = [spans[at]!, spans[at + 1]!];
    return true;
  });
  return found;
}

/** The offset where `value` starts inside the scalar at `span`, when it is written as is (plain or quoted). */
function literalOffset(text: string, [start, end]: Span, value: string): number | undefined {
  const source = text.slice(start, end);
  if (source === value) return start;
  const quote = source[0];
  if ((quote === '"' || quote === "'") && source.endsWith(quote) && source.slice(1, -1) === value) return start + 1;
  return undefined;
}

