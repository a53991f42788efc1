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
  private dirty = false;

  get size(): number {
    return this.intervals.length;
  }

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
    if (this.sorted.length > 0) this.search(1, 0, this.sorted.length, value, out);
  }

  private build(): void {
    this.sorted = [...this.intervals].sort((a, b) => a.lower - b.lower);
    this.lowers = Float64Array.from(this.sorted, (interval) => interval.lower);
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
      const first = this.sorted[from] as Interval<T>;
      if (first.lowerOpen ? value > first.lower : value >= first.lower) {
        if (first.upperOpen ? value < first.upper : value <= first.upper) out.push(first.target);
      }
      return;
    }
    const middle = (from + to) >> 1;
    this.search(2 * node, from, middle, value, out);
    this.search(2 * node + 1, middle, to, value, out);
  }
}
