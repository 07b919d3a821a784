import { type MeshDiagnostic, Severity } from './diagnostic';

// The lines git writes around a conflict: `<<<<<<< ours`, `=======`, `>>>>>>> theirs` (and `||||||| base`).
const CONFLICT_EDGE = /^(?:<{7}|>{7})(?=[ \t\r\n]|$)/gm;

/** Whether the text has a line that opens a merge conflict, so that no parse of it can be trusted. */
export function hasMergeConflict(text: string): boolean {
  return findMergeConflicts(text).length > 0;
}

/**
 * One finding per unresolved merge conflict, from its `<<<<<<<` line through its `>>>>>>>` line (or
 * to the end of the file when that line is missing).
 */
export function findMergeConflicts(text: string): MeshDiagnostic[] {
  const found: MeshDiagnostic[] = [];
  let start = -1;
  for (const edge of text.matchAll(CONFLICT_EDGE)) {
    if (edge[0][0] === '<') {
      if (start < 0) start = edge.index;
    } else if (start >= 0) {
      const lineEnd = text.indexOf('\n', edge.index);
      found.push(conflict(start, lineEnd < 0 ? text.length : lineEnd - (text[lineEnd - 1] === '\r' ? 1 : 0)));
      start = -1;
    }
  }
  if (start >= 0) found.push(conflict(start, text.length));
  return found;
}

function conflict(start: number, end: number): MeshDiagnostic {
  return {
    start,
    end,
    severity: Severity.Error,
    code: 'yaml/merge-conflict',
    message: 'Unresolved merge conflict: keep one side (or combine them) and delete the <<<<<<<, ======= and >>>>>>> lines. The file is not checked until then.',
    source: 'YAML',
  };
}
