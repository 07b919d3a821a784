// The graph webview's bundle (dist/webview/) in real Chromium, on a page that stands in for VS Code's
// webview: the same HTML and CSP as the panel (client/src/graph/graphHtml.ts), served from a local
// HTTP server, and an acquireVsCodeApi stub that records what the webview posts.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { graphHtml } from '../../client/src/graph/graphHtml';
import type { ExtensionMessage, WebviewMessage } from '../../protocol/graphMessages';
import { repoRoot } from '../support/lspClient';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Why the browser tests cannot run here, or undefined when they can. */
export const skipReason = !existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM}: run \`bash scripts/e2eSetup.sh\` (as root or with sudo), or set CHROMIUM_PATH`
  : !existsSync(join(repoRoot, 'dist', 'webview', 'graph.js'))
    ? 'dist/webview/graph.js is missing: run `npm run build`'
    : undefined;
export const SHOTS = join(repoRoot, 'test-results', 'browser');

const NONCE = 'test-nonce-3f9a';

// Stands in for what VS Code injects: acquireVsCodeApi, with getState/setState kept in sessionStorage
// so a reload restores them as the serializer would, and a record of CSP violations.
const STUB = `
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => JSON.parse(sessionStorage.getItem('state') || 'null'),
  setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
});`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

export class GraphPage {
  private constructor(
    private readonly server: Server,
    private readonly browser: Browser,
    readonly page: Page,
    readonly errors: string[],
    readonly origin: string,
  ) {}

  static async open(options: { width?: number; height?: number; colorScheme?: 'dark' | 'light'; args?: string[] } = {}): Promise<GraphPage> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/') {
        const origin = `http://${request.headers.host}`;
        const html = graphHtml({ cspSource: origin, nonce: NONCE, scriptUri: `${origin}/webview/graph.js`, styleUri: `${origin}/webview/graph.css`, workerUri: `${origin}/webview/elkWorker.js` })
          .replace('<script nonce', `<script nonce="${NONCE}" src="${origin}/stub.js"></script>\n<script nonce`);
        response.writeHead(200, { 'content-type': 'text/html' }).end(html);
      } else if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
      } else if (url.pathname === '/stub.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB);
      } else if (/^\/webview\/[\w.]+$/.test(url.pathname) && existsSync(join(repoRoot, 'dist', url.pathname))) {
        const ext = url.pathname.slice(url.pathname.lastIndexOf('.'));
        response.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(readFileSync(join(repoRoot, 'dist', url.pathname)));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(options.args ?? [])] });
    const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: options.height ?? 860 }, colorScheme: options.colorScheme ?? 'dark' });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
    const graphPage = new GraphPage(server, browser, page, errors, origin);
    await graphPage.load();
    return graphPage;
  }

  async load(): Promise<void> {
    await this.page.goto(this.origin);
    await this.page.waitForFunction(() => (window as unknown as { __posted: WebviewMessage[] }).__posted.some((m) => m.type === 'ready'));
  }

  /** Posts a message as the extension would, and waits until the graph is drawn. */
  async send(message: ExtensionMessage): Promise<void> {
    const before = await this.drawnCount();
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
    if (message.type === 'graph') await this.waitDrawn(before);
  }

  async drawnCount(): Promise<number> {
    return Number((await this.page.evaluate(() => document.body.dataset.drawn)) ?? 0);
  }

  /** Waits for the next drawing after `before` (each layout bumps the count). */
  async waitDrawn(before: number): Promise<void> {
    await this.page.waitForFunction((b) => Number(document.body.dataset.drawn ?? 0) > b, before, { timeout: 60_000 });
  }

  /** Runs `action` (a click, a key) and waits for the drawing it causes. */
  async redraw(action: () => Promise<unknown>): Promise<void> {
    const before = await this.drawnCount();
    await action();
    await this.waitDrawn(before);
  }

  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  }

  violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /** Ids of the nodes in the DOM. */
  nodeIds(): Promise<string[]> {
    return this.page.$$eval('svg.graph .node', (nodes) => nodes.map((n) => (n as SVGGElement).dataset.id!));
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
