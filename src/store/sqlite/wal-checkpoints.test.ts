import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { startWalCheckpoints, type WalCheckpointOptions } from "./wal-checkpoints.js";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A WAL database with checkpoints left to the checkpointer, holding `rows` rows only in its WAL. */
function walDatabase(rows: number) {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-wal-"));
  directories.push(directory);
  const path = join(directory, "switchyard.db");
  const db = new Sqlite(path);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (x TEXT)");
  const insert = db.prepare("INSERT INTO t (x) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run("x".repeat(200));
  })();
  return { db, path };
}

const options = (onCheckpoint: WalCheckpointOptions["onCheckpoint"]): WalCheckpointOptions => ({
  intervalMs: 20,
  synchronous: "NORMAL",
  journalSizeLimitBytes: 1024 * 1024,
  busyTimeoutMs: 1_000,
  ...(onCheckpoint === undefined ? {} : { onCheckpoint }),
});

describe("startWalCheckpoints", () => {
  test("a worker thread copies the WAL into the database file, on a connection of its own", async () => {
    const { db, path } = walDatabase(2_000);
    const sizeBefore = statSync(path).size;
    const checkpointed = new Promise<{ log: number; checkpointed: number }>((resolve) => {
      const stop = startWalCheckpoints(
        db,
        options((result) => {
          if (result.log > 0) void stop().then(() => resolve(result));
        }),
      );
    });
    const result = await checkpointed;
    expect(result.checkpointed).toBe(result.log);
    // The rows now live in the database file itself.
    expect(statSync(path).size).toBeGreaterThan(sizeBefore + 2_000 * 200);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2_000 });
    db.close();
  });

  test("an in-memory database has no WAL and gets no checkpointer", async () => {
    const db = new Sqlite(":memory:");
    let calls = 0;
    const stop = startWalCheckpoints(
      db,
      options(() => calls++),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stop();
    expect(calls).toBe(0);
    db.close();
  });
});

describe("closing a store", () => {
  test("a script that ends by awaiting close() exits normally, the checkpointer's connection closed", () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-wal-"));
    directories.push(directory);
    const script = `
      import { createSqliteStores } from ${JSON.stringify(new URL("./sqlite-stores.ts", import.meta.url).href)};
      const stores = createSqliteStores({ dataDirectory: ${JSON.stringify(directory)} });
      await stores.close();
      console.log("closed");
    `;
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(output.trim()).toBe("closed");
  });
});
