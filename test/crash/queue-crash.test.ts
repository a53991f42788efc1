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
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { createSystemClock } from "../../src/runtime/clock.js";
import { createRandomIds } from "../../src/runtime/ids.js";
import { createQueueService } from "../../src/runtime/queues/queue-service.js";
import { createSqliteQueueStore, Durability } from "../../src/store/sqlite/index.js";
import {
  CRASH_QUEUE_NAME,
  CRASH_VISIBILITY_TIMEOUT_SECONDS,
  QUEUE_WORKER_PATH,
  seededRandom,
  WorkerLine,
} from "./queue-worker.js";

/** Kills per durability. */
const KILLS = 20;
/** The share of kills aimed at a worker's startup rather than its work. */
const STARTUP_KILL_SHARE = 0.2;
/** A kill aimed at the work lands this long after the worker reported READY. */
const RUNNING_KILL_MIN_MS = 50;
const RUNNING_KILL_MAX_MS = 400;
/** What a startup kill aims within before the first worker has shown how long its startup takes. */
const FIRST_STARTUP_ESTIMATE_MS = 300;
/** A worker that has not reported READY by then is stuck: the test fails rather than hangs. */
const READY_TIMEOUT_MS = 20_000;
/** How long the final drain may take; it needs little more than one visibility timeout. */
const DRAIN_TIMEOUT_MS = 15_000 + CRASH_VISIBILITY_TIMEOUT_SECONDS * 1000;
/** The drain's own VisibilityTimeout: longer than the drain, so nothing it took comes back during it. */
const DRAIN_VISIBILITY_TIMEOUT_SECONDS = 60;
const TEST_TIMEOUT_MS = 120_000;
/** How many offending bodies an assertion message quotes. */
const EXAMPLES = 10;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const seed =
  process.env.CRASH_TEST_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.CRASH_TEST_SEED);
const liveWorkers = new Set<ChildProcessWithoutNullStreams>();
const dataDirectories: string[] = [];

afterAll(() => {
  for (const worker of liveWorkers) worker.kill("SIGKILL");
  liveWorkers.clear();
  for (const directory of dataDirectories) rmSync(directory, { recursive: true, force: true });
});

const WORKER_LINES: ReadonlySet<string> = new Set(Object.values(WorkerLine));

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

/** When to kill a worker: some time after it started, or after it reported READY. */
interface KillPlan {
  readonly after: "spawn" | "ready";
  readonly delayMs: number;
}

/** What one killed run reported. */
interface RunReport {
  readonly reachedReady: boolean;
  /** From spawn to the READY line arriving, when it did. */
  readonly startupMs: number | undefined;
  readonly sendsInFlight: number;
  readonly deletesInFlight: number;
}

/** Runs one worker until the plan's SIGKILL, feeding every line it wrote into the ledger. */
function runUntilKilled(
  dataDirectory: string,
  durability: Durability,
  runId: string,
  workerSeed: number,
  plan: KillPlan,
  ledger: Ledger,
): Promise<RunReport> {
  return new Promise((done, fail) => {
    const spawnedAtMs = Date.now();
    const worker = spawn(
      process.execPath,
      ["--import", "tsx", QUEUE_WORKER_PATH, dataDirectory, durability, runId, String(workerSeed)],
      { cwd: repoRoot, stdio: "pipe" },
    );
    liveWorkers.add(worker);
    const counts = new Map<WorkerLine, number>();
    let startupMs: number | undefined;
    let killed = false;
    let stuck = false;
    let unreadable: string | undefined;
    let partial = "";
    let stderr = "";
    const kill = () => {
      killed = true;
      worker.kill("SIGKILL");
    };
    let killTimer = plan.after === "spawn" ? setTimeout(kill, plan.delayMs) : undefined;
    const readyTimer = setTimeout(() => {
      stuck = startupMs === undefined;
      if (stuck) kill();
    }, READY_TIMEOUT_MS);

    worker.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const space = line.indexOf(" ");
        const kind = line.slice(0, space);
        if (space < 0 || !WORKER_LINES.has(kind)) {
          unreadable ??= line;
          kill();
          continue;
        }
        ledger.record(kind as WorkerLine, line.slice(space + 1));
        counts.set(kind as WorkerLine, (counts.get(kind as WorkerLine) ?? 0) + 1);
        if (kind === WorkerLine.Ready) {
          startupMs = Date.now() - spawnedAtMs;
          if (plan.after === "ready") killTimer = setTimeout(kill, plan.delayMs);
        }
      }
    });
    worker.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    worker.on("error", fail);
    worker.on("close", (code, signal) => {
      clearTimeout(killTimer);
      clearTimeout(readyTimer);
      liveWorkers.delete(worker);
      if (unreadable !== undefined) return fail(new Error(`worker ${runId} wrote "${unreadable}"`));
      if (stuck) return fail(new Error(`worker ${runId} did not report READY in ${READY_TIMEOUT_MS} ms`));
      if (!killed || signal !== "SIGKILL") {
        return fail(
          new Error(`worker ${runId} ended by itself (code ${code}, signal ${signal}):\n${stderr}`),
        );
      }
      // Each line is one write(2) of less than PIPE_BUF bytes, which a pipe never splits.
      if (partial !== "") return fail(new Error(`worker ${runId} left a torn line "${partial}"`));
      const count = (kind: WorkerLine) => counts.get(kind) ?? 0;
      done({
        reachedReady: count(WorkerLine.Ready) > 0,
        startupMs,
        sendsInFlight: count(WorkerLine.Send) - count(WorkerLine.Ack),
        deletesInFlight: count(WorkerLine.Deleting) - count(WorkerLine.Del),
      });
    });
  });
}

/** What the final drain found: how often each body was received, and whether the queue ended empty. */
interface DrainReport {
  readonly drained: Map<string, number>;
  readonly emptied: boolean;
}

/**
 * Receives and deletes until the queue is empty — nothing visible, in flight or delayed — which takes
 * until the last worker's in-flight messages have become visible again. Bounded by DRAIN_TIMEOUT_MS.
 */
async function drain(dataDirectory: string, durability: Durability): Promise<DrainReport> {
  const { store, close } = createSqliteQueueStore({ dataDirectory, durability });
  try {
    const sqs = createQueueService({
      store,
      clock: createSystemClock(),
      ids: createRandomIds(),
      account: "000000000000",
      region: "us-east-1",
    });
    const drained = new Map<string, number>();
    const deadlineMs = Date.now() + DRAIN_TIMEOUT_MS;
    while (Date.now() < deadlineMs) {
      const messages = await sqs.receiveMessage(CRASH_QUEUE_NAME, {
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: DRAIN_VISIBILITY_TIMEOUT_SECONDS,
      });
      if (messages.length > 0) {
        for (const { Body } of messages) drained.set(Body, (drained.get(Body) ?? 0) + 1);
        const result = await sqs.deleteMessageBatch(
          CRASH_QUEUE_NAME,
          messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
        );
        expect(result.Failed).toEqual([]);
        continue;
      }
      const attributes = await sqs.getQueueAttributes(CRASH_QUEUE_NAME, [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ]);
      if (Object.values(attributes).every((count) => count === "0")) return { drained, emptied: true };
    }
    return { drained, emptied: false };
  } finally {
    await close();
  }
}

function examples(bodies: readonly string[]): string {
  const shown = bodies.slice(0, EXAMPLES).join(", ");
  return bodies.length > EXAMPLES ? `${shown}, … (${bodies.length} in all)` : shown;
}

describe("a kill -9 at any instant", () => {
  const durabilities = [Durability.Normal, Durability.Full] as const;
  durabilities.forEach((durability, index) => {
    test(
      `loses no acknowledged message and brings back what was received but not deleted (durability ${durability})`,
      async () => {
        const testSeed = seed + index;
        const random = seededRandom(testSeed);
        const dataDirectory = mkdtempSync(join(tmpdir(), `switchyard-crash-${durability}-`));
        dataDirectories.push(dataDirectory);
        const startedAtMs = Date.now();
        const ledger = new Ledger();
        const kills = { startup: 0, running: 0, sendInFlight: 0, deleteInFlight: 0 };
        let startupEstimateMs = FIRST_STARTUP_ESTIMATE_MS;

        for (let run = 0; run < KILLS; run++) {
          const plan: KillPlan =
            random() < STARTUP_KILL_SHARE
              ? { after: "spawn", delayMs: Math.floor(random() * startupEstimateMs) }
              : {
                  after: "ready",
                  delayMs:
                    RUNNING_KILL_MIN_MS +
                    Math.floor(random() * (RUNNING_KILL_MAX_MS - RUNNING_KILL_MIN_MS + 1)),
                };
          const workerSeed = Math.floor(random() * 2 ** 32);
          const report = await runUntilKilled(dataDirectory, durability, `r${run}`, workerSeed, plan, ledger);
          startupEstimateMs = report.startupMs ?? startupEstimateMs;
          if (report.reachedReady) kills.running++;
          else kills.startup++;
          if (report.sendsInFlight > 0) kills.sendInFlight++;
          if (report.deletesInFlight > 0) kills.deleteInFlight++;
        }
        const killLoopMs = Date.now() - startedAtMs;
        const { drained, emptied } = await drain(dataDirectory, durability);
        const totalMs = Date.now() - startedAtMs;

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
          `crash test, durability ${durability}, seed ${testSeed} (replay: CRASH_TEST_SEED=${seed}): ` +
            `${KILLS} kills — ${kills.startup} during startup, ${kills.running} while running ` +
            `(${kills.sendInFlight} with a send in flight, ${kills.deleteInFlight} with a delete in flight); ` +
            `${ledger.sent.size} sent, ${ledger.acked.size} acknowledged, ${lost.length} lost, ` +
            `${committedUnacknowledged} committed but killed before their ACK; ` +
            `${ledger.receives.size} received by workers, ${keptAndReturned} received-undeleted and back in the ` +
            `queue, ${duplicates} received more than once; drained ${drained.size} ` +
            `(queue ${emptied ? "emptied" : "NOT emptied"}); kill loop ${(killLoopMs / 1000).toFixed(1)} s, ` +
            `total ${(totalMs / 1000).toFixed(1)} s`,
        );

        expect(ledger.acked.size, "the workers acknowledged no message at all").toBeGreaterThan(0);
        expect(emptied, `the queue was not empty after ${DRAIN_TIMEOUT_MS} ms of draining`).toBe(true);
        expect.soft(lost.length, `acknowledged, never deleted, not in the queue: ${examples(lost)}`).toBe(0);
        expect
          .soft(
            notReturned.length,
            `received, never deleted, not back in the queue: ${examples(notReturned)}`,
          )
          .toBe(0);
        expect
          .soft(resurrected.length, `deleted (acknowledged), yet in the queue: ${examples(resurrected)}`)
          .toBe(0);
        expect.soft(phantoms.length, `in the queue but never sent: ${examples(phantoms)}`).toBe(0);
        expect.soft(doubled.length, `in the queue more than once: ${examples(doubled)}`).toBe(0);
      },
      TEST_TIMEOUT_MS,
    );
  });
});
