import type { Enqueue, NewMessage } from "../../store/queue-store.js";
import type { Clock, TimerHandle } from "../clock.js";

/**
 * Long polling without a poll interval: a receive that finds nothing sleeps until something may have
 * changed for its queue — a send, a visibility change — or until a time it computed (its wait's end,
 * or the next moment a hidden message becomes visible), whichever comes first.
 */
export class QueueWakeups {
  private readonly sleepers = new Map<string, Set<() => void>>();
  /** Per queue, how many notifications there have been: a receive compares it to catch one it missed. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** The queue's notification count; pass it to sleep() to close the gap between a check and the sleep. */
  version(queue: string): number {
    return this.versions.get(queue) ?? 0;
  }

  /**
   * Resolves on the next notify() for the queue, or after `ms` — at once if the queue was notified
   * since `sinceVersion` (a send that landed while the receive was still looking).
   */
  sleep(queue: string, ms: number, sinceVersion: number): Promise<void> {
    if (this.version(queue) !== sinceVersion) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: TimerHandle | undefined;
      const wake = () => {
        if (timer !== undefined) this.clock.cancel(timer);
        const set = this.sleepers.get(queue);
        set?.delete(wake);
        if (set?.size === 0) this.sleepers.delete(queue);
        resolve();
      };
      let set = this.sleepers.get(queue);
      if (set === undefined) {
        set = new Set();
        this.sleepers.set(queue, set);
      }
      set.add(wake);
      // A caller awaits this wait: the process stays up until it ends (or a message wakes it).
      timer = this.clock.schedule(ms, wake, { keepAlive: true });
    });
  }

  /**
   * Wakes receives sleeping on the queue; each checks again for itself. With `waking`, only that many of
   * them — the longest asleep first — as SQS hands a new message to one waiting receive rather than to all:
   * the rest would only find it taken. Pass it only for messages visible now; anything that changes when
   * messages will show (a delayed send, a visibility change) wakes every sleeper, so each recomputes its
   * wake-up time.
   */
  notify(queue: string, waking = Number.POSITIVE_INFINITY): void {
    this.versions.set(queue, this.version(queue) + 1);
    const set = this.sleepers.get(queue);
    if (set === undefined) return;
    let woken = 0;
    for (const wake of [...set]) {
      if (woken++ >= waking) return;
      wake();
    }
  }

  /**
   * Tells each queue's receives that messages arrived: as many wake as messages are ready to receive; a delayed
   * one wakes them all, so that each sleeps again until the moment it shows.
   */
  arrived(
    items: readonly (Pick<Enqueue, "queue"> & {
      readonly message: Pick<NewMessage, "visibleAtMs" | "sentAtMs">;
    })[],
  ): void {
    const waking = new Map<string, number>();
    for (const { queue, message } of items) {
      const delayed = message.visibleAtMs > message.sentAtMs;
      waking.set(queue, delayed ? Number.POSITIVE_INFINITY : (waking.get(queue) ?? 0) + 1);
    }
    for (const [queue, count] of waking) this.notify(queue, count);
  }

  /** How many receives sleep on a queue. */
  sleeping(queue: string): number {
    return this.sleepers.get(queue)?.size ?? 0;
  }
}
