import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { describeIdempotencyStoreContract } from "../idempotency-store.contract.js";
import type { IdempotencyRecordInput } from "../idempotency-store.js";
import { queryPlan } from "../store-fixtures.js";
import { migrate } from "./migrations.js";
import { createSqliteIdempotencyStore, IDEMPOTENCY_SQL } from "./sqlite-idempotency-store.js";
import { createSqliteStores } from "./sqlite-stores.js";

describeIdempotencyStoreContract("sqlite", async () => {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
  const { idempotency, close } = createSqliteStores({ dataDirectory: directory });
  return {
    store: idempotency,
    close: async () => {
      await close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describeIdempotencyStoreContract("sqlite, a connection of its own", async () => {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
  const { store, close } = createSqliteIdempotencyStore({ dataDirectory: directory });
  return {
    store,
    close: async () => {
      await close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe("SqliteIdempotencyStore", () => {
  const record = (key: string, payloadHash: string): IdempotencyRecordInput => ({
    key,
    status: "INPROGRESS",
    expiresAtSeconds: 2_000_000_000,
    inProgressExpiresAtMs: 2_000_000_000_000,
    payloadHash,
  });

  async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
    try {
      await run(directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  test("connections on one file see one set of records: of their concurrent puts one is stored", () =>
    withDirectory(async (directory) => {
      const switchyard = createSqliteStores({ dataDirectory: directory });
      const handlers = [1, 2, 3].map(() => createSqliteIdempotencyStore({ dataDirectory: directory }));
      try {
        const stores = [switchyard.idempotency, ...handlers.map((handle) => handle.store)];
        const results = await Promise.all(
          stores.map((store, i) => store.putIfAvailable(record("fn#race", `connection-${i}`), 1_000)),
        );
        const winners = results.flatMap((result, i) => (result.stored ? [i] : []));
        expect(winners).toHaveLength(1);
        const stored = record("fn#race", `connection-${winners[0]}`);
        for (const result of results) if (!result.stored) expect(result.existing).toEqual(stored);
        for (const store of stores) expect(await store.get("fn#race")).toEqual(stored);
      } finally {
        await Promise.all([switchyard.close(), ...handlers.map((handle) => handle.close())]);
      }
    }));

  test("records survive a restart", () =>
    withDirectory(async (directory) => {
      const first = createSqliteIdempotencyStore({ dataDirectory: directory });
      await first.store.putIfAvailable(record("fn#a", "h"), 1_000);
      await first.store.update({ key: "fn#a", status: "COMPLETED", responseData: '{"n":1}' });
      await first.close();
      const second = createSqliteStores({ dataDirectory: directory });
      expect(await second.idempotency.get("fn#a")).toEqual({
        ...record("fn#a", "h"),
        status: "COMPLETED",
        responseData: '{"n":1}',
      });
      await second.close();
    }));

  test("a get and a delete find their record through the primary key", () => {
    const db = new Sqlite(":memory:");
    migrate(db);
    const plan = (sql: string, params: unknown) => queryPlan(db, sql, params);
    for (const sql of [IDEMPOTENCY_SQL.byKey, IDEMPOTENCY_SQL.delete]) {
      expect(plan(sql, "fn#a")).toMatch(
        /SEARCH idempotency_records USING INDEX sqlite_autoindex_idempotency_records_1 \(idempotency_key=\?\)/,
      );
    }
    db.close();
  });
});
