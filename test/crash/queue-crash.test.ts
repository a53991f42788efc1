/**
 * Crash test of ARCHITECTURE.md's first invariant on the SQLite store: a `kill -9` at any instant loses
 * no acknowledged message, and what was received but not deleted becomes visible again when its
 * visibility timeout ends.
 *
 * A worker process (queue-worker.ts) sends and receives on one data directory and is killed with SIGKILL
 * at seeded random moments — during startup (open, WAL recovery, migration, CreateQueue) and 50–400 ms
 * into its work — then started again on the same directory. Afterwards the queue is drained in-process,
 * past the visibility timeout, and what is left is compared with what the workers reported.
 *
 * The worker writes `ACK <body>` only after SendMessage's promise resolved, because the resolved
 * promise is the acknowledgement: it is what an SQS client's 200 is made of. A line written before it
 * would claim a promise the store never made (the test would then blame the store for its own lie);
 * written after, a body with an ACK that is missing at the end is a write the store reported committed
 * and then lost. Likewise `DEL` follows a resolved delete, and `SEND` / `DELETING` precede the calls,
 * so a body may vanish only if a delete of it was at least attempted.
 *
 * What a process kill cannot show: durability "full" differs from "normal" only on a power loss or OS
 * crash, so both runs prove the same process-crash property.
 *
 * Every run prints its seed; `CRASH_TEST_SEED=<seed> npx vitest run test/crash` replays the kill
 * schedule and the workers' choices (not the OS's timing).
 */
import { describe, expect } from "vitest";
import type { Durability } from "../../src/store/sqlite/index.js";
import {
  CRASH_QUEUE_NAME,
  CRASH_VISIBILITY_TIMEOUT_SECONDS,
  openQueueService,
  QUEUE_WORKER_PATH,
} from "./queue-worker.js";
import { examples, testKillsAtEachDurability } from "./support/crash-test.js";
import { type DrainReport, drainQueue } from "./support/drain-queue.js";
import { WorkerLine } from "./support/worker-process.js";

/** Kills per durability. */
const KILLS = 20;

/** Everything the workers reported, over all runs on one data directory. */
class Ledger {
  readonly sent = new Set<string>();
  readonly acked = new Set<string>();
  readonly deleting = new Set<string>();
  readonly deleted = new Set<string>();
  /** How many times each body was received by a worker. */
  readonly receives = new Map<string, number>();

  record(kind: WorkerLine, body: string): void {
    switch (kind) {
      case WorkerLine.Ready:
        return;
      case WorkerLine.Send:
        this.sent.add(body);
        return;
      case WorkerLine.Ack:
        this.acked.add(body);
        return;
      case WorkerLine.Got:
        this.receives.set(body, (this.receives.get(body) ?? 0) + 1);
        return;
      case WorkerLine.Deleting:
        this.deleting.add(body);
        return;
      case WorkerLine.Del:
        this.deleted.add(body);
        return;
    }
  }
}

/** Drains the crash queue in-process: see drainQueue. */
async function drain(dataDirectory: string, durability: Durability): Promise<DrainReport> {
  const { sqs, close } = openQueueService(dataDirectory, durability);
  try {
    return await drainQueue(sqs, CRASH_QUEUE_NAME, CRASH_VISIBILITY_TIMEOUT_SECONDS);
  } finally {
    await close();
  }
}

describe("a kill -9 at any instant", () => {
  testKillsAtEachDurability(
    (durability) =>
      `loses no acknowledged message and brings back what was received but not deleted (durability ${durability})`,
    {
      workerPath: QUEUE_WORKER_PATH,
      kills: KILLS,
      directoryPrefix: "switchyard-crash",
      createLedger: () => new Ledger(),
    },
    async ({ durability, dataDirectory, kills, description }, ledger) => {
      const drainedAtMs = Date.now();
      const { messages, emptied } = await drain(dataDirectory, durability);
      const totalMs = kills.durationMs + (Date.now() - drainedAtMs);
      const drained = new Map<string, number>();
      for (const { body } of messages) drained.set(body, (drained.get(body) ?? 0) + 1);

      const lost = [...ledger.acked].filter((body) => !drained.has(body) && !ledger.deleting.has(body));
      const notReturned = [...ledger.receives.keys()].filter(
        (body) => !ledger.deleting.has(body) && !drained.has(body),
      );
      const resurrected = [...ledger.deleted].filter((body) => drained.has(body));
      const phantoms = [...new Set([...ledger.receives.keys(), ...drained.keys()])].filter(
        (body) => !ledger.sent.has(body),
      );
      const doubled = [...drained].filter(([, count]) => count > 1).map(([body]) => body);
      const duplicates = [...ledger.receives].filter(
        ([body, count]) => count + (drained.get(body) ?? 0) > 1,
      ).length;
      const committedUnacknowledged = [...ledger.sent].filter(
        (body) => !ledger.acked.has(body) && (ledger.receives.has(body) || drained.has(body)),
      ).length;
      const keptAndReturned = [...ledger.receives.keys()].filter(
        (body) => !ledger.deleting.has(body) && drained.has(body),
      ).length;

      console.log(
        `crash test, ${description}; ` +
          `${ledger.sent.size} sent, ${ledger.acked.size} acknowledged, ${lost.length} lost, ` +
          `${committedUnacknowledged} committed but killed before their ACK; ` +
          `${ledger.receives.size} received by workers, ${keptAndReturned} received-undeleted and back in the ` +
          `queue, ${duplicates} received more than once; drained ${drained.size} ` +
          `(queue ${emptied ? "emptied" : "NOT emptied"}); kill loop ${(kills.durationMs / 1000).toFixed(1)} s, ` +
          `total ${(totalMs / 1000).toFixed(1)} s`,
      );

      expect(ledger.acked.size, "the workers acknowledged no message at all").toBeGreaterThan(0);
      expect(emptied, "the queue was not empty when the drain ran out of time").toBe(true);
      expect.soft(lost.length, `acknowledged, never deleted, not in the queue: ${examples(lost)}`).toBe(0);
      expect
        .soft(notReturned.length, `received, never deleted, not back in the queue: ${examples(notReturned)}`)
        .toBe(0);
      expect
        .soft(resurrected.length, `deleted (acknowledged), yet in the queue: ${examples(resurrected)}`)
        .toBe(0);
      expect.soft(phantoms.length, `in the queue but never sent: ${examples(phantoms)}`).toBe(0);
      expect.soft(doubled.length, `in the queue more than once: ${examples(doubled)}`).toBe(0);
    },
  );
});
