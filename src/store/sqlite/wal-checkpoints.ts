import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/**
 * The checkpointer's code. It runs in a worker thread on a connection of its own, so copying the WAL into
 * the database file — and, at NORMAL durability, the fsyncs that go with it — never holds the event loop that
 * serves requests (measured: 80–100 ms per checkpoint at NORMAL under load, when it ran on the main thread).
 * PASSIVE never waits for readers or writers (https://www.sqlite.org/pragma.html#pragma_wal_checkpoint);
 * what it cannot copy now it copies next time. A failing checkpoint (a failing disk) is reported to the
 * main thread, which throws it.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Sqlite = require(workerData.driverPath);
const db = new Sqlite(workerData.path, { timeout: workerData.busyTimeoutMs });
db.pragma("synchronous = " + workerData.synchronous);
db.pragma("wal_autocheckpoint = 0");
db.pragma("journal_size_limit = " + workerData.journalSizeLimitBytes);
const timer = setInterval(() => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ checkpointed: result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** How the checkpointer opens its own connection. */
export interface WalCheckpointOptions {
  readonly intervalMs: number;
  readonly synchronous: "NORMAL" | "FULL";
  readonly journalSizeLimitBytes: number;
  readonly busyTimeoutMs: number;
  /** Told after every checkpoint (tests wait on it): SQLite's [busy, log frames, checkpointed frames]. */
  readonly onCheckpoint?: (result: { busy: number; log: number; checkpointed: number }) => void;
}

/**
 * Starts a PASSIVE WAL checkpoint every interval, in a worker thread on its own connection to the database
 * file, so the WAL stays about one interval of writes long. An in-memory database has no WAL and gets none.
 * Returns a function that stops it (and resolves once the worker's connection is closed).
 */
export function startWalCheckpoints(db: Database, options: WalCheckpointOptions): () => Promise<void> {
  if (db.memory) return async () => {};
  const worker = new Worker(CHECKPOINTER_SOURCE, {
    eval: true,
    // Plain CommonJS: none of the parent's flags (a loader, --input-type=module) apply to this code.
    execArgv: [],
    workerData: {
      driverPath: createRequire(import.meta.url).resolve("better-sqlite3"),
      path: db.name,
      intervalMs: options.intervalMs,
      synchronous: options.synchronous,
      journalSizeLimitBytes: options.journalSizeLimitBytes,
      busyTimeoutMs: options.busyTimeoutMs,
    },
  });
  worker.on(
    "message",
    (message: { checkpointed?: { busy: number; log: number; checkpointed: number }; error?: string }) => {
      if (message.error !== undefined) throw new Error(`WAL checkpoint failed: ${message.error}`);
      if (message.checkpointed !== undefined) options.onCheckpoint?.(message.checkpointed);
    },
  );
  worker.on("error", (error) => {
    throw error;
  });
  // The checkpointer alone must not keep the process alive.
  worker.unref();
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      // Held again while it stops, so a caller awaiting close() keeps the process alive until it has.
      worker.ref();
      worker.postMessage("stop");
    });
    return stopped;
  };
}
