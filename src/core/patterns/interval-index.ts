/** One range of numbers leading to a target. */
interface Interval<T> {
  readonly lower: number;
  readonly lowerOpen: boolean;
  readonly upper: number;
  readonly upperOpen: boolean;
  readonly target: T;
}

/**
 * Numeric ranges answering "which ranges contain v" in O(log n + hits): the ranges sorted by lower
 * bound over an implicit tree that keeps, per node, the highest upper bound below it. Rebuilt lazily
 * after a change, so adding many rules costs one sort.
 */
export class IntervalIndex<T> {
  private intervals: Interval<T>[] = [];
  private sorted: Interval<T>[] = [];
  /** Lower bounds in sorted order and per-node maxima, in typed arrays: the search reads little else. */
  private lowers = new Float64Array(0);
  private maxUpper = new Float64Array(0);
  /** The widest range: when finite, the ranges holding v start within this distance below it. */
  private maxWidth = Number.POSITIVE_INFINITY;
  private dirty = false;

  add(lower: number, lowerOpen: boolean, upper: number, upperOpen: boolean, target: T): void {
    this.intervals.push({ lower, lowerOpen, upper, upperOpen, target });
    this.dirty = true;
  }

  remove(lower: number, upper: number, target: T): void {
    const at = this.intervals.findIndex((i) => i.target === target && i.lower === lower && i.upper === upper);
    if (at >= 0) this.intervals.splice(at, 1);
    this.dirty = true;
  }

  /** Appends the target of every range containing `value`. */
  lookup(value: number, out: T[]): void {
    if (this.dirty) this.build();
    const count = this.sorted.length;
    if (count === 0) return;
    if (this.maxWidth === Number.POSITIVE_INFINITY) {
      this.search(1, 0, count, value, out);
      return;
    }
    // Narrow ranges (the common case): find the last range starting at or below v, then step back
    // through those starting within maxWidth of it.
    const lowers = this.lowers;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((lowers[middle] as number) <= value) low = middle + 1;
      else high = middle;
    }
    const floor = value - this.maxWidth;
    for (let i = low - 1; i >= 0 && (lowers[i] as number) >= floor; i--)
      this.collect(this.sorted[i] as Interval<T>, value, out);
  }

  private collect(interval: Interval<T>, value: number, out: T[]): void {
    if (interval.lowerOpen ? value > interval.lower : value >= interval.lower) {
      if (interval.upperOpen ? value < interval.upper : value <= interval.upper) out.push(interval.target);
    }
  }

  private build(): void {
    this.sorted = [...this.intervals].sort((a, b) => a.lower - b.lower);
    this.lowers = Float64Array.from(this.sorted, (interval) => interval.lower);
    this.maxWidth = this.sorted.reduce((widest, i) => Math.max(widest, i.upper - i.lower), 0);
    this.maxUpper = new Float64Array(4 * Math.max(1, this.sorted.length)).fill(Number.NEGATIVE_INFINITY);
    if (this.sorted.length > 0) this.fill(1, 0, this.sorted.length);
    this.dirty = false;
  }

  private fill(node: number, from: number, to: number): number {
    let max: number;
    if (to - from === 1) max = (this.sorted[from] as Interval<T>).upper;
    else {
      const middle = (from + to) >> 1;
      max = Math.max(this.fill(2 * node, from, middle), this.fill(2 * node + 1, middle, to));
    }
    this.maxUpper[node] = max;
    return max;
  }

  private search(node: number, from: number, to: number, value: number, out: T[]): void {
    if ((this.maxUpper[node] as number) < value || (this.lowers[from] as number) > value) return;
    if (to - from === 1) {
      this.collect(this.sorted[from] as Interval<T>, value, out);
      return;
    }
    const middle = (from + to) >> 1;
    this.search(2 * node, from, middle, value, out);
    this.search(2 * node + 1, middle, to, value, out);
  }
}
