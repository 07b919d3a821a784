import { contractKey, portKey } from '../entityKeys';
import { bitolRoot } from './bitolRoot';
import type { PortDirection } from '../meshFacts';
import { type Data, FactBuilder, isData, list, nonEmpty, text } from './factBuilder';

const PORTS: [string, PortDirection][] = [
  ['inputPorts', 'input'],
  ['outputPorts', 'output'],
  ['managementPorts', 'management'],
];

/** Bitol Open Data Product Standard (v0.9, v1): the product, its ports and the contracts they name. */
export function odpsFacts(b: FactBuilder, root: Data): void {
  const product = bitolRoot(b, root, 'product');

  for (const [field, direction] of PORTS) {
    list(root[field]).forEach((port, i) => {
      if (!isData(port)) return;
      const name = nonEmpty(port.name);
      const path = [field, i];
      const version = text(port.version);
      const key = portKey(b.uri, b.docIndex, direction, name ?? String(i), version);
      b.define({ kind: 'port', key, name: name ?? `${direction} port ${i + 1}`, path, namePath: name ? [...path, 'name'] : path, container: product, direction, version, description: nonEmpty(port.description) });
      const contractId = nonEmpty(port.contractId);
      if (contractId && direction !== 'management') {
        b.link(direction === 'output' ? 'publishes' : 'consumes', key, [...path, 'contractId'], contractId, [contractKey(contractId)], { expects: { kind: 'contract' }, ...(version ? { version } : {}) });
      }
      list(port.inputContracts).forEach((input, j) => {
        const inputId = isData(input) ? nonEmpty(input.id) : undefined;
        if (inputId) b.link('inputContract', key, [...path, 'inputContracts', j, 'id'], inputId, [contractKey(inputId)], { expects: { kind: 'contract' } });
      });
    });
  }
}
