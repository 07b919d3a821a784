// The core's modules below the façade, for unit tests of one module at a time. Production code goes
// through `createLanguageService` only.
import { validateDocument, quickValidate, type QuickResult } from '../../server/src/core/features/validate';
import { analyzeDocument, isMeshDocument, type MeshDocument } from '../../server/src/core/model/meshDocument';
import { SchemaValidator } from '../../server/src/core/schema/schemaValidator';
import { factsOfDocument, factsOfParts, factsOfText } from '../../server/src/core/workspace/extractFacts';
import type { FileFacts } from '../../server/src/core/workspace/meshFacts';
import { canonicalUri } from '../../server/src/disk/uris';

const validator = new SchemaValidator();

export const core = {
  parse: (text: string, fileName: string): MeshDocument => analyzeDocument(text, fileName),
  isMeshDocument,
  validate: (document: MeshDocument) => validateDocument(document, validator),
  quickValidate: (text: string, fileName: string): QuickResult | undefined => quickValidate(text, fileName, validator),
  factsOf: (document: MeshDocument, uri: string): FileFacts => factsOfDocument(document, uri, canonicalUri),
  factsOfText: (text: string, uri: string, fileName: string): FileFacts => factsOfText(text, uri, fileName, canonicalUri),
  factsOfQuickRead: (quick: QuickResult, uri: string): FileFacts => factsOfParts(quick.parts, uri, canonicalUri),
};
