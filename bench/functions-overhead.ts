/**
 * bench/functions overhead: what the function runner itself costs an invocation — `invoke()` of the trivial
 * handler (bench/fixtures/noop.ts), no queue, no mapping — in worker-thread mode and in-process mode, one
 * invocation at a time and RUNNER_DEFAULTS.maxWorkers (4) at once, with an empty event and with a 10-record
 * SQS event as a mapping sends it (about 9 KB of JSON). BENCH_FUNCTIONS_OVERHEAD_INVOCATIONS (10,000) are
 * timed after 1,000 untimed ones; µs per invocation is the wall time over the count, so at 4 at once it is the
 * inverse of the runner's throughput rather than one invocation's latency.
 */
import { createSystemClock } from "../src/runtime/clock.js";
import {
  createFunctionRunner,
  type FunctionRunnerMode,
  RUNNER_DEFAULTS,
  resolveFunctionDefinition,
} from "../src/runtime/functions/index.js";
import { createRandomIds } from "../src/runtime/ids.js";
import { SWITCHYARD_DEFAULTS } from "../src/switchyard.js";
import { MODES } from "./functions-throughput.js";
import { benchBody, FIXTURES_DIRECTORY } from "./support/function-system.js";
import { printTable } from "./support/measure.js";

const INVOCATIONS = Number(process.env.BENCH_FUNCTIONS_OVERHEAD_INVOCATIONS ?? 10_000);
const WARMUP_INVOCATIONS = 1_000;
const CONCURRENCIES = [1, RUNNER_DEFAULTS.maxWorkers] as const;

/** The event a mapping hands a function with a full batch of the bench's messages. */
function sqsEvent(): unknown {
  return {
    Records: Array.from({ length: 10 }, (_, i) => ({
      messageId: crypto.randomUUID(),
      receiptHandle: Buffer.from(crypto.randomUUID().repeat(4)).toString("base64"),
      body: benchBody(i),
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "1700000000000",
        SenderId: "000000000000",
        ApproximateFirstReceiveTimestamp: "1700000000001",
      },
      messageAttributes: {},
      md5OfMessageAttributes: null,
      md5OfBody: "0123456789abcdef0123456789abcdef",
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:${SWITCHYARD_DEFAULTS.region}:${SWITCHYARD_DEFAULTS.account}:work`,
      awsRegion: SWITCHYARD_DEFAULTS.region,
    })),
  };
}

const EVENTS = { "{}": {}, "SQS, 10 records": sqsEvent() } as const;
type EventName = keyof typeof EVENTS;

/** One mode, event and concurrency: the runner's cost per invocation. */
export interface FunctionOverheadResult {
  readonly mode: FunctionRunnerMode;
  readonly event: EventName;
  readonly eventBytes: number;
  readonly concurrency: number;
  readonly invocations: number;
  readonly microsecondsPerInvocation: number;
  readonly invocationsPerSecond: number;
}

async function measure(
  mode: FunctionRunnerMode,
  event: EventName,
  concurrency: number,
): Promise<FunctionOverheadResult> {
  const runner = createFunctionRunner(
    resolveFunctionDefinition({
      name: "Overhead",
      handler: "noop.handler",
      baseDirectory: FIXTURES_DIRECTORY,
    }),
    { mode, clock: createSystemClock(), ids: createRandomIds(), ...SWITCHYARD_DEFAULTS },
  );
  const payload = EVENTS[event];
  const run = async (count: number) => {
    let left = count;
    const loop = async () => {
      while (left-- > 0) {
        const result = await runner.invoke(payload);
        if (!result.ok) throw new Error(`the trivial handler failed: ${JSON.stringify(result)}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  };
  try {
    await run(WARMUP_INVOCATIONS);
    const start = performance.now();
    await run(INVOCATIONS);
    const seconds = (performance.now() - start) / 1000;
    return {
      mode,
      event,
      eventBytes: JSON.stringify(payload).length,
      concurrency,
      invocations: INVOCATIONS,
      microsecondsPerInvocation: (seconds * 1e6) / INVOCATIONS,
      invocationsPerSecond: INVOCATIONS / seconds,
    };
  } finally {
    await runner.close();
  }
}

/** Measures the runner alone in both modes and prints one table. */
export async function reportFunctionsOverhead(): Promise<{ results: FunctionOverheadResult[] }> {
  const results: FunctionOverheadResult[] = [];
  for (const mode of MODES) {
    for (const event of Object.keys(EVENTS) as EventName[]) {
      for (const concurrency of CONCURRENCIES) results.push(await measure(mode, event, concurrency));
    }
  }
  printTable(
    `bench/functions overhead — FunctionRunner.invoke() of a trivial handler, ${INVOCATIONS.toLocaleString("en-US")} invocations, no queue (µs/invocation = wall time / invocations)`,
    results.map((r) => ({
      mode: r.mode,
      event: r.event,
      "event bytes": r.eventBytes,
      "at once": r.concurrency,
      "µs/invocation": Number(r.microsecondsPerInvocation.toFixed(1)),
      "invocations/s": Math.round(r.invocationsPerSecond),
    })),
  );
  return { results };
}
