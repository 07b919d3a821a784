/** The segments of a JSON pointer (`/schema/0/name`), unescaped: how ajv names the place of an error. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One segment of a JSON pointer, escaped (`~` and `/`), to append after a `/`. */
export function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
