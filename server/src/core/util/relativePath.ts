/** A URI as a path relative to another file's folder (`../sales/orders.odcs.yaml`), for messages. */
export function relativePath(fromUri: string, toUri: string): string {
  const from = pathParts(fromUri);
  const to = pathParts(toUri);
  if (!from || !to || from.origin !== to.origin) return toUri;
  const fromDir = from.segments.slice(0, -1);
  let common = 0;
  while (common < fromDir.length && common < to.segments.length - 1 && fromDir[common] === to.segments[common]) common++;
  const ups = fromDir.length - common;
  return [...Array<string>(ups).fill('..'), ...to.segments.slice(common)].join('/');
}

function pathParts(uri: string): { origin: string; segments: string[] } | undefined {
  try {
    const url = new URL(uri);
    return { origin: `${url.protocol}//${url.host}`, segments: decodeURIComponent(url.pathname).split('/').filter(Boolean) };
  } catch {
    return undefined;
  }
}
