import * as vscode from 'vscode';
import { exists } from './fileExists';

/** A template: the file's text for a name and an id, the file-name suffix, and the first value to fill. */
interface Template {
  label: string;
  suffix: string;
  text(name: string, id: string): string;
  /** The placeholder text the cursor selects when the file opens. */
  firstField: string;
}

// The smallest files that pass the standards' schemas and the mesh's own checks, with the fields a
// person fills first; `datamesh check` passes on both (test/lsp and e2e check that).
const TEMPLATES: Record<'contract' | 'product', Template> = {
  contract: {
    label: 'data contract',
    suffix: '.odcs.yaml',
    firstField: 'What this data is for, and who should use it.',
    text: (name, id) => `apiVersion: v3.1.0
kind: DataContract
id: ${id}
name: ${name}
version: 0.1.0
status: draft
description:
  purpose: What this data is for, and who should use it.
schema:
  - name: ${id.replace(/-/g, '_')}
    physicalType: table
    description: One row per ...
    properties:
      - name: id
        logicalType: string
        primaryKey: true
        description: The identifier of a row.
`,
  },
  product: {
    label: 'data product',
    suffix: '.odps.yaml',
    firstField: 'What this data product offers, and to whom.',
    text: (name, id) => `apiVersion: v1.0.0
kind: DataProduct
id: ${id}
name: ${name}
version: 0.1.0
status: draft
description:
  purpose: What this data product offers, and to whom.
outputPorts:
  - name: main
    version: 0.1.0
    description: The data this product publishes.
`,
  },
};

/** "Data Mesh: New Data Contract" and "New Data Product": a file from a template, named and placed by the user. */
export function registerNewMeshFile(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dataMesh.newDataContract', () => create(TEMPLATES.contract)),
    vscode.commands.registerCommand('dataMesh.newDataProduct', () => create(TEMPLATES.product)),
  );
}

async function create(template: Template): Promise<void> {
  const name = await vscode.window.showInputBox({
    title: `New ${template.label}`,
    prompt: `The name of the ${template.label} (its id and file name are made from it)`,
    placeHolder: 'Customer Orders',
    validateInput: (value) => (idOf(value) ? undefined : 'Use at least one letter or digit.'),
  });
  if (name === undefined) return;
  const id = idOf(name);
  const folder = await pickFolder(template);
  if (!folder) return;
  const file = vscode.Uri.joinPath(folder, `${id}${template.suffix}`);
  if (await exists(file)) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(file)} already exists; choose another name.`);
    return;
  }
  const text = template.text(name.trim(), id);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(file);
  // The cursor selects the first value to fill, so typing replaces it.
  const start = editor.document.positionAt(text.indexOf(template.firstField));
  editor.selection = new vscode.Selection(start, start.translate(0, template.firstField.length));
  editor.revealRange(editor.selection);
}

/** `Customer Orders` → `customer-orders`: the id and file name. */
function idOf(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The folder of the active file first, then the workspace folders, then any folder. */
async function pickFolder(template: Template): Promise<vscode.Uri | undefined> {
  const candidates: vscode.Uri[] = [];
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') candidates.push(vscode.Uri.joinPath(active, '..'));
  for (const folder of vscode.workspace.workspaceFolders ?? []) if (!candidates.some((c) => c.toString() === folder.uri.toString())) candidates.push(folder.uri);
  const other = { label: '$(folder-opened) Choose another folder…', uri: undefined };
  const items = [...candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, true) || uri.fsPath, description: uri.fsPath, uri })), other];
  const picked = await vscode.window.showQuickPick(items, { title: `New ${template.label}: where?`, placeHolder: 'The folder to create the file in' });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create here' });
  return chosen?.[0];
}
