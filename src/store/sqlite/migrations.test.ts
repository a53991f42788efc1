import Sqlite, { type Database } from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { createTempDirectory } from "../store-fixtures.js";
import { MIGRATIONS, migrate, SCHEMA_VERSION, userVersion } from "./migrations.js";
import { databasePath } from "./open-database.js";

describe("migrate", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function openFile(path: string): Database {
    const db = new Sqlite(path);
    cleanups.push(() => db.close());
    return db;
  }

  function tempFile(): string {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    return databasePath(directory.path);
  }

  const schema = (db: Database) =>
    db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").all();

  test("a new database gets every migration and the latest version", () => {
    const db = openFile(tempFile());
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
  });

  test("reopening applies nothing and leaves schema and data as they were", () => {
    const path = tempFile();
    const first = openFile(path);
    migrate(first);
    first
      .prepare(
        "INSERT INTO queues (name, fifo, attributes, tags, created_at_ms, updated_at_ms) VALUES ('q', 0, '{}', '{}', 1, 1)",
      )
      .run();
    const before = schema(first);
    first.close();
    const second = openFile(path);
    expect(migrate(second)).toEqual([]);
    expect(migrate(second)).toEqual([]);
    expect(schema(second)).toEqual(before);
    expect(userVersion(second)).toBe(SCHEMA_VERSION);
    expect(second.prepare("SELECT name FROM queues").pluck().all()).toEqual(["q"]);
  });

  test("a migration that fails is rolled back whole, with the version where it was", () => {
    const db = openFile(tempFile());
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        description: "half a migration",
        sql: "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);",
      },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").get()).toBeUndefined();
  });

  test("a database written by a newer Switchyard is refused", () => {
    const db = openFile(tempFile());
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this Switchyard/);
  });
});

describe("migration 4: compact messages", () => {
  test("messages stored before it keep their ids and order; the sent-at index is gone", async () => {
    const db = new Sqlite(":memory:");
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    db.prepare(
      `INSERT INTO queues (name, fifo, attributes, tags, created_at_ms, updated_at_ms, next_sequence, message_count)
       VALUES ('q', 0, '{}', '{}', 1, 1, 3, 2)`,
    ).run();
    const queueId = (db.prepare("SELECT id FROM queues").get() as { id: number }).id;
    const insert = db.prepare(
      `INSERT INTO messages (queue_id, sequence, visible_at_ms, receive_count, sent_at_ms, expires_at_ms, message_id, body)
       VALUES (?, ?, 0, 0, 1, 99, ?, ?)`,
    );
    insert.run(queueId, 1, "3f0e5c43-8d3a-4c1e-9a53-6a2f1f0f7f10", "first");
    insert.run(queueId, 2, "m-2", "second");
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 4),
      ),
    ).toEqual([4]);
    const rows = db.prepare("SELECT sequence, message_id, body FROM messages ORDER BY sequence").all();
    expect(rows).toEqual([
      { sequence: 1, message_id: "3f0e5c43-8d3a-4c1e-9a53-6a2f1f0f7f10", body: "first" },
      { sequence: 2, message_id: "m-2", body: "second" },
    ]);
    const indexes = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'messages' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(indexes).toEqual([
      "messages_by_expiry",
      "messages_by_group",
      "messages_by_visibility",
      "messages_in_flight_by_group",
      "sqlite_autoindex_messages_1",
    ]);
    db.close();
  });
});
