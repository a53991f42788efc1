import Sqlite, { type Database } from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { createTempDirectory } from "../store-fixtures.js";
import { GroupCommit } from "./group-commit.js";
import { databasePath } from "./open-database.js";

describe("GroupCommit", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** A writer and a second connection that sees only what the writer has committed. */
  function open(): { db: Database; reader: Database; commits: GroupCommit } {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    const db = new Sqlite(databasePath(directory.path));
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (v TEXT NOT NULL)");
    const reader = new Sqlite(databasePath(directory.path));
    cleanups.push(
      () => db.close(),
      () => reader.close(),
    );
    return { db, reader, commits: new GroupCommit(db) };
  }

  const values = (db: Database) => db.prepare("SELECT v FROM t ORDER BY rowid").pluck().all();

  test("the writes of one turn commit together in one transaction", async () => {
    const { db, reader, commits } = open();
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    const seenByReader: unknown[][] = [];
    const results = await Promise.all([
      commits.submit(() => insert.run("a").changes),
      commits.submit(() => insert.run("b").changes),
      commits.submit(() => {
        seenByReader.push(values(reader));
        return db.inTransaction;
      }),
    ]);
    expect(results).toEqual([1, 1, true]);
    // While the last write ran, the first two were written but not committed: one transaction.
    expect(seenByReader).toEqual([[]]);
    expect(values(reader)).toEqual(["a", "b"]);
  });

  test("a write that throws is rolled back and rejects alone; the others commit", async () => {
    const { db, reader, commits } = open();
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    const results = await Promise.allSettled([
      commits.submit(() => insert.run("kept")),
      commits.submit(() => {
        insert.run("rolled back");
        throw new Error("refused");
      }),
      commits.submit(() => insert.run("also kept")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(results[1]).toMatchObject({ reason: new Error("refused") });
    expect(values(reader)).toEqual(["kept", "also kept"]);
  });

  test("a batch runs each write once; one that throws makes the batch run again, write by write", async () => {
    const { db, reader, commits } = open();
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    const runs = { a: 0, b: 0, refused: 0 };
    await Promise.all([
      commits.submit(() => insert.run(`a${++runs.a}`)),
      commits.submit(() => insert.run(`b${++runs.b}`)),
    ]);
    expect(runs).toEqual({ a: 1, b: 1, refused: 0 });
    await Promise.allSettled([
      commits.submit(() => insert.run(`a${++runs.a}`)),
      commits.submit(() => {
        runs.refused++;
        throw new Error("refused");
      }),
    ]);
    // The first run's insert of a2 was rolled back with the batch; the second run inserted a3 for good.
    expect(runs).toEqual({ a: 3, b: 1, refused: 2 });
    expect(values(reader)).toEqual(["a1", "b1", "a3"]);
  });

  test("an error that ends the whole transaction rejects every write of the batch", async () => {
    const { db, reader, commits } = open();
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    const results = await Promise.allSettled([
      commits.submit(() => insert.run("lost")),
      commits.submit(() => {
        // What SQLite does itself on SQLITE_FULL or SQLITE_IOERR: the transaction is gone.
        db.exec("ROLLBACK");
        throw new Error("disk full");
      }),
      commits.submit(() => insert.run("never run")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(values(reader)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  test("a write submitted after a batch has gone goes into the next one", async () => {
    const { db, reader, commits } = open();
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    await commits.submit(() => insert.run("first"));
    expect(values(reader)).toEqual(["first"]);
    await commits.submit(() => insert.run("second"));
    expect(values(reader)).toEqual(["first", "second"]);
  });

  test("close() commits what is pending and refuses later writes", async () => {
    const { db, reader, commits } = open();
    const pending = commits.submit(() => db.prepare("INSERT INTO t (v) VALUES ('pending')").run().changes);
    commits.close();
    expect(values(reader)).toEqual(["pending"]);
    await expect(pending).resolves.toBe(1);
    await expect(commits.submit(() => 1)).rejects.toThrow(/closed/);
  });

  test("caches hear of another connection's commits (at a batch and when asked), not of their own", async () => {
    const { db, reader, commits } = open();
    let resets = 0;
    commits.onReset(() => resets++);
    await commits.submit(() => db.prepare("INSERT INTO t (v) VALUES ('own')").run());
    commits.noticeOtherWriters();
    expect(resets).toBe(0);
    reader.prepare("INSERT INTO t (v) VALUES ('other')").run();
    commits.noticeOtherWriters();
    commits.noticeOtherWriters();
    expect(resets).toBe(1);
    reader.prepare("INSERT INTO t (v) VALUES ('other again')").run();
    await commits.submit(() => db.prepare("INSERT INTO t (v) VALUES ('own again')").run());
    expect(resets).toBe(2);
  });
});
