import type { Rule } from '../ruleTypes';

/** Data Contract Specification files are invited to move to ODCS, the standard the mesh agrees on. */
export const preferOdcs: Rule = {
  id: 'standards/prefer-odcs',
  severity: 'info',
  summary: 'A Data Contract Specification file is migrated to ODCS.',
  standards: ['dcs'],
  options: {},
  check(document, context) {
    context.report({ docIndex: document.docIndex, path: ['dataContractSpecification'], key: true, message: 'This contract follows the Data Contract Specification; the mesh agrees on the Open Data Contract Standard (ODCS v3), which the Data Contract CLI also reads: migrate it to ODCS.' });
  },
};
