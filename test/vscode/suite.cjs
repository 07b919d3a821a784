// Runs inside desktop VS Code's extension host (loaded by test/vscode/run.mjs): the core checks of
// test/e2e through the VS Code API. Not run on the CI machine, which cannot download VS Code.
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code's test runner loads this file with require() */
const assert = require('node:assert/strict');
const vscode = require('vscode');

async function waitFor(what, fn, timeout = 30_000) {
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const value = await fn();
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

  // Cross-file: the product sales-revenue consumes the contract sales-orders-v1.
  const product = await vscode.workspace.openTextDocument(file('sales/sales-revenue.odps.yaml'));
  const contract = await vscode.workspace.openTextDocument(file('sales/sales-orders-v1.odcs.yaml'));
  const positionOf = (document, line, word) => {
    const index = document.getText().split('\n').findIndex((l) => l.includes(line));
    return new vscode.Position(index, document.lineAt(index).text.indexOf(word) + 1);
  };
  const contractIdInProduct = positionOf(product, 'contractId: sales-orders-v1', 'sales-orders-v1');
  const idInContract = positionOf(contract, 'id: sales-orders-v1', 'sales-orders-v1');

  // Go to definition; polled, because the workspace index is built in the background.
  const definitions = await waitFor('go to definition', async () => {
    const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', product.uri, contractIdInProduct);
    return found?.length ? found : undefined;
  });
  const target = definitions[0].targetUri ?? definitions[0].uri;
  const targetRange = definitions[0].targetSelectionRange ?? definitions[0].range;
  assert.equal(target.toString(), contract.uri.toString());
  assert.equal(targetRange.start.line, idInContract.line);

  // Find references: every consumer of the contract.
  const references = await vscode.commands.executeCommand('vscode.executeReferenceProvider', contract.uri, idInContract);
  const files = new Set(references.map((r) => r.uri.path.split('/').pop()));
  for (const consumer of ['sales-revenue.odps.yaml', 'logistics-shipments.odps.yaml', 'customer-360.odps.yaml']) assert.ok(files.has(consumer), `references include ${consumer}`);

  // The code lens over the contract counts its consumers.
  const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', contract.uri, 10);
  assert.ok(lenses.some((lens) => /^3 consumers · \d+ upstream$/.test(lens.command?.title ?? '')), lenses.map((l) => l.command?.title).join(', '));

  // The hover on a contractId previews the lineage.
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', product.uri, contractIdInProduct);
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(markdown, /\*\*Upstream\*\*/);
  assert.match(markdown, /\*\*Downstream\*\*/);

  // Editing the contract updates the diagnostics of the open product that consumes it (unsaved edit).
  await vscode.window.showTextDocument(product);
  await vscode.window.showTextDocument(contract);
  const statusLine = contract.getText().split('\n').findIndex((l) => l === 'status: active');
  const deprecate = new vscode.WorkspaceEdit();
  deprecate.replace(contract.uri, contract.lineAt(statusLine).range, 'status: deprecated');
  assert.ok(await vscode.workspace.applyEdit(deprecate));
  await waitFor('mesh/deprecated-contract on the consumer', () => vscode.languages.getDiagnostics(product.uri).some((d) => codeOf(d) === 'mesh/deprecated-contract'));
  const restore = new vscode.WorkspaceEdit();
  restore.replace(contract.uri, contract.lineAt(statusLine).range, 'status: active');
  assert.ok(await vscode.workspace.applyEdit(restore));
  await waitFor('the warning gone again', () => !vscode.languages.getDiagnostics(product.uri).some((d) => codeOf(d) === 'mesh/deprecated-contract'));
};
