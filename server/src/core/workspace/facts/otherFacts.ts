import { anonymousKey, contractKey, glossaryKey, portKey, productKey, termKey, termNameKey, termUrlKey } from '../entityKeys';
import type { TermFacts } from '../meshFacts';
import { type Data, FactBuilder, isData, list, nonEmpty, strings, text } from './factBuilder';

/** Data Product Specification: output ports name their data contract by `dataContractId`. */
export function dpsFacts(b: FactBuilder, root: Data): void {
  const id = nonEmpty(root.id);
  const product = id ? productKey(id) : anonymousKey('product', b.uri, b.docIndex);
  const info = isData(root.info) ? root.info : {};
  b.define({ kind: 'product', key: product, name: id ?? 'unnamed product', title: nonEmpty(info.title), path: [], namePath: id ? ['id'] : [], status: nonEmpty(info.status), domain: nonEmpty(info.domain), owner: nonEmpty(info.owner), description: nonEmpty(info.description) });
  for (const [field, direction] of [['inputPorts', 'input'], ['outputPorts', 'output']] as const) {
    list(root[field]).forEach((port, i) => {
      if (!isData(port)) return;
      const portId = nonEmpty(port.id) ?? String(i);
      const key = portKey(b.uri, b.docIndex, direction, portId, undefined);
      b.define({ kind: 'port', key, name: portId, title: nonEmpty(port.name), path: [field, i], namePath: port.id ? [field, i, 'id'] : [field, i], container: product, direction, status: nonEmpty(port.status) });
      const contractId = nonEmpty(port.dataContractId);
      if (contractId) b.link(direction === 'output' ? 'publishes' : 'consumes', key, [field, i, 'dataContractId'], contractId, [contractKey(contractId)], { expects: { kind: 'contract' } });
    });
  }
}

/** DPDS: the product is named by its fully qualified name; ports are components, usually in other files. */
export function dpdsFacts(b: FactBuilder, root: Data): void {
  const info = isData(root.info) ? root.info : {};
  const id = nonEmpty(info.fullyQualifiedName) ?? nonEmpty(info.name);
  const product = id ? productKey(id) : anonymousKey('product', b.uri, b.docIndex);
  const owner = isData(info.owner) ? nonEmpty(info.owner.id) : undefined;
  b.define({ kind: 'product', key: product, name: id ?? 'unnamed product', title: nonEmpty(info.displayName) ?? nonEmpty(info.name), path: [], namePath: info.fullyQualifiedName ? ['info', 'fullyQualifiedName'] : info.name ? ['info', 'name'] : [], version: text(info.version), domain: nonEmpty(info.domain), owner, description: nonEmpty(info.description) });
  const components = isData(root.interfaceComponents) ? root.interfaceComponents : {};
  for (const [field, direction] of [['inputPorts', 'input'], ['outputPorts', 'output'], ['observabilityPorts', 'management'], ['controlPorts', 'management'], ['discoveryPorts', 'management']] as const) {
    list(components[field]).forEach((port, i) => {
      if (!isData(port)) return;
      const name = nonEmpty(port.name) ?? nonEmpty(port.$ref) ?? String(i);
      const path = ['interfaceComponents', field, i];
      const version = text(port.version);
      b.define({ kind: 'port', key: portKey(b.uri, b.docIndex, direction, name, version), name, path, namePath: port.name ? [...path, 'name'] : path, container: product, direction, version, description: nonEmpty(port.description) });
    });
  }
}

/** opendataproducts.org ODPS 4: `product.details.<language>.productID`, and the product's own contract. */
export function odps4Facts(b: FactBuilder, root: Data): void {
  const product = isData(root.product) ? root.product : {};
  const details = isData(product.details) ? product.details : {};
  const language = Object.keys(details).find((lang) => isData(details[lang]));
  const detail = language ? (details[language] as Data) : {};
  const id = nonEmpty(detail.productID);
  const key = id ? productKey(id) : anonymousKey('product', b.uri, b.docIndex);
  b.define({ kind: 'product', key, name: id ?? nonEmpty(detail.name) ?? 'unnamed product', title: nonEmpty(detail.name), path: [], namePath: id && language ? ['product', 'details', language, 'productID'] : [], status: nonEmpty(detail.status), version: text(detail.productVersion), description: nonEmpty(detail.description) });
  const contract = isData(product.contract) ? product.contract : undefined;
  const contractId = nonEmpty(contract?.id);
  // The contract is often only published by URL elsewhere, so a missing one is not reported.
  if (contractId) b.link('publishes', key, ['product', 'contract', 'id'], contractId, [contractKey(contractId)], { strict: false });
}

/** Our business glossary: terms found by id (in this file), by their own URL, and by name or synonym. */
export function glossaryFacts(b: FactBuilder, root: Data): void {
  const glossary = glossaryKey(b.uri, b.docIndex);
  b.define({ kind: 'glossary', key: glossary, name: nonEmpty(root.id) ?? 'glossary', title: nonEmpty(root.name), path: [], namePath: root.id ? ['id'] : [], owner: nonEmpty(root.owner), description: nonEmpty(root.description) });
  list(root.terms).forEach((term, i) => {
    if (!isData(term)) return;
    const id = nonEmpty(term.id);
    if (!id) return;
    const path = ['terms', i];
    const key = termKey(b.uri, id);
    const synonyms = strings(term.synonyms);
    const names = [nonEmpty(term.name), ...synonyms].filter((n): n is string => n !== undefined);
    const url = nonEmpty(term.url);
    const replacedBy = nonEmpty(term.replacedBy);
    const related = strings(term.related);
    const details: TermFacts = {
      ...(synonyms.length > 0 ? { synonyms } : {}),
      ...(typeof term.pii === 'boolean' ? { pii: term.pii } : {}),
      ...(related.length > 0 ? { related } : {}),
      ...(replacedBy ? { replacedBy } : {}),
      ...(url ? { url } : {}),
    };
    b.define({
      kind: 'term',
      key,
      aliases: [...(url ? [termUrlKey(url)] : []), ...names.map(termNameKey)],
      name: id,
      title: nonEmpty(term.name),
      path,
      namePath: [...path, 'id'],
      container: glossary,
      status: nonEmpty(term.status),
      domain: nonEmpty(term.domain),
      owner: nonEmpty(term.owner),
      description: nonEmpty(term.definition),
      classification: nonEmpty(term.classification),
      term: details,
    });
    if (replacedBy) b.link('termRelation', key, [...path, 'replacedBy'], replacedBy, [termKey(b.uri, replacedBy)], { expects: { kind: 'term', scope: b.uri } });
    list(term.related).forEach((related, j) => {
      const relatedId = nonEmpty(related);
      if (relatedId) b.link('termRelation', key, [...path, 'related', j], relatedId, [termKey(b.uri, relatedId)], { expects: { kind: 'term', scope: b.uri } });
    });
  });
}

/** Our governance policy: kept whole (it is small), so the governance engine finds every policy in the index. */
export function policyFacts(b: FactBuilder, root: Data): void {
  b.facts.policy = root;
}
