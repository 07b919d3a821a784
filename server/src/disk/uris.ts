import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * One spelling per file. VS Code and Node encode the same path differently (`%28` or `(`, `c%3A` or
 * `C:`), and the index must not see an open document and its file on disk as two files. Every URI
 * that enters the index goes through here; URIs sent to the client may be in either spelling, since
 * clients compare URIs by their parsed path.
 */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}
