/**
 * bench/functions' system: a Switchyard on SQLite in a temp directory running a one-function app, whose queue
 * the bench maps to the function (CreateEventSourceMapping, batch size 10) once it has filled or started
 * feeding it. The handlers are the fixtures in bench/fixtures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkApp, defineApp } from "../../src/core/app/index.js";
import type { AppRuntime } from "../../src/runtime/app/app-runtime.js";
import {
  type FunctionRunnerMode,
  type InvocationResult,
  RUNNER_DEFAULTS,
} from "../../src/runtime/functions/index.js";
import type { MappingStats } from "../../src/runtime/pollers/index.js";
import { createSwitchyard, type Switchyard } from "../../src/switchyard.js";
import { benchEvent, sleep } from "./bus-system.js";

/** Where the bench's handlers live. */
export const FIXTURES_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
/** Every mapping of the bench takes batches of 10, Lambda's default for SQS. */
export const BATCH_SIZE = 10;
export const QUEUE_NAME = "work";
export const FUNCTION_NAME = "Bench";
/** How often a drain looks at the mapping's counters: in memory, so it costs the run nothing measurable. */
const STATS_POLL_MS = 2;

/** The trivial handler (returns nothing) and the one that returns when it started. */
export type BenchHandler = "noop.handler" | "started-at.handler";

/** A message body of about 110 bytes, numbered `seq`. */
export function benchBody(seq: number): string {
  return JSON.stringify(benchEvent(seq));
}

/** A Switchyard running the bench's app, and what the bench does with it. */
export interface FunctionSystem {
  readonly switchyard: Switchyard;
  readonly runtime: AppRuntime;
  /** Starts every execution environment the runner may use (4 worker threads; 1 in-process), untimed. */
  warmEnvironments(): Promise<void>;
  /** SendMessageBatch of the messages numbered first … first + count - 1 (count ≤ 10). */
  sendBatch(first: number, count: number): Promise<void>;
  /** Creates the mapping (batch size 10); polling starts at once. Returns its UUID. */
  map(maximumConcurrency: number | undefined): Promise<string>;
  stats(uuid: string): Readonly<MappingStats>;
  /** Resolves once the mapping has deleted `records` records (after their handler succeeded). */
  drained(uuid: string, records: number, timeoutMs: number): Promise<void>;
  /** Deletes the mapping and waits until its in-flight batches are settled. */
  unmap(uuid: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens a fresh Switchyard running one function with `handler`, in `mode`. */
export async function openFunctionSystem(options: {
  readonly mode: FunctionRunnerMode;
  readonly handler: BenchHandler;
  readonly onInvocation?: (result: InvocationResult) => void;
}): Promise<FunctionSystem> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-functions-"));
  const switchyard = createSwitchyard({ dataDirectory: directory });
  const { app } = checkApp(
    defineApp({
      name: "bench-functions",
      queues: { [QUEUE_NAME]: {} },
      functions: { [FUNCTION_NAME]: { handler: options.handler } },
    }),
  );
  const failures: string[] = [];
  const onInvocation = options.onInvocation;
  const runtime = await switchyard.startApp(app, {
    baseDirectory: FIXTURES_DIRECTORY,
    mode: options.mode,
    onInvocation: (_name, result) => {
      if (!result.ok) failures.push(result.throttled ? "throttled" : result.error.errorMessage);
      onInvocation?.(result);
    },
  });
  const failed = () => {
    if (failures.length > 0)
      throw new Error(`the bench's handler failed: ${failures.slice(0, 3).join("; ")}`);
  };
  return {
    switchyard,
    runtime,
    async warmEnvironments() {
      const environments = options.mode === "worker" ? RUNNER_DEFAULTS.maxWorkers : 1;
      const warm = { Records: [] };
      await Promise.all(Array.from({ length: environments }, () => runtime.invoke(FUNCTION_NAME, warm)));
      failed();
    },
    async sendBatch(first, count) {
      const response = await switchyard.queues.sendMessageBatch(
        QUEUE_NAME,
        Array.from({ length: count }, (_, i) => ({ Id: String(i), MessageBody: benchBody(first + i) })),
      );
      if (response.Failed.length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(response)}`);
    },
    async map(maximumConcurrency) {
      const { UUID } = await runtime.mappings.create({
        queue: QUEUE_NAME,
        function: FUNCTION_NAME,
        batchSize: BATCH_SIZE,
        ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
      });
      return UUID;
    },
    stats: (uuid) => runtime.mappings.mapping(uuid).stats,
    async drained(uuid, records, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      const mapping = runtime.mappings.mapping(uuid);
      while (mapping.stats.recordsDeleted < records) {
        failed();
        if (performance.now() > deadline) {
          throw new Error(
            `the mapping deleted ${mapping.stats.recordsDeleted} of ${records} records in ${timeoutMs} ms`,
          );
        }
        await sleep(STATS_POLL_MS);
      }
      failed();
    },
    async unmap(uuid) {
      await runtime.mappings.delete(uuid);
      await runtime.mappings.settled();
    },
    async close() {
      try {
        await switchyard.close();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
