import type { MeshDiagnostic } from './model/diagnostic';
import { analyzeDocument, isMeshDocument, type MeshDocument } from './model/meshDocument';
import { validateDocument } from './features/validate';
import { SchemaValidator } from './schema/schemaValidator';

export type { MeshDiagnostic } from './model/diagnostic';
export { Severity } from './model/diagnostic';
export type { MeshDocument } from './model/meshDocument';

/**
 * The façade of the pure core: every feature is a function of a parsed document (and later the
 * workspace index). It holds the compiled schemas; the caller holds documents and their cache.
 */
export interface LanguageService {
  /** Parses a file and recognises its data-mesh documents. Call once per document version. */
  parse(text: string, fileName: string): MeshDocument;
  isMeshDocument(document: MeshDocument): boolean;
  validate(document: MeshDocument): MeshDiagnostic[];
}

export function createLanguageService(): LanguageService {
  const validator = new SchemaValidator();
  return {
    parse: analyzeDocument,
    isMeshDocument,
    validate: (document) => validateDocument(document, validator),
  };
}
