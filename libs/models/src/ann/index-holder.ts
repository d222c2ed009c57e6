/**
 * The index a service searches now. A rebuild or a new model version builds or loads the next
 * index aside and swaps it in with one assignment: a search holds the index it started with
 * until it returns, so nothing in flight fails, and the old index is freed once no one holds it.
 * Callers take `current()` once per request and use that object throughout.
 */
export class IndexHolder<T> {
  private index: T | undefined;

  constructor(initial?: T) {
    this.index = initial;
  }

  /** The index to search, or undefined before the first one is ready. */
  current(): T | undefined {
    return this.index;
  }

  /** Installs `next` and returns the index it replaced. */
  swap(next: T): T | undefined {
    const previous = this.index;
    this.index = next;
    return previous;
  }
}
