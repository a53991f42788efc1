import type { Database, Statement } from "better-sqlite3";
import type {
  IdempotencyPutResult,
  IdempotencyRecordInput,
  IdempotencyRecordUpdate,
  IdempotencyStatus,
  IdempotencyStore,
  StoredIdempotencyRecord,
} from "../idempotency-store.js";
import { GroupCommit } from "./group-commit.js";
import { openDatabase } from "./open-database.js";
import { resolveSqliteOptions, type SqliteOptions } from "./sqlite-options.js";

/** A row of `idempotency_records`. */
interface IdempotencyRow {
  readonly idempotency_key: string;
  readonly status: IdempotencyStatus;
  readonly expires_at_seconds: number | null;
  readonly in_progress_expires_at_ms: number | null;
  readonly payload_hash: string | null;
  readonly response_data: string | null;
}

/** Every statement the SQLite idempotency store runs. */
export const IDEMPOTENCY_SQL = Object.freeze({
  // The conditional put in one statement. In DO UPDATE's WHERE a bare column is the existing row, so the
  // WHERE is the DynamoDB layer's condition on the record that holds the key (`attribute_not_exists` is
  // the plain INSERT); NULL compares as neither less nor greater, as a missing DynamoDB attribute does. A
  // takeover rewrites every column, the response included, as PutItem replaces the whole item.
  putIfAvailable: `
    INSERT INTO idempotency_records
      (idempotency_key, status, expires_at_seconds, in_progress_expires_at_ms, payload_hash, response_data)
    VALUES (@key, @status, @expires_at_seconds, @in_progress_expires_at_ms, @payload_hash, NULL)
    ON CONFLICT (idempotency_key) DO UPDATE SET
      status = excluded.status, expires_at_seconds = excluded.expires_at_seconds,
      in_progress_expires_at_ms = excluded.in_progress_expires_at_ms, payload_hash = excluded.payload_hash,
      response_data = NULL
    WHERE expires_at_seconds < @now_seconds
      OR (status = 'INPROGRESS' AND in_progress_expires_at_ms IS NOT NULL AND in_progress_expires_at_ms < @now_ms)`,
  // UpdateItem's SET: status and expiry always, the response and hash when given; creates a missing record.
  update: `
    INSERT INTO idempotency_records (idempotency_key, status, expires_at_seconds, payload_hash, response_data)
    VALUES (@key, @status, @expires_at_seconds, @payload_hash, @response_data)
    ON CONFLICT (idempotency_key) DO UPDATE SET
      status = excluded.status,
      expires_at_seconds = coalesce(excluded.expires_at_seconds, expires_at_seconds),
      payload_hash = coalesce(excluded.payload_hash, payload_hash),
      response_data = coalesce(excluded.response_data, response_data)`,
  byKey: "SELECT * FROM idempotency_records WHERE idempotency_key = ?",
  delete: "DELETE FROM idempotency_records WHERE idempotency_key = ?",
});

function toRecord(row: IdempotencyRow): StoredIdempotencyRecord {
  return {
    key: row.idempotency_key,
    status: row.status,
    ...(row.expires_at_seconds === null ? {} : { expiresAtSeconds: row.expires_at_seconds }),
    ...(row.in_progress_expires_at_ms === null
      ? {}
      : { inProgressExpiresAtMs: row.in_progress_expires_at_ms }),
    ...(row.response_data === null ? {} : { responseData: row.response_data }),
    ...(row.payload_hash === null ? {} : { payloadHash: row.payload_hash }),
  };
}

/**
 * The IdempotencyStore on SQLite. Its writes go through the group commit, whose batches are `BEGIN
 * IMMEDIATE` transactions: the conditional put, and the read of the record that refused it, run under the
 * database's write lock, so they are atomic against every other connection, thread and process on the file.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  readonly #db: Database;
  readonly #commits: GroupCommit;
  readonly #statements: { readonly [K in keyof typeof IDEMPOTENCY_SQL]: Statement };

  /** Uses an open, migrated database and the group commit that owns its writes. */
  constructor(db: Database, commits: GroupCommit) {
    this.#db = db;
    this.#commits = commits;
    this.#statements = Object.fromEntries(
      Object.entries(IDEMPOTENCY_SQL).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as { [K in keyof typeof IDEMPOTENCY_SQL]: Statement };
  }

  putIfAvailable(record: IdempotencyRecordInput, nowMs: number): Promise<IdempotencyPutResult> {
    const row = {
      key: record.key,
      status: record.status,
      expires_at_seconds: record.expiresAtSeconds ?? null,
      in_progress_expires_at_ms: record.inProgressExpiresAtMs ?? null,
      payload_hash: record.payloadHash ?? null,
      now_seconds: nowMs / 1000,
      now_ms: nowMs,
    };
    return this.#commits.submit((): IdempotencyPutResult => {
      if (this.#statements.putIfAvailable.run(row).changes > 0) return { stored: true };
      // Same transaction, same write lock: the record read is the one that failed the condition.
      const existing = this.#statements.byKey.get(record.key) as IdempotencyRow;
      return { stored: false, existing: toRecord(existing) };
    });
  }

  async get(key: string): Promise<StoredIdempotencyRecord | undefined> {
    this.#assertOpen();
    const row = this.#statements.byKey.get(key) as IdempotencyRow | undefined;
    return row === undefined ? undefined : toRecord(row);
  }

  async update(update: IdempotencyRecordUpdate): Promise<void> {
    const row = {
      key: update.key,
      status: update.status,
      expires_at_seconds: update.expiresAtSeconds ?? null,
      payload_hash: update.payloadHash ?? null,
      response_data: update.responseData ?? null,
    };
    await this.#commits.submit(() => this.#statements.update.run(row));
  }

  delete(key: string): Promise<boolean> {
    return this.#commits.submit(() => this.#statements.delete.run(key).changes > 0);
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error("The SQLite store is closed.");
  }
}

/** An idempotency store on a connection of its own, and how to close that connection. */
export interface SqliteIdempotencyStoreHandle {
  readonly store: SqliteIdempotencyStore;
  /** Commits pending writes and closes the connection. */
  close(): Promise<void>;
}

/**
 * Opens a connection of its own to the database of a data directory, with only the idempotency store on
 * it: what a handler's execution environment (a worker thread, another process) uses to share the records
 * of the Switchyard that runs it. It starts no WAL checkpointer; the Switchyard process that owns the
 * database checkpoints everyone's commits (and SQLite does at the last close).
 * @example
 * const { store, close } = createSqliteIdempotencyStore({ dataDirectory: process.env.SWITCHYARD_DATA_DIRECTORY ?? ".switchyard" });
 * const result = await store.putIfAvailable({ key: "fn#abc", status: "INPROGRESS" }, Date.now());
 * await close();
 */
export function createSqliteIdempotencyStore(options: SqliteOptions): SqliteIdempotencyStoreHandle {
  const db = openDatabase(resolveSqliteOptions(options));
  const commits = new GroupCommit(db);
  let store: SqliteIdempotencyStore;
  try {
    store = new SqliteIdempotencyStore(db, commits);
  } catch (error) {
    db.close();
    throw error;
  }
  let closed = false;
  return {
    store,
    async close() {
      if (closed) return;
      closed = true;
      commits.close();
      db.close();
    },
  };
}
