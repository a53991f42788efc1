import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Sqlite, { type Database } from "better-sqlite3";
import { migrate } from "./migrations.js";
import { DATABASE_FILE_NAME, Durability, IN_MEMORY, type ResolvedSqliteOptions } from "./sqlite-options.js";
import type { WalCheckpointOptions } from "./wal-checkpoints.js";

/** The largest size the WAL file is truncated back to after a checkpoint has emptied it. */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** The path of the database file for a data directory (IN_MEMORY stays as it is). */
export function databasePath(dataDirectory: string): string {
  return dataDirectory === IN_MEMORY ? IN_MEMORY : join(dataDirectory, DATABASE_FILE_NAME);
}

/**
 * Opens (creating when missing) the database of a data directory, sets its journal and durability
 * pragmas and brings its schema up to date.
 * @example
 * const db = openDatabase(resolveSqliteOptions({ dataDirectory: ".switchyard", durability: "full" }));
 */
export function openDatabase(options: ResolvedSqliteOptions): Database {
  if (options.dataDirectory !== IN_MEMORY) mkdirSync(options.dataDirectory, { recursive: true });
  const db = new Sqlite(databasePath(options.dataDirectory), { timeout: options.busyTimeoutMs });
  try {
    // WAL: a commit appends to the log instead of rewriting pages, and readers never block the writer
    // (https://www.sqlite.org/wal.html). An in-memory database answers "memory" and has no WAL.
    db.pragma("journal_mode = WAL");
    // In WAL mode NORMAL syncs only at checkpoints: nothing committed is lost when the process dies, the
    // last commits may be on a power loss. FULL syncs the WAL at every commit.
    db.pragma(`synchronous = ${options.durability === Durability.Full ? "FULL" : "NORMAL"}`);
    // Automatic checkpoints run inside the COMMIT that crosses the threshold, i.e. on some caller's
    // commit; the checkpointer thread (wal-checkpoints.ts) runs them instead.
    db.pragma("wal_autocheckpoint = 0");
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The WAL checkpointer's settings for a database opened with these options. */
export function checkpointOptionsOf(options: ResolvedSqliteOptions): WalCheckpointOptions {
  return {
    intervalMs: options.checkpointIntervalMs,
    synchronous: options.durability === Durability.Full ? "FULL" : "NORMAL",
    journalSizeLimitBytes: JOURNAL_SIZE_LIMIT_BYTES,
    busyTimeoutMs: options.busyTimeoutMs,
  };
}
