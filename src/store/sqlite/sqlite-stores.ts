import type { ArchiveStore } from "../archive-store.js";
import type { BusStore } from "../bus-store.js";
import type { FunctionSettingsStore } from "../function-settings-store.js";
import type { IdempotencyStore } from "../idempotency-store.js";
import type { QueueStore } from "../queue-store.js";
import { GroupCommit } from "./group-commit.js";
import { checkpointOptionsOf, openDatabase } from "./open-database.js";
import { SqliteArchiveStore } from "./sqlite-archive-store.js";
import { SqliteBusStore } from "./sqlite-bus-store.js";
import { SqliteFunctionSettingsStore } from "./sqlite-function-settings-store.js";
import { SqliteIdempotencyStore } from "./sqlite-idempotency-store.js";
import { resolveSqliteOptions, type SqliteOptions } from "./sqlite-options.js";
import { SqliteQueueStore } from "./sqlite-queue-store.js";
import { startWalCheckpoints } from "./wal-checkpoints.js";

/** The stores on one SQLite database, and how to close it. */
export interface SqliteStores {
  readonly queues: QueueStore;
  readonly buses: BusStore;
  readonly archives: ArchiveStore;
  readonly idempotency: IdempotencyStore;
  readonly functions: FunctionSettingsStore;
  /** Commits pending writes, stops the checkpoint timer and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the database of a data directory once and every store on it. The stores share its connection and
 * its group commit, so the writes of one event-loop turn, queue and bus alike, commit in one transaction.
 * @example
 * const { queues, buses, close } = createSqliteStores({ dataDirectory: ".switchyard" });
 * await buses.putBus({ name: "orders", tags: {}, createdAtMs: Date.now() });
 * await close();
 */
export function createSqliteStores(options: SqliteOptions): SqliteStores {
  const resolved = resolveSqliteOptions(options);
  const db = openDatabase(resolved);
  const commits = new GroupCommit(db);
  let queues: SqliteQueueStore;
  let buses: SqliteBusStore;
  let archives: SqliteArchiveStore;
  let idempotency: SqliteIdempotencyStore;
  let functions: SqliteFunctionSettingsStore;
  try {
    queues = new SqliteQueueStore(db, commits);
    buses = new SqliteBusStore(db, commits);
    archives = new SqliteArchiveStore(db, commits);
    idempotency = new SqliteIdempotencyStore(db, commits);
    functions = new SqliteFunctionSettingsStore(db, commits);
  } catch (error) {
    // A statement that fails to prepare: the database is not handed out, so close it here.
    db.close();
    throw error;
  }
  const stopCheckpoints = startWalCheckpoints(db, checkpointOptionsOf(resolved));
  let closed = false;
  return {
    queues,
    buses,
    archives,
    idempotency,
    functions,
    async close() {
      if (closed) return;
      closed = true;
      await stopCheckpoints();
      commits.close();
      db.close();
    },
  };
}
