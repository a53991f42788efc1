import type { QueueStore } from "../../store/queue-store.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";

/**
 * What an idle poller sleeps on: the long-poll wakeups the queue service notifies on every send and visibility change,
 * and the store's next moment a hidden message shows. A poller waits here rather than in a ReceiveMessage with
 * WaitTimeSeconds because it must be able to stop at once: a pending ReceiveMessage cannot be called off, would keep
 * the process up until its wait ends and could take messages no one will process.
 */
export interface QueueWaits {
  /** The queue's notification count, taken before a receive (see QueueWakeups). */
  version(queue: string): number;
  /** Resolves on the next notification of the queue, after `ms`, or at once if notified since `sinceVersion`. */
  sleep(queue: string, ms: number, sinceVersion: number): Promise<void>;
  /** Wakes every wait on the queue (each checks again for itself). */
  notify(queue: string): void;
  /** The next moment after `nowMs` a delayed or in-flight message becomes visible, or null. */
  nextVisibleAtMs(queue: string, nowMs: number): Promise<number | null>;
}

/**
 * The waits of a queue service built on `wakeups` over `store` (pass the same QueueWakeups to createQueueService).
 * @example
 * const wakeups = new QueueWakeups(clock);
 * const queues = createQueueService({ store, clock, ids, account, region, wakeups });
 * const waits = createQueueWaits(wakeups, store);
 */
export function createQueueWaits(
  wakeups: QueueWakeups,
  store: Pick<QueueStore, "nextVisibleAtMs">,
): QueueWaits {
  return {
    version: (queue) => wakeups.version(queue),
    sleep: (queue, ms, sinceVersion) => wakeups.sleep(queue, ms, sinceVersion),
    notify: (queue) => wakeups.notify(queue),
    nextVisibleAtMs: (queue, nowMs) => store.nextVisibleAtMs(queue, nowMs),
  };
}
