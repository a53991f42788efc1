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
} satisfies Omit<ResolvedSqliteOptions, "dataDirectory" | "checkpointIntervalMs">);

/**
 * How often the WAL is checkpointed unless SqliteOptions say otherwise, by durability (README.md, "Durability
 * and checkpoints"). At NORMAL short and often: a checkpoint's fsyncs make the file system commit its journal,
 * the event loop's WAL appends wait for that commit, and a checkpoint of 100 ms of writes keeps the wait short.
 * At FULL every commit fsyncs the WAL already, and checkpoints that often collide with those fsyncs (stalls of
 * 60–120 ms were seen): once a second.
 */
export const CHECKPOINT_INTERVAL_MS: Readonly<Record<Durability, number>> = Object.freeze({
  [Durability.Normal]: 100,
  [Durability.Full]: 1_000,
});

/** Applies the defaults and checks the ranges of SqliteOptions; throws ValidationError naming the bad value. */
export function resolveSqliteOptions(options: SqliteOptions): ResolvedSqliteOptions {
  const durability = options.durability ?? SQLITE_DEFAULTS.durability;
  const resolved: ResolvedSqliteOptions = {
    dataDirectory: options.dataDirectory,
    durability,
    busyTimeoutMs: options.busyTimeoutMs ?? SQLITE_DEFAULTS.busyTimeoutMs,
    checkpointIntervalMs: options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS[durability],
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
