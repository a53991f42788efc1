import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { createTempDirectory } from "../store-fixtures.js";
import { openDatabase } from "./open-database.js";
import { IN_MEMORY, resolveSqliteOptions, SQLITE_DEFAULTS, type SqliteOptions } from "./sqlite-options.js";

describe("openDatabase", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function open(options: Partial<SqliteOptions> = {}): Database {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    const db = openDatabase(resolveSqliteOptions({ dataDirectory: directory.path, ...options }));
    cleanups.push(() => db.close());
    return db;
  }

  const pragma = (db: Database, name: string) => db.pragma(name, { simple: true });

  test("a data directory is created and holds switchyard.db, in WAL mode", () => {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    const dataDirectory = join(directory.path, "nested", ".switchyard");
    const db = openDatabase(resolveSqliteOptions({ dataDirectory }));
    cleanups.push(() => db.close());
    expect(db.name).toBe(join(dataDirectory, "switchyard.db"));
    expect(existsSync(db.name)).toBe(true);
    expect(pragma(db, "journal_mode")).toBe("wal");
  });

  test("durability defaults to synchronous NORMAL (1)", () => {
    expect(SQLITE_DEFAULTS.durability).toBe("normal");
    expect(pragma(open(), "synchronous")).toBe(1);
  });

  test("the WAL is checkpointed every 100 ms at NORMAL and every second at FULL unless told otherwise", () => {
    expect(resolveSqliteOptions({ dataDirectory: "x" }).checkpointIntervalMs).toBe(100);
    expect(resolveSqliteOptions({ dataDirectory: "x", durability: "full" }).checkpointIntervalMs).toBe(1_000);
    expect(
      resolveSqliteOptions({ dataDirectory: "x", durability: "full", checkpointIntervalMs: 50 })
        .checkpointIntervalMs,
    ).toBe(50);
  });

  test('durability "full" sets synchronous FULL (2)', () => {
    expect(pragma(open({ durability: "full" }), "synchronous")).toBe(2);
  });

  test("automatic checkpoints are off (a timer runs them) and the busy timeout is set", () => {
    const db = open({ busyTimeoutMs: 1_234 });
    expect(pragma(db, "wal_autocheckpoint")).toBe(0);
    expect(pragma(db, "busy_timeout")).toBe(1_234);
  });

  test("IN_MEMORY opens a throwaway database with the schema", () => {
    const db = openDatabase(resolveSqliteOptions({ dataDirectory: IN_MEMORY }));
    cleanups.push(() => db.close());
    expect(db.memory).toBe(true);
    expect(db.prepare("SELECT count(*) AS n FROM queues").pluck().get()).toBe(0);
  });

  test.each([
    { dataDirectory: "" },
    { dataDirectory: "x", durability: "paranoid" as "full" },
    { dataDirectory: "x", busyTimeoutMs: -1 },
    { dataDirectory: "x", checkpointIntervalMs: 0 },
  ])("options that cannot work are refused: %o", (options) => {
    expect(() => resolveSqliteOptions(options)).toThrow(ValidationError);
  });
});
