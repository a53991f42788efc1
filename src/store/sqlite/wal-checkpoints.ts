import type { Database } from "better-sqlite3";

/**
 * Runs a PASSIVE WAL checkpoint every `intervalMs`, between batches rather than inside a commit, so the WAL
 * stays about one interval of writes long. PASSIVE never waits for readers or writers
 * (https://www.sqlite.org/pragma.html#pragma_wal_checkpoint); what it cannot copy now it copies next time.
 * An error from the checkpoint (a failing disk) is thrown, not swallowed. Returns a function that stops it.
 */
export function startWalCheckpoints(db: Database, intervalMs: number): () => void {
  if (db.memory) return () => {};
  const timer = setInterval(() => {
    db.pragma("wal_checkpoint(PASSIVE)");
  }, intervalMs);
  // The timer alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
