export { GroupCommit } from "./group-commit.js";
export type { Migration } from "./migrations.js";
export { MIGRATIONS, migrate, SCHEMA_VERSION } from "./migrations.js";
export { databasePath, openDatabase } from "./open-database.js";
export { SqliteBusStore } from "./sqlite-bus-store.js";
export type { ResolvedSqliteOptions, SqliteOptions } from "./sqlite-options.js";
export {
  CHECKPOINT_INTERVAL_MS,
  DATABASE_FILE_NAME,
  Durability,
  IN_MEMORY,
  resolveSqliteOptions,
  SQLITE_DEFAULTS,
} from "./sqlite-options.js";
export type { SqliteQueueStoreHandle } from "./sqlite-queue-store.js";
export { createSqliteQueueStore, SqliteQueueStore } from "./sqlite-queue-store.js";
export type { SqliteStores } from "./sqlite-stores.js";
export { createSqliteStores } from "./sqlite-stores.js";
export { startWalCheckpoints } from "./wal-checkpoints.js";
