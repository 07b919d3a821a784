import { isNamed, namePathOf, type EntityKind } from '../../workspace/meshFacts';
import { MAX_MATCHED_LENGTH } from '../safePattern';
import { pattern, type Rule } from '../ruleTypes';

const CHECKED: [EntityKind, string, string][] = [
  ['contract', 'contractId', 'contract id'],
  ['product', 'productId', 'product id'],
  ['schemaObject', 'schemaObject', 'schema object'],
  ['property', 'column', 'column'],
];

/** Ids, schema objects and columns follow the policy's patterns. */
export const namingPatterns: Rule = {
  id: 'naming/patterns',
  severity: 'warning',
  summary: 'Contract and product ids, schema objects and columns follow the naming patterns.',
  standards: ['odcs', 'odps', 'dcs', 'dps'],
  options: {
    contractId: { type: 'pattern', default: '^[a-z][a-z0-9-]*$', description: 'Pattern of contract ids (kebab-case by default).' },
    productId: { type: 'pattern', default: '^[a-z][a-z0-9-]*$', description: 'Pattern of product ids (kebab-case by default).' },
    schemaObject: { type: 'pattern', default: '^[a-z][a-z0-9_]*$', description: 'Pattern of schema object names (snake_case by default).' },
    column: { type: 'pattern', default: '^[a-z][a-z0-9_]*$', description: 'Pattern of column names (snake_case by default).' },
  },
  check(document, context) {
    for (const entity of context.facts.entities) {
      if (entity.docIndex !== document.docIndex || !isNamed(entity)) continue;
      const checked = CHECKED.find(([kind]) => kind === entity.kind);
      if (!checked) continue;
      const [, option, what] = checked;
      // A column's name in the index is qualified by its table and parents; the pattern is about its own name.
      const name = entity.kind === 'property' ? entity.name.slice(entity.name.lastIndexOf('.') + 1) : entity.name;
      const regex = pattern(context, option);
      if (name.length > MAX_MATCHED_LENGTH) {
        context.report({ docIndex: document.docIndex, path: namePathOf(entity), key: entity.nameIsKey, message: `The ${what} '${name.slice(0, 40)}…' is longer than ${MAX_MATCHED_LENGTH} characters.` });
        continue;
      }
      if (regex.test(name)) continue;
      const better = entity.kind === 'property' || entity.kind === 'schemaObject' ? snakeCase(name) : kebabCase(name);
      const suggestion = better !== name && regex.test(better) ? better : undefined;
      context.report({ docIndex: document.docIndex, path: namePathOf(entity), key: entity.nameIsKey, message: `The ${what} '${name}' does not match the pattern ${regex.source}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, data: { value: name, suggestions: suggestion ? [suggestion] : [] } });
    }
  },
};

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export const snakeCase = (name: string): string => words(name).join('_');
export const kebabCase = (name: string): string => words(name).join('-');
