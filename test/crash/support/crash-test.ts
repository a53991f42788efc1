/**
 * A crash test's frame: one test a durability, each killing its worker again and again on a fresh data
 * directory and handing what the workers reported, in a ledger, to the test's own verdict.
 */
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { Durability } from "../../../src/store/sqlite/index.js";
import { describeKills, type KillLoopReport, killLiveWorkers, killRepeatedly } from "./kill-loop.js";
import type { WorkerLine } from "./worker-process.js";

/** The durabilities a crash test runs at, one test each. */
const CRASH_DURABILITIES = [Durability.Normal, Durability.Full] as const;
/** A crash test's own time limit: its kill loop and drain take well under it. */
const CRASH_TEST_TIMEOUT_MS = 120_000;
/** How many offending items an assertion message quotes. */
const EXAMPLES = 10;

/** What a test keeps of its workers' lines. */
export interface WorkerLedger {
  record(kind: WorkerLine, body: string): void;
}

/** One durability's kill loop, done: where it ran and how the kills landed. */
export interface CrashRun {
  readonly durability: Durability;
  readonly dataDirectory: string;
  readonly kills: KillLoopReport;
  /** The durability, the seed and how to replay it, and the kills, for the test's output. */
  readonly description: string;
}

/** What a crash test runs. */
export interface CrashTestOptions<Ledger extends WorkerLedger> {
  /** The worker's file: see KillLoopOptions.workerPath. */
  readonly workerPath: string;
  /** Kills a durability. */
  readonly kills: number;
  /** What the data directories' names start with. */
  readonly directoryPrefix: string;
  createLedger(): Ledger;
}

/**
 * Declares a test at each durability: a fresh data directory, the worker started `kills` times on it and
 * killed each time, every line it wrote recorded in a new ledger; then `verify` with the run and the
 * ledger. The seed is CRASH_TEST_SEED when set — it replays the kill schedule and the workers' choices,
 * not the OS's timing — and random otherwise. Workers and directories are cleaned up after the tests.
 * @example
 * testKillsAtEachDurability((d) => `loses nothing (durability ${d})`, options, async (run, ledger) => {
 *   console.log(`crash test, ${run.description}`);
 * });
 */
export function testKillsAtEachDurability<Ledger extends WorkerLedger>(
  name: (durability: Durability) => string,
  options: CrashTestOptions<Ledger>,
  verify: (run: CrashRun, ledger: Ledger) => Promise<void>,
): void {
  const replayed = process.env.CRASH_TEST_SEED;
  const seed = replayed === undefined ? randomInt(2 ** 31) : Number(replayed);
  const dataDirectories: string[] = [];
  afterAll(() => {
    killLiveWorkers();
    for (const directory of dataDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  CRASH_DURABILITIES.forEach((durability, index) => {
    test(
      name(durability),
      async () => {
        const runSeed = seed + index;
        const dataDirectory = mkdtempSync(join(tmpdir(), `${options.directoryPrefix}-${durability}-`));
        dataDirectories.push(dataDirectory);
        const ledger = options.createLedger();
        const kills = await killRepeatedly({
          workerPath: options.workerPath,
          dataDirectory,
          durability,
          kills: options.kills,
          seed: runSeed,
          onLine: (kind, body) => ledger.record(kind, body),
        });
        const description =
          `durability ${durability}, seed ${runSeed} (replay: CRASH_TEST_SEED=${seed}): ` +
          describeKills(kills);
        await verify({ durability, dataDirectory, kills, description }, ledger);
      },
      CRASH_TEST_TIMEOUT_MS,
    );
  });
}

/** The first few of `items` for an assertion message, and how many there are in all. */
export function examples(items: readonly string[]): string {
  const shown = items.slice(0, EXAMPLES).join(", ");
  return items.length > EXAMPLES ? `${shown}, … (${items.length} in all)` : shown;
}
