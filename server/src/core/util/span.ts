/** A range of a text as UTF-16 offsets [start, end): how the core places everything it finds. */
export type Span = [number, number];

/** A replacement in one file: what rename and quick fixes return, for the edge to turn into an LSP edit. */
export interface FileEdit {
  uri: string;
  span: Span;
  newText: string;
}
