import { type MeshDiagnostic, Severity } from './diagnostic';

/**
 * What the text itself says about how the file was stored, at the first place each shows: a NUL
 * (YAML does not allow it; a binary file or one saved as UTF-16), and U+FFFD, which is what a reader
 * (our command line, the scan, the editor) puts in place of bytes that are not UTF-8. A file may
 * also contain U+FFFD on purpose; that is rare enough to ask about.
 */
export function findEncodingProblems(text: string): MeshDiagnostic[] {
  const found: MeshDiagnostic[] = [];
  const nul = text.indexOf('\0');
  if (nul >= 0) found.push(at(nul, 'yaml/nul-byte', 'This file contains a NUL character (byte 0), which YAML does not allow; is it a binary file, or saved as UTF-16? Save it as UTF-8 text.'));
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) found.push(at(replaced, 'file/invalid-encoding', 'This file is not valid UTF-8: bytes here could not be read and show as \uFFFD. Save it as UTF-8 (it may be Latin-1 or Windows-1252).'));
  return found;
}

export function hasEncodingProblem(text: string): boolean {
  return findEncodingProblems(text).length > 0;
}

function at(start: number, code: string, message: string): MeshDiagnostic {
  return { start, end: start + 1, severity: Severity.Error, code, message, source: code.startsWith('yaml/') ? 'YAML' : 'Data Mesh' };
}
