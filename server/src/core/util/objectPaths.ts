/**
 * Every object inside `root` (arrays too, `root` itself included), by identity, with the path of the
 * first way a depth-first walk reaches it: `step` extends a path by one property name or array index.
 */
export function objectPaths(root: object, rootPath: string, step: (path: string, name: string, inArray: boolean) => string): Map<object, string> {
  const paths = new Map<object, string>();
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null || paths.has(node)) return;
    paths.set(node, path);
    for (const [name, child] of Object.entries(node)) walk(child, step(path, name, Array.isArray(node)));
  };
  walk(root, rootPath);
  return paths;
}
