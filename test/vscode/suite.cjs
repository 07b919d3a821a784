// Runs inside desktop VS Code's extension host (loaded by test/vscode/run.mjs): the core checks of
// test/e2e through the VS Code API. Not run on the CI machine, which cannot download VS Code.
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code's test runner loads this file with require() */
const assert = require('node:assert/strict');
const vscode = require('vscode');

async function waitFor(what, fn, timeout = 30_000) {
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const value = fn();
    if (value) return value;
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

const codeOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);

exports.run = async function run() {
  await vscode.extensions.getExtension('datamesh-authoring.datamesh-authoring').activate();
  const root = vscode.workspace.workspaceFolders[0].uri;
  const file = (path) => vscode.Uri.joinPath(root, ...path.split('/'));

  const broken = file('broken/misspelt-key.odcs.yaml');
  await vscode.window.showTextDocument(broken);
  const error = await waitFor('the misspelt-key error', () => vscode.languages.getDiagnostics(broken).find((d) => codeOf(d) === 'schema/unknown-property'));
  assert.equal(error.source, 'ODCS v3.1.0');

  // A file outside the mesh gets nothing; a mesh file opened after it is the sync point.
  const notes = file('notes/config.yaml');
  await vscode.window.showTextDocument(notes);
  const later = file('broken/duplicate-key.odcs.yaml');
  await vscode.window.showTextDocument(later);
  await waitFor('the duplicate-key error', () => vscode.languages.getDiagnostics(later).length > 0);
  assert.equal(vscode.languages.getDiagnostics(notes).length, 0);
};
