/**
 * bench/functions latency: SendMessage → handler start through an SQS event source mapping (batch size 10, no
 * batching window, Lambda's default concurrency), at a steady BENCH_FUNCTIONS_LATENCY_RATE (1,000 messages/s)
 * for BENCH_FUNCTIONS_LATENCY_SECONDS (10 s) after BENCH_FUNCTIONS_LATENCY_WARMUP_SECONDS (3 s), in
 * worker-thread mode and in-process mode. Open loop, as bench/bus-latency.ts: message i is due at
 * start + i / rate and is sent then with a SendMessage of its own, whether or not earlier ones have returned;
 * its latency runs from that due time to the first line of the handler invocation that got it, read on the
 * clock every thread of the process shares (performance.timeOrigin + performance.now()) and returned by the
 * handler (bench/fixtures/started-at.ts). A send held up by a busy event loop counts against Switchyard.
 */
import type { FunctionRunnerMode, InvocationResult } from "../src/runtime/functions/index.js";
import { MODES } from "./functions-throughput.js";
import { benchBody, type FunctionSystem, openFunctionSystem, QUEUE_NAME } from "./support/function-system.js";
import { printTable } from "./support/measure.js";
import { latencySummary, type OpenLoopRun, runOpenLoop } from "./support/open-loop.js";

const RATE_PER_SECOND = Number(process.env.BENCH_FUNCTIONS_LATENCY_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_FUNCTIONS_LATENCY_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_FUNCTIONS_LATENCY_WARMUP_SECONDS ?? 3);
/** How long after the last send the run waits for the messages still on their way. */
const DRAIN_TIMEOUT_MS = 10_000;
/** The target, worker-thread mode. */
export const TARGET_P99_MS = 5;
/** What AWS publishes for Lambda's own SQS → function path, printed beside ours (the figures). */
export const LAMBDA_PUBLISHED = Object.freeze({ p50Ms: 16, p99Ms: 105 });

/** One mode's SendMessage → handler start distribution, in milliseconds. */
export interface FunctionLatencyResult {
  readonly mode: FunctionRunnerMode;
  readonly messages: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly sendLagP99Ms: number;
  /** Records per invocation, on average: at 1,000/s a poller seldom finds more than one or two waiting. */
  readonly recordsPerInvocation: number;
  readonly note?: string;
}

async function measure(mode: FunctionRunnerMode): Promise<FunctionLatencyResult> {
  const warmup = WARMUP_SECONDS * RATE_PER_SECOND;
  const total = warmup + SECONDS * RATE_PER_SECOND;
  const startedAtMs = new Float64Array(total).fill(Number.NaN);
  let started = 0;
  let invocations = 0;
  let allStarted: () => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    allStarted = resolve;
    failed = reject;
  });
  const onInvocation = (result: InvocationResult) => {
    if (!result.ok) return;
    invocations++;
    const payload = result.payload as { startedAtMs: number; bodies: string[] };
    for (const body of payload.bodies) {
      const seq = (JSON.parse(body) as { detail: { seq: number } }).detail.seq;
      if (!Number.isNaN(startedAtMs[seq] as number)) continue;
      startedAtMs[seq] = payload.startedAtMs;
      if (++started === total) allStarted();
    }
  };
  let system: FunctionSystem | undefined;
  let run: OpenLoopRun;
  try {
    system = await openFunctionSystem({ mode, handler: "started-at.handler", onInvocation });
    const { queues } = system.switchyard;
    await system.warmEnvironments();
    await system.map(undefined);
    run = await runOpenLoop({
      total,
      ratePerSecond: RATE_PER_SECOND,
      send: (seq) => void queues.sendMessage(QUEUE_NAME, { MessageBody: benchBody(seq) }).catch(failed),
      arrived: done,
      drainTimeoutMs: DRAIN_TIMEOUT_MS,
    });
  } finally {
    await system?.close();
  }
  // Start times are on the shared clock (timeOrigin + now); due times on this thread's performance.now().
  const dueMs = (seq: number) => performance.timeOrigin + run.startMs + seq * run.intervalMs;
  // A message whose handler had not started by the deadline took at least until then (lower bounds, not survivors).
  const measured = startedAtMs
    .subarray(warmup)
    .map((at, i) => (Number.isNaN(at) ? performance.timeOrigin + run.deadlineMs : at) - dueMs(warmup + i));
  const missing = total - started;
  return {
    mode,
    messages: measured.length,
    ...latencySummary(measured, run, warmup),
    recordsPerInvocation: started / invocations,
    ...(missing === 0
      ? {}
      : {
          note: `${missing} messages not started ${DRAIN_TIMEOUT_MS / 1000} s after the last send: figures are lower bounds`,
        }),
  };
}

/** Measures both modes at the steady rate and prints them beside Lambda's published figures. */
export async function reportFunctionsLatency(): Promise<{ results: FunctionLatencyResult[] }> {
  const results: FunctionLatencyResult[] = [];
  for (const mode of MODES) results.push(await measure(mode));
  const ms = (value: number) => Number(value.toFixed(2));
  printTable(
    `bench/functions latency — SendMessage → handler start, open loop at ${RATE_PER_SECOND.toLocaleString("en-US")} messages/s for ${SECONDS} s, batch size 10, default concurrency (target: worker p99 ≤ ${TARGET_P99_MS} ms)`,
    [
      ...results.map((r) => ({
        system: `Switchyard ${r.mode}`,
        messages: r.messages,
        "p50 ms": ms(r.p50Ms),
        "p90 ms": ms(r.p90Ms),
        "p99 ms": ms(r.p99Ms),
        "max ms": ms(r.maxMs),
        "send lag p99 ms": ms(r.sendLagP99Ms),
        "records/invocation": ms(r.recordsPerInvocation),
        note: r.note ?? "",
      })),
      {
        system: "AWS Lambda (published)",
        messages: "—",
        "p50 ms": LAMBDA_PUBLISHED.p50Ms,
        "p90 ms": "—",
        "p99 ms": LAMBDA_PUBLISHED.p99Ms,
        "max ms": "—",
        "send lag p99 ms": "—",
        "records/invocation": "—",
        note: "the issue's figures for Lambda's SQS → function path",
      },
    ],
  );
  return { results };
}
