/**
 * The graph webview's page. No vscode import, so the browser tests build the very same page (and CSP)
 * around the bundle. Strict CSP: nothing by default; our script by nonce; styles only from the
 * bundle's folder (no inline styles); the layout worker is started from a blob of the worker script,
 * which the page fetches from the bundle's folder; images as blob/data URLs for the PNG export.
 */
export interface GraphPageResources {
  /** `webview.cspSource`: the origin the bundle's folder is served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  workerUri: string;
}

export function graphContentSecurityPolicy({ cspSource, nonce }: Pick<GraphPageResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} blob: data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

export function graphHtml(resources: GraphPageResources): string {
  const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(graphContentSecurityPolicy(resources))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="graph-worker" content="${attr(resources.workerUri)}">
<link rel="stylesheet" href="${attr(resources.styleUri)}">
<title>Data Mesh graph</title>
</head>
<body>
<script nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>`;
}
