import type { Database } from "better-sqlite3";
import { afterEach, describe, expect, test, vi } from "vitest";
import { startWalCheckpoints } from "./wal-checkpoints.js";

describe("startWalCheckpoints", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Just enough of a Database to see which pragmas run. */
  function recordingDatabase(memory: boolean): { db: Database; pragmas: string[] } {
    const pragmas: string[] = [];
    const db = { memory, pragma: (source: string) => pragmas.push(source) } as unknown as Database;
    return { db, pragmas };
  }

  test("a PASSIVE checkpoint runs every interval until stopped", () => {
    vi.useFakeTimers();
    const { db, pragmas } = recordingDatabase(false);
    const stop = startWalCheckpoints(db, 1_000);
    vi.advanceTimersByTime(999);
    expect(pragmas).toEqual([]);
    vi.advanceTimersByTime(2_001);
    expect(pragmas).toEqual([
      "wal_checkpoint(PASSIVE)",
      "wal_checkpoint(PASSIVE)",
      "wal_checkpoint(PASSIVE)",
    ]);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(pragmas).toHaveLength(3);
  });

  test("an in-memory database has no WAL and gets no timer", () => {
    vi.useFakeTimers();
    const { db, pragmas } = recordingDatabase(true);
    startWalCheckpoints(db, 1_000);
    vi.advanceTimersByTime(10_000);
    expect(pragmas).toEqual([]);
  });
});
