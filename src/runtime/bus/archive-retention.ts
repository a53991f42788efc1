import type { ArchiveStore } from "../../store/archive-store.js";
import type { Clock } from "../clock.js";
import { startPeriodicSweep } from "../periodic-sweep.js";

/** How often archive retention is enforced, and how many events one pass drops per archive. */
export const ARCHIVE_RETENTION_SWEEP = Object.freeze({ intervalMs: 60_000, batchSize: 1_000 });
const DAY_MS = 86_400_000;

/**
 * Drops archived events older than their archive's RetentionDays (0 keeps them forever): a bounded batch
 * per archive per pass, each pass scheduled after the last one ends. Returns a function that stops it.
 */
export function startArchiveRetention(
  archives: ArchiveStore,
  clock: Clock,
  options: {
    readonly intervalMs?: number;
    readonly batchSize?: number;
    readonly onError?: (error: unknown) => void;
  } = {},
): () => void {
  const batchSize = options.batchSize ?? ARCHIVE_RETENTION_SWEEP.batchSize;
  return startPeriodicSweep(
    clock,
    options.intervalMs ?? ARCHIVE_RETENTION_SWEEP.intervalMs,
    async (stopped) => {
      for (const archive of await archives.listArchives()) {
        if (stopped()) return;
        if (archive.retentionDays === 0) continue;
        await archives.expire(archive.name, clock.nowMs() - archive.retentionDays * DAY_MS, batchSize);
      }
    },
    options.onError,
  );
}
