/**
 * Time for the runtime: the only place in Switchyard with timers. Everything that waits — long polls,
 * visibility timeouts, delays, retention, retries, schedules — asks a Clock, so tests drive time by
 * hand (ManualClock) and run in milliseconds.
 */
export interface Clock {
  nowMs(): number;
  /** Calls `run` once, `delayMs` from now; returns a handle for cancel(). */
  schedule(delayMs: number, run: () => void, options?: ScheduleOptions): TimerHandle;
  cancel(handle: TimerHandle): void;
}

/** How a scheduled call relates to the process. */
export interface ScheduleOptions {
  /**
   * Someone awaits this call (a long poll): the process stays up until it runs. Background work (sweeps,
   * schedules) leaves this unset, so it never keeps a process alive on its own.
   */
  readonly keepAlive?: boolean;
}

/** An opaque scheduled call. */
export interface TimerHandle {
  readonly id: number;
}

/** The wall clock and Node's timers (unref'd unless `keepAlive`: a background timer alone does not keep the process up). */
export function createSystemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    nowMs: () => Date.now(),
    schedule(delayMs, run, options) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          timers.delete(id);
          run();
        },
        Math.max(0, delayMs),
      );
      if (options?.keepAlive !== true) timer.unref();
      timers.set(id, timer);
      return { id };
    },
    cancel(handle) {
      const timer = timers.get(handle.id);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}

/** A clock moved by hand: `advance` runs every call that falls due, in time order. */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly pending = new Map<number, { dueMs: number; run: () => void }>();

  constructor(startMs = 0) {
    this.current = startMs;
  }

  nowMs(): number {
    return this.current;
  }

  schedule(delayMs: number, run: () => void): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { dueMs: this.current + Math.max(0, delayMs), run });
    return { id };
  }

  cancel(handle: TimerHandle): void {
    this.pending.delete(handle.id);
  }

  /** Moves time forward, running due calls one by one (each may schedule more). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let nextId = -1;
      let nextDue = Number.POSITIVE_INFINITY;
      for (const [id, timer] of this.pending) {
        if (timer.dueMs <= target && (timer.dueMs < nextDue || (timer.dueMs === nextDue && id < nextId))) {
          nextId = id;
          nextDue = timer.dueMs;
        }
      }
      if (nextId < 0) break;
      const timer = this.pending.get(nextId) as { dueMs: number; run: () => void };
      this.pending.delete(nextId);
      this.current = Math.max(this.current, timer.dueMs);
      timer.run();
    }
    this.current = target;
  }

  /** How many calls are waiting (for tests that check nothing is left behind). */
  get pendingCount(): number {
    return this.pending.size;
  }
}
