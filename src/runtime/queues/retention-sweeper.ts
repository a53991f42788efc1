import type { QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import { startPeriodicSweep } from "../periodic-sweep.js";

/** How often retention is enforced on disk, and how much one pass deletes per queue. */
export const RETENTION_SWEEP = Object.freeze({ intervalMs: 60_000, batchSize: 1_000 });

/**
 * Drops messages whose MessageRetentionPeriod has ended. Receives and counts already ignore them the
 * moment they expire; this frees their space, a bounded batch per queue per pass, each pass scheduled
 * after the last one ends (no overlap). Returns a function that stops it.
 */
export function startRetentionSweeper(
  store: QueueStore,
  clock: Clock,
  options: {
    readonly intervalMs?: number;
    readonly batchSize?: number;
    readonly onError?: (error: unknown) => void;
  } = {},
): () => void {
  const batchSize = options.batchSize ?? RETENTION_SWEEP.batchSize;
  // A queue deleted mid-pass is normal; anything else is reported, never swallowed silently.
  return startPeriodicSweep(
    clock,
    options.intervalMs ?? RETENTION_SWEEP.intervalMs,
    async (stopped) => {
      for (const queue of await store.listQueues()) {
        if (stopped()) return;
        await store.expire(queue.name, clock.nowMs(), batchSize);
      }
    },
    options.onError,
  );
}
