/**
 * What was computed from the last few texts, so one version of a file is read once however many
 * features ask in a row (its own findings, then its cross-file and governance findings, then a
 * hover). Texts are compared by value; the same string compares by reference first, so a hit costs
 * nothing, and a miss among texts of different lengths almost nothing.
 */
export class RecentByText<T> {
  private readonly recent: { text: string; value: T }[] = [];

  constructor(
    private readonly size: number,
    private readonly make: (text: string) => T,
  ) {}

  get(text: string): T {
    const found = this.recent.findIndex((r) => r.text === text);
    const entry = found >= 0 ? this.recent.splice(found, 1)[0]! : { text, value: this.make(text) };
    this.recent.unshift(entry);
    if (this.recent.length > this.size) this.recent.pop();
    return entry.value;
  }
}
