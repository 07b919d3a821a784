/**
 * Whether plain data contains itself: an alias inside the very node its anchor names
 * (`- &o {name: o, properties: [*o]}`) makes endless data, on which validation would run out of
 * stack. Shared nodes (an alias used twice) are fine; only a way back to a node being walked counts.
 * Iterative, and each node is walked once however often it is shared.
 */
export function containsItself(data: unknown): boolean {
  const walking = new Set<object>();
  const done = new Set<object>();
  const stack: { node: object; children: Iterator<unknown> }[] = [];
  const enter = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || done.has(value)) return false;
    if (walking.has(value)) return true;
    walking.add(value);
    stack.push({ node: value, children: Object.values(value)[Symbol.iterator]() });
    return false;
  };
  if (enter(data)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.children.next();
    if (next.done) {
      stack.pop();
      walking.delete(top.node);
      done.add(top.node);
    } else if (enter(next.value)) return true;
  }
  return false;
}
