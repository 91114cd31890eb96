/**
 * Keeps the first `limit` items of a stream in a fixed order, whatever order they arrive in, using
 * memory proportional to `limit` rather than to the stream. Used for the dashboard's lists, whose
 * totals are counted separately.
 */
export class BoundedList<T> {
  private items: T[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    this.items.push(item);
    // Trimming in batches keeps insertion cheap; the order is total, so the result never depends on arrival.
    if (this.items.length >= this.limit * 2) this.trim();
  }

  /** The kept items, in order. */
  values(): T[] {
    this.trim();
    return [...this.items];
  }

  private trim(): void {
    this.items.sort(this.compare);
    if (this.items.length > this.limit) this.items.length = this.limit;
  }
}

/** Orders by the given keys in turn, as strings or numbers. */
export function byKeys<T>(...keys: ((item: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}
