import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { describeArchiveStoreContract } from "../archive-store.contract.js";
import { queryPlan } from "../store-fixtures.js";
import { migrate } from "./migrations.js";
import { ARCHIVE_SQL } from "./sqlite-archive-store.js";
import { createSqliteStores } from "./sqlite-stores.js";

describeArchiveStoreContract("sqlite", async () => {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-archive-"));
  const { archives, close } = createSqliteStores({ dataDirectory: directory });
  return {
    store: archives,
    close: async () => {
      await close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe("SqliteArchiveStore", () => {
  test("archived events and replays survive a restart", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-archive-"));
    try {
      const first = createSqliteStores({ dataDirectory: directory });
      await first.archives.putArchive({ name: "all", bus: "orders", retentionDays: 0, createdAtMs: 1 });
      await first.archives.append([{ archive: "all", archivedAtMs: 5, event: '{"id":"a"}' }]);
      await first.archives.putReplay({
        name: "r",
        archive: "all",
        bus: "orders",
        eventStartMs: 0,
        eventEndMs: 10,
        state: "RUNNING",
        startedAtMs: 6,
      });
      await first.close();
      const second = createSqliteStores({ dataDirectory: directory });
      expect(await second.archives.read({ archive: "all", fromMs: 0, toMs: 10, limit: 5 })).toEqual([
        { archive: "all", archivedAtMs: 5, sequence: 1, event: '{"id":"a"}' },
      ]);
      expect((await second.archives.getReplay("r"))?.state).toBe("RUNNING");
      await second.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("replays and expiry read archived events through the time index, without a sort", () => {
    const db = new Sqlite(":memory:");
    migrate(db);
    const plan = (sql: string, params: unknown) => queryPlan(db, sql, params);
    const window = plan(ARCHIVE_SQL.readWindow, {
      archive: "a",
      from_ms: 0,
      to_ms: 10,
      after_ms: 0,
      after_sequence: 0,
      limit: 5,
    });
    expect(window).toMatch(/^SEARCH archived_events USING INDEX archived_events_by_time \(archive=\?/);
    expect(window).not.toMatch(/SCAN|TEMP B-TREE/);
    const expiring = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${ARCHIVE_SQL.expiring}`)
      .all("a", 10, 5)
      .map((row) => row.detail)
      .join("\n");
    expect(expiring).toMatch(/archived_events_by_time/);
    expect(expiring).not.toMatch(/SCAN|TEMP B-TREE/);
    db.close();
  });
});
