/**
 * At most `permits` holders at once; the rest wait and are let in in the order they asked. A function's
 * runner holds one permit per running invocation, so invocations beyond its concurrency start in order.
 */
export class FifoGate {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly permits: number) {}

  /** Holders plus waiters: the invocations in flight. */
  get inFlight(): number {
    return this.held + this.waiting.length;
  }

  /** Resolves once the caller holds a permit; the caller must `release()` it. */
  acquire(): Promise<void> {
    if (this.held < this.permits) {
      this.held++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Returns a permit: the longest waiter takes it over. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) {
      next();
      return;
    }
    this.held--;
    if (this.held === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing holds or waits for a permit. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
