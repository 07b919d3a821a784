import { standardOfFileName } from '../model/documentKind';
import type { Span } from '../util/span';
import type { CompletionEntry } from './completion';

interface NewFile {
  standard: string;
  label: string;
  detail: string;
  body: string;
}

// The smallest document each standard accepts, with tab stops on what the author must choose.
const NEW_FILES: NewFile[] = [
  {
    standard: 'odcs',
    label: 'ODCS data contract',
    detail: 'Open Data Contract Standard v3.1.0',
    body: 'apiVersion: v3.1.0\nkind: DataContract\nid: ${1:contract-id}\nname: ${2:Contract name}\nversion: ${3:1.0.0}\nstatus: ${4|draft,proposed,active,deprecated,retired|}\ndomain: ${5:domain}\nschema:\n  - name: ${6:table}\n    properties:\n      - name: ${7:column}\n        logicalType: ${8|string,integer,number,boolean,date,timestamp|}\n$0',
  },
  {
    standard: 'odps',
    label: 'ODPS data product',
    detail: 'Open Data Product Standard v1.0.0',
    body: 'apiVersion: v1.0.0\nkind: DataProduct\nid: ${1:product-id}\nname: ${2:Product name}\nstatus: ${3|draft,proposed,active,deprecated,retired|}\ndomain: ${4:domain}\noutputPorts:\n  - name: ${5:port}\n    version: ${6:1.0.0}\n    contractId: ${7:contract-id}\n$0',
  },
  {
    standard: 'glossary',
    label: 'Business glossary',
    detail: 'Business Glossary v1',
    body: 'kind: BusinessGlossary\napiVersion: v1\nid: ${1:glossary-id}\nname: ${2:Glossary name}\nterms:\n  - id: ${3:term-id}\n    name: ${4:Term}\n    definition: ${5:What the business means by it.}\n$0',
  },
  {
    standard: 'policy',
    label: 'Governance policy',
    detail: 'Governance Policy v1',
    body: 'kind: GovernancePolicy\napiVersion: v1\nid: ${1:policy-id}\nname: ${2:Policy name}\n$0',
  },
];

/** Whole new documents for an empty file; the standard its name claims (`*.odcs.yaml`) first. */
export function newFileSnippets(fileName: string, span: Span): CompletionEntry[] {
  const claimed = standardOfFileName(fileName)?.id;
  return NEW_FILES.map((file, i) => ({
    label: file.label,
    kind: 'file' as const,
    detail: file.detail,
    documentation: `A new ${file.detail} document with its required fields.`,
    insertText: file.body,
    isSnippet: true,
    span,
    sortText: `${file.standard === claimed ? 0 : 1}${i}`,
  }));
}
