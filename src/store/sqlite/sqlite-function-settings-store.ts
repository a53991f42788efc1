import type { Database, Statement } from "better-sqlite3";
import type {
  FunctionSettingsStore,
  StoredEventInvokeConfig,
  StoredEventSourceMapping,
} from "../function-settings-store.js";
import type { GroupCommit } from "./group-commit.js";

/** A row of `event_source_mappings`. */
interface MappingRow {
  readonly uuid: string;
  readonly queue_name: string;
  readonly function_name: string;
  readonly settings: string;
  readonly declared: string | null;
  readonly last_modified_ms: number;
}

/** A row of `event_invoke_configs`. */
interface InvokeConfigRow {
  readonly function_name: string;
  readonly settings: string;
  readonly declared: string;
  readonly last_modified_ms: number;
}

/** Every statement the SQLite function settings store runs. */
export const FUNCTION_SETTINGS_SQL = Object.freeze({
  // An upsert, not INSERT OR REPLACE: REPLACE deletes the row and inserts a new rowid, losing its place.
  putMapping: `
    INSERT INTO event_source_mappings (uuid, queue_name, function_name, settings, declared, last_modified_ms)
    VALUES (@uuid, @queue_name, @function_name, @settings, @declared, @last_modified_ms)
    ON CONFLICT (uuid) DO UPDATE SET
      queue_name = excluded.queue_name, function_name = excluded.function_name, settings = excluded.settings,
      declared = excluded.declared, last_modified_ms = excluded.last_modified_ms`,
  deleteMapping: "DELETE FROM event_source_mappings WHERE uuid = ?",
  listMappings: "SELECT * FROM event_source_mappings ORDER BY rowid",
  putInvokeConfig: `
    INSERT INTO event_invoke_configs (function_name, settings, declared, last_modified_ms)
    VALUES (@function_name, @settings, @declared, @last_modified_ms)
    ON CONFLICT (function_name) DO UPDATE SET
      settings = excluded.settings, declared = excluded.declared, last_modified_ms = excluded.last_modified_ms`,
  invokeConfigByFunction: "SELECT * FROM event_invoke_configs WHERE function_name = ?",
  deleteInvokeConfig: "DELETE FROM event_invoke_configs WHERE function_name = ?",
});

function toMapping(row: MappingRow): StoredEventSourceMapping {
  return {
    uuid: row.uuid,
    queueName: row.queue_name,
    functionName: row.function_name,
    settings: JSON.parse(row.settings),
    lastModifiedMs: row.last_modified_ms,
    ...(row.declared === null ? {} : { declared: JSON.parse(row.declared) }),
  };
}

function toInvokeConfig(row: InvokeConfigRow): StoredEventInvokeConfig {
  return {
    functionName: row.function_name,
    settings: JSON.parse(row.settings),
    declared: JSON.parse(row.declared),
    lastModifiedMs: row.last_modified_ms,
  };
}

/** The FunctionSettingsStore on SQLite: its writes go through the group commit the other stores share. */
export class SqliteFunctionSettingsStore implements FunctionSettingsStore {
  readonly #db: Database;
  readonly #commits: GroupCommit;
  readonly #statements: { readonly [K in keyof typeof FUNCTION_SETTINGS_SQL]: Statement };

  /** Uses an open, migrated database and the group commit that owns its writes. */
  constructor(db: Database, commits: GroupCommit) {
    this.#db = db;
    this.#commits = commits;
    this.#statements = Object.fromEntries(
      Object.entries(FUNCTION_SETTINGS_SQL).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as { [K in keyof typeof FUNCTION_SETTINGS_SQL]: Statement };
  }

  async putEventSourceMapping(mapping: StoredEventSourceMapping): Promise<void> {
    const row: MappingRow = {
      uuid: mapping.uuid,
      queue_name: mapping.queueName,
      function_name: mapping.functionName,
      settings: JSON.stringify(mapping.settings),
      declared: mapping.declared === undefined ? null : JSON.stringify(mapping.declared),
      last_modified_ms: mapping.lastModifiedMs,
    };
    await this.#commits.submit(() => this.#statements.putMapping.run(row));
  }

  deleteEventSourceMapping(uuid: string): Promise<boolean> {
    return this.#commits.submit(() => this.#statements.deleteMapping.run(uuid).changes > 0);
  }

  async listEventSourceMappings(): Promise<StoredEventSourceMapping[]> {
    this.#assertOpen();
    return (this.#statements.listMappings.all() as MappingRow[]).map(toMapping);
  }

  async putEventInvokeConfig(config: StoredEventInvokeConfig): Promise<void> {
    const row: InvokeConfigRow = {
      function_name: config.functionName,
      settings: JSON.stringify(config.settings),
      declared: JSON.stringify(config.declared),
      last_modified_ms: config.lastModifiedMs,
    };
    await this.#commits.submit(() => this.#statements.putInvokeConfig.run(row));
  }

  async getEventInvokeConfig(functionName: string): Promise<StoredEventInvokeConfig | undefined> {
    this.#assertOpen();
    const row = this.#statements.invokeConfigByFunction.get(functionName) as InvokeConfigRow | undefined;
    return row === undefined ? undefined : toInvokeConfig(row);
  }

  deleteEventInvokeConfig(functionName: string): Promise<boolean> {
    return this.#commits.submit(() => this.#statements.deleteInvokeConfig.run(functionName).changes > 0);
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error("The SQLite store is closed.");
  }
}
