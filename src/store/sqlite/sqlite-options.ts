import { ValidationError } from "../../core/errors.js";

/**
 * How much a commit survives. `normal` (WAL + synchronous=NORMAL): a commit survives the process being
 * killed at any instant, but the last commits before a power loss or OS crash may be lost. `full` (WAL +
 * synchronous=FULL): the WAL is fsynced on every commit, so a commit also survives a power loss; group
 * commit makes that one fsync per batch of writes (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
export const Durability = {
  Normal: "normal",
  Full: "full",
} as const;
export type Durability = (typeof Durability)[keyof typeof Durability];

/** The `dataDirectory` that opens a throwaway database in memory instead of a file. */
export const IN_MEMORY = ":memory:";

/** The database file's name inside the data directory. */
export const DATABASE_FILE_NAME = "switchyard.db";

/** Where and how to open the SQLite database. */
export interface SqliteOptions {
  /** The data directory (created when missing) holding `switchyard.db`, or IN_MEMORY. */
  readonly dataDirectory: string;
  readonly durability?: Durability;
  /** How long a write waits for another process's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /**
   * How often a PASSIVE WAL checkpoint runs on a timer. Automatic checkpoints are switched off, so no
   * caller's commit pays for copying the WAL back into the database file.
   */
  readonly checkpointIntervalMs?: number;
}

/** SqliteOptions with every default applied. */
export interface ResolvedSqliteOptions {
  readonly dataDirectory: string;
  readonly durability: Durability;
  readonly busyTimeoutMs: number;
  readonly checkpointIntervalMs: number;
}

/** The defaults of SqliteOptions, stated once. */
export const SQLITE_DEFAULTS = Object.freeze({
  durability: Durability.Normal,
  busyTimeoutMs: 5_000,
  // Short and often: a checkpoint's fsyncs make the file system commit its journal, and the event loop's WAL
  // appends wait for that commit; a checkpoint of 100 ms of writes keeps the wait short (README.md).
  checkpointIntervalMs: 100,
} satisfies Omit<ResolvedSqliteOptions, "dataDirectory">);

/** Applies the defaults and checks the ranges of SqliteOptions; throws ValidationError naming the bad value. */
export function resolveSqliteOptions(options: SqliteOptions): ResolvedSqliteOptions {
  const resolved: ResolvedSqliteOptions = {
    dataDirectory: options.dataDirectory,
    durability: options.durability ?? SQLITE_DEFAULTS.durability,
    busyTimeoutMs: options.busyTimeoutMs ?? SQLITE_DEFAULTS.busyTimeoutMs,
    checkpointIntervalMs: options.checkpointIntervalMs ?? SQLITE_DEFAULTS.checkpointIntervalMs,
  };
  if (resolved.dataDirectory === "") {
    throw new ValidationError("SqliteOptions.dataDirectory must not be empty.", { dataDirectory: "" });
  }
  if (!Object.values(Durability).includes(resolved.durability)) {
    throw new ValidationError(
      `SqliteOptions.durability must be "normal" or "full", not ${resolved.durability}.`,
      {
        durability: resolved.durability,
      },
    );
  }
  if (!Number.isSafeInteger(resolved.busyTimeoutMs) || resolved.busyTimeoutMs < 0) {
    throw new ValidationError(
      `SqliteOptions.busyTimeoutMs must be a non-negative integer, not ${resolved.busyTimeoutMs}.`,
      { busyTimeoutMs: resolved.busyTimeoutMs },
    );
  }
  if (!Number.isSafeInteger(resolved.checkpointIntervalMs) || resolved.checkpointIntervalMs < 1) {
    throw new ValidationError(
      `SqliteOptions.checkpointIntervalMs must be a positive integer, not ${resolved.checkpointIntervalMs}.`,
      { checkpointIntervalMs: resolved.checkpointIntervalMs },
    );
  }
  return Object.freeze(resolved);
}
