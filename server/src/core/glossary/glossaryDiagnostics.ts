import { type DiagnosticData, type MeshDiagnostic, Severity } from '../model/diagnostic';
import { closestIn } from '../util/closest';
import { relativePath } from '../util/relativePath';
import type { Span } from '../util/span';
import type { FactLocator } from '../workspace/locateFacts';
import { namePathOf, type Entity, type FileFacts, type Link } from '../workspace/meshFacts';
import { normalTermName, termNameForms } from '../workspace/termNames';
import { sameEntity, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { COLUMN_KINDS, isDeprecated, TERM_LINKS, termById, termOfLink, termsNamed, termTitle } from './glossary';

const SOURCE = 'Data Mesh';
// Bounded work: a business name is compared with at most this many term names for "did you mean".
const MAX_CANDIDATES = 5_000;

/**
 * What the glossary finds in a file: links to deprecated terms, business names no term has, a term
 * name that two terms answer to, and a column that means a PII term without a classification.
 * A link to a term that does not exist is `mesh/unresolved-reference`, as every broken link is.
 * A column that `classifiedByPolicy` names is left to the policy's classification rule, which
 * reports it instead (see `Governance.judgesClassification`).
 */
export function glossaryDiagnostics(index: WorkspaceIndex, facts: FileFacts, locator: () => FactLocator, classifiedByPolicy: (column: Entity) => boolean = () => false): MeshDiagnostic[] {
  const found: MeshDiagnostic[] = [];
  const at = (span: Span | undefined, severity: Severity, code: string, message: string, data: DiagnosticData) => {
    if (span) found.push({ start: span[0], end: span[1], severity, code, message, source: SOURCE, data });
  };
  const hasTerms = index.countOf('term') > 0;
  // The PII terms each column means, gathered in one pass (a 50,000-column file must not pair every column with every link).
  const piiTerms = new Map<string, Entity>();
  for (const link of facts.links) {
    if (!TERM_LINKS.has(link.kind)) continue;
    const term = termOfLink(index, link);
    if (term?.entity.term?.pii === true) piiTerms.set(`${link.docIndex}\n${link.from}`, term.entity);
    const written = link.text.slice(link.span[0], link.span[1]);
    const data = (suggestions: string[]): DiagnosticData => ({ docIndex: link.docIndex, path: [...link.path], value: written, suggestions });
    if (term && isDeprecated(term.entity)) {
      const replacement = term.entity.term?.replacedBy ? termById(index, term, term.entity.term.replacedBy) : undefined;
      const suggestion = replacement && replacementText(link, replacement.entity);
      const instead = replacement ? ` Use '${termTitle(replacement.entity)}' instead.` : '';
      at(locator().linkSpan(link), Severity.Warning, 'glossary/deprecated-term', `The glossary term '${termTitle(term.entity)}' is deprecated.${instead}`, data(suggestion ? [suggestion] : []));
    } else if (!term && link.kind === 'businessName' && hasTerms) {
      const suggestion = guessTerm(index, written);
      const guess = suggestion ? ` Did you mean '${suggestion}'?` : '';
      at(locator().linkSpan(link), Severity.Information, 'glossary/unknown-business-name', `No glossary term is named '${written}'.${guess} Add it to the glossary, or use the name of the term it means.`, data(suggestion ? [suggestion] : []));
    }
  }
  for (const entity of facts.entities) {
    if (entity.kind === 'term') duplicateNames(index, facts, entity, locator, at);
    else if (COLUMN_KINDS.has(entity.kind) && entity.classification === undefined) {
      const term = piiTerms.get(`${entity.docIndex}\n${entity.key}`);
      if (term && !classifiedByPolicy(entity)) unclassifiedPii(entity, term, locator, at);
    }
  }
  return found;
}

type At = (span: Span | undefined, severity: Severity, code: string, message: string, data: DiagnosticData) => void;

/** What replaces the written part of a link: the replacement's id after `#`, its name in a business name, its own URL. */
function replacementText(link: Link, replacement: Entity): string | undefined {
  if (link.kind === 'businessName') return termTitle(replacement);
  if (link.span[0] > 0) return replacement.name;
  return replacement.term?.url;
}

/** The term name a business name may have meant; the same misspelling across the mesh is worked out once. */
function guessTerm(index: WorkspaceIndex, written: string): string | undefined {
  const guesses = index.derive('glossary/guesses', () => ({ closest: closestIn(termNames(index)), byWritten: new Map<string, string | undefined>() }), ['term']);
  if (!guesses.byWritten.has(written)) guesses.byWritten.set(written, guesses.closest(written));
  return guesses.byWritten.get(written);
}

/** Every name and synonym of the mesh's terms, for "did you mean". */
function termNames(index: WorkspaceIndex): string[] {
  const names: string[] = [];
  for (const ref of index.entitiesOfKind('term')) {
    names.push(termTitle(ref.entity), ...(ref.entity.term?.synonyms ?? []));
    if (names.length >= MAX_CANDIDATES) break;
  }
  return names;
}

/** A term whose name or synonym another term also answers to: a business name would match either. */
function duplicateNames(index: WorkspaceIndex, facts: FileFacts, term: Entity, locator: () => FactLocator, at: At): void {
  const self = { uri: facts.uri, entity: term };
  for (const name of [termTitle(term), ...(term.term?.synonyms ?? [])]) {
    const normal = normalTermName(name);
    // Ids defined twice are mesh/duplicate-id already; the same name under two ids is this finding.
    const other = termsNamed(index, name).find((ref) => ref.entity.kind === 'term' && !sameEntity(ref, self) && ref.entity.key !== term.key && namesOf(ref.entity).some((n) => termNameForms(n).includes(normal)));
    if (!other) continue;
    const where = other.uri === facts.uri ? 'in this glossary' : `in ${relativePath(facts.uri, other.uri)}`;
    at(locator().nameSpan(term), Severity.Warning, 'glossary/duplicate-term', `'${name}' is also a name of the term '${other.entity.name}' ${where}, so a business name '${name}' could mean either. Keep one term and make the other its synonym or replacement.`, { docIndex: term.docIndex, path: [...namePathOf(term)], value: name });
    return;
  }
}

const namesOf = (term: Entity): string[] => [termTitle(term), ...(term.term?.synonyms ?? [])];

/** A column that links to a PII term, by link or business name, must say how sensitive it is. */
function unclassifiedPii(column: Entity, term: Entity, locator: () => FactLocator, at: At): void {
  const level = term.classification;
  at(
    locator().nameSpan(column),
    Severity.Warning,
    'glossary/pii-unclassified',
    `'${column.name}' holds '${termTitle(term)}', personal data (PII) in the glossary, but has no classification.${level ? ` The glossary classifies it as '${level}'.` : ''}`,
    { docIndex: column.docIndex, path: [...column.path], missing: ['classification'], suggestions: level ? [level] : [] },
  );
}
