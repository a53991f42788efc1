import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Sqlite from "better-sqlite3";
import { expect, test } from "vitest";
import { DATABASE_FILE_NAME } from "../../store/sqlite/sqlite-options.js";
import { createSqliteStores } from "../../store/sqlite/sqlite-stores.js";
import { RACE_SLOTS, type RaceWorkerData, type RaceWorkerMessage } from "./race-worker.js";

// Each round is a fresh key; a put that read and then wrote outside the write lock was caught within 30.
const ROUNDS = 30;
const WORKERS = 2;

/** tsx's ESM API (from its exports map: its CommonJS build cannot be imported), so a worker runs TypeScript. */
function tsxApiUrl(): string {
  const manifestPath = createRequire(import.meta.url).resolve("tsx/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = manifest.exports["./esm/api"]?.import.default;
  if (entry === undefined) throw new Error("tsx has no ./esm/api export");
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

function startWorker(data: RaceWorkerData): Worker {
  const entry = new URL("./race-worker.ts", import.meta.url).href;
  const source = `const { register } = await import(${JSON.stringify(tsxApiUrl())}); register();
await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: data });
}

test("one event delivered at once to two worker threads, each on its own connection, runs once", async () => {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
  // Switchyard's own connection is open too, as it would be while it runs the functions.
  const switchyard = createSqliteStores({ dataDirectory: directory });
  const shared = new SharedArrayBuffer(ROUNDS * RACE_SLOTS.size * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(shared);
  const workers = Array.from({ length: WORKERS }, () =>
    startWorker({ role: "race-worker", dataDirectory: directory, rounds: ROUNDS, shared }),
  );
  try {
    const messages: RaceWorkerMessage[] = [];
    const waiters: (() => void)[] = [];
    const failures = workers.map(
      (worker) =>
        new Promise<never>((_, reject) => {
          worker.on("error", reject);
          worker.on("message", (message: RaceWorkerMessage) => {
            messages.push(message);
            for (const wake of waiters.splice(0)) wake();
          });
        }),
    );
    const until = async (done: () => boolean) => {
      while (!done()) {
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), ...failures]);
      }
    };
    const ofRound = (round: number, type: RaceWorkerMessage["type"]) =>
      messages.filter((m) => m.round === round && m.type === type);

    for (let round = 0; round < ROUNDS; round++) {
      await until(() => ofRound(round, "ready").length === WORKERS);
      Atomics.store(slots, round * RACE_SLOTS.size + RACE_SLOTS.go, 1);
      Atomics.notify(slots, round * RACE_SLOTS.size + RACE_SLOTS.go);
      await until(() => ofRound(round, "answered").length + ofRound(round, "failed").length === WORKERS);

      expect(Atomics.load(slots, round * RACE_SLOTS.size + RACE_SLOTS.sideEffects), `round ${round}`).toBe(1);
      expect(ofRound(round, "answered")).toEqual([
        { type: "answered", round, result: { charged: `order-${round}` } },
      ]);
      expect(ofRound(round, "failed")).toEqual([
        { type: "failed", round, errorName: "IdempotencyAlreadyInProgressError" },
      ]);
    }
    // Switchyard's connection reads the records the workers wrote: one per key, COMPLETED with its result.
    const reader = new Sqlite(join(directory, DATABASE_FILE_NAME), { readonly: true });
    const rows = reader.prepare("SELECT status, response_data FROM idempotency_records").all();
    reader.close();
    expect(rows).toHaveLength(ROUNDS);
    for (const row of rows) expect(row).toMatchObject({ status: "COMPLETED" });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await switchyard.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
