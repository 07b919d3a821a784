import type { Connection } from 'vscode-languageserver';
import type { LanguageService } from '../core/languageService';
import type { OpenDocuments } from './openDocuments';
import type { Logger } from './runSafe';

/** What push and pull diagnostics both work with. */
export interface DiagnosticsContext {
  connection: Connection;
  service: LanguageService;
  open: OpenDocuments;
  log: Logger;
  /** `dataMesh.validate.enable`. */
  isEnabled: () => boolean;
}
