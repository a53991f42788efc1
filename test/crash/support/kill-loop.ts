/**
 * The parent's side of a crash test: starts a worker on a data directory, kills it with SIGKILL at a
 * seeded random moment — during its startup (open, WAL recovery, migration, creating its resources) or
 * some time into its work — and starts it again, feeding every line the workers wrote to the test.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Durability } from "../../../src/store/sqlite/index.js";
import { seededRandom } from "./seeded-random.js";
import { WorkerLine } from "./worker-process.js";

/** The share of kills aimed at a worker's startup rather than its work. */
const STARTUP_KILL_SHARE = 0.2;
/** A kill aimed at the work lands this long after the worker reported READY. */
const RUNNING_KILL_MIN_MS = 50;
const RUNNING_KILL_MAX_MS = 400;
/** What a startup kill aims within before the first worker has shown how long its startup takes. */
const FIRST_STARTUP_ESTIMATE_MS = 300;
/** A worker that has not reported READY by then is stuck: the test fails rather than hangs. */
const READY_TIMEOUT_MS = 20_000;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const liveWorkers = new Set<ChildProcessWithoutNullStreams>();
const WORKER_LINES: ReadonlySet<string> = new Set(Object.values(WorkerLine));

/** Kills every worker still running: for afterAll, when a test failed or timed out mid-loop. */
export function killLiveWorkers(): void {
  for (const worker of liveWorkers) worker.kill("SIGKILL");
  liveWorkers.clear();
}

/** Which worker to run, where, and what to do with what it reports. */
export interface KillLoopOptions {
  /**
   * The worker's file, run with `node --import tsx` and the command line parseWorkerArguments reads:
   * the data directory, the durability, the run id and the worker's own seed.
   */
  readonly workerPath: string;
  readonly dataDirectory: string;
  readonly durability: Durability;
  /** How many times to start a worker and kill it. */
  readonly kills: number;
  /** Seeds the kill schedule and each worker's own seed. */
  readonly seed: number;
  /** Told of every line the workers wrote, in the order they wrote them: its kind and its body. */
  onLine(kind: WorkerLine, body: string): void;
}

/** How the kills landed. */
export interface KillLoopReport {
  readonly startupKills: number;
  readonly runningKills: number;
  /** Kills that cut short a send: a SEND without its ACK. */
  readonly sendInFlightKills: number;
  /** Kills that cut short a delete: a DELETING without its DEL. */
  readonly deleteInFlightKills: number;
  readonly durationMs: number;
}

/**
 * Starts a worker `kills` times on one data directory, each time killing it with SIGKILL at a random
 * moment, one run after the other; run i has the run id `r<i>`.
 */
export async function killRepeatedly(options: KillLoopOptions): Promise<KillLoopReport> {
  const random = seededRandom(options.seed);
  const startedAtMs = Date.now();
  const report = { startupKills: 0, runningKills: 0, sendInFlightKills: 0, deleteInFlightKills: 0 };
  let startupEstimateMs = FIRST_STARTUP_ESTIMATE_MS;
  for (let run = 0; run < options.kills; run++) {
    const plan: KillPlan =
      random() < STARTUP_KILL_SHARE
        ? { after: "spawn", delayMs: Math.floor(random() * startupEstimateMs) }
        : {
            after: "ready",
            delayMs:
              RUNNING_KILL_MIN_MS + Math.floor(random() * (RUNNING_KILL_MAX_MS - RUNNING_KILL_MIN_MS + 1)),
          };
    const runId = `r${run}`;
    const workerSeed = Math.floor(random() * 2 ** 32);
    const counts = await runUntilKilled(
      [options.workerPath, options.dataDirectory, options.durability, runId, String(workerSeed)],
      runId,
      plan,
      options.onLine,
    );
    startupEstimateMs = counts.startupMs ?? startupEstimateMs;
    const count = (kind: WorkerLine) => counts.lines.get(kind) ?? 0;
    if (count(WorkerLine.Ready) > 0) report.runningKills++;
    else report.startupKills++;
    if (count(WorkerLine.Send) > count(WorkerLine.Ack)) report.sendInFlightKills++;
    if (count(WorkerLine.Deleting) > count(WorkerLine.Del)) report.deleteInFlightKills++;
  }
  return { ...report, durationMs: Date.now() - startedAtMs };
}

/** The kill report's counts as a phrase for the test's output. */
export function describeKills(report: KillLoopReport): string {
  return (
    `${report.startupKills + report.runningKills} kills — ${report.startupKills} during startup, ` +
    `${report.runningKills} while running (${report.sendInFlightKills} with a send in flight, ` +
    `${report.deleteInFlightKills} with a delete in flight)`
  );
}

/** When to kill a worker: some time after it started, or after it reported READY. */
interface KillPlan {
  readonly after: "spawn" | "ready";
  readonly delayMs: number;
}

/** What one killed run wrote. */
interface RunCounts {
  /** How many lines of each kind. */
  readonly lines: ReadonlyMap<WorkerLine, number>;
  /** From spawn to the READY line arriving, when it did. */
  readonly startupMs: number | undefined;
}

/** Runs one worker until the plan's SIGKILL, passing on every line it wrote. */
function runUntilKilled(
  args: readonly string[],
  runId: string,
  plan: KillPlan,
  onLine: KillLoopOptions["onLine"],
): Promise<RunCounts> {
  return new Promise((done, fail) => {
    const spawnedAtMs = Date.now();
    const worker = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: repoRoot, stdio: "pipe" });
    liveWorkers.add(worker);
    const lines = new Map<WorkerLine, number>();
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
      const split = (partial + chunk).split("\n");
      partial = split.pop() ?? "";
      for (const line of split) {
        const space = line.indexOf(" ");
        const kind = line.slice(0, space);
        if (space < 0 || !WORKER_LINES.has(kind)) {
          unreadable ??= line;
          kill();
          continue;
        }
        onLine(kind as WorkerLine, line.slice(space + 1));
        lines.set(kind as WorkerLine, (lines.get(kind as WorkerLine) ?? 0) + 1);
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
      done({ lines, startupMs });
    });
  });
}
