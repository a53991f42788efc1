/**
 * bench/functions throughput: how many records a second an SQS event source mapping (batch size 10) carries
 * through a trivial handler — received, invoked, deleted — in worker-thread mode and in-process mode, at each
 * ScalingConfig.MaximumConcurrency of BENCH_FUNCTIONS_CONCURRENCY ("default,4": Lambda's default of 5 pollers,
 * and 4, the runner's worker threads). Two feeds: BENCH_FUNCTIONS_MESSAGES (50,000) messages sent first with
 * SendMessageBatch and then drained (the clock runs from CreateEventSourceMapping to the last deletion), and the
 * same number streamed by BENCH_FUNCTIONS_PRODUCERS (4) producers sending batches of 10 while the mapping polls
 * (the clock runs from the first send to the last deletion). Every run starts the execution environments and
 * drains BENCH_FUNCTIONS_WARMUP_MESSAGES (2,000) through a mapping of its own before the clock starts.
 */
import { type FunctionRunnerMode, RUNNER_DEFAULTS } from "../src/runtime/functions/index.js";
import { POLLER_LIMITS } from "../src/runtime/pollers/index.js";
import {
  BATCH_SIZE,
  type FunctionSystem,
  openFunctionSystem,
  QUEUE_NAME,
} from "./support/function-system.js";
import { printTable } from "./support/measure.js";

const MESSAGES = Number(process.env.BENCH_FUNCTIONS_MESSAGES ?? 50_000);
const WARMUP_MESSAGES = Number(process.env.BENCH_FUNCTIONS_WARMUP_MESSAGES ?? 2_000);
const PRODUCERS = Number(process.env.BENCH_FUNCTIONS_PRODUCERS ?? 4);
/** MaximumConcurrency settings tried; "default" leaves ScalingConfig out. */
const CONCURRENCIES = (process.env.BENCH_FUNCTIONS_CONCURRENCY ?? "default,4")
  .split(",")
  .map((value) => (value.trim() === "default" ? undefined : Number(value)));
export const MODES: readonly FunctionRunnerMode[] = ["worker", "in-process"];
/** A run that has not drained by then has lost messages or stalled: it fails rather than hangs. */
const RUN_TIMEOUT_MS = 300_000;

/** The queue drained without a function: receive and delete only. */
export interface QueueOnlyResult {
  readonly consumers: number;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly sendsPerSecond: number;
}

/** How the messages reach the queue. */
export type Feed = "pre-filled" | "streamed";

/** One mode, concurrency and feed: its end-to-end rates. */
export interface FunctionThroughputResult {
  readonly mode: FunctionRunnerMode;
  /** ScalingConfig.MaximumConcurrency; undefined: Lambda's default (POLLER_LIMITS.defaultConcurrency). */
  readonly maximumConcurrency: number | undefined;
  readonly feed: Feed;
  readonly records: number;
  readonly seconds: number;
  readonly invocations: number;
  readonly invocationsPerSecond: number;
  readonly recordsPerSecond: number;
  readonly recordsPerInvocation: number;
  /** The most pollers seen at once. */
  readonly maxPollers: number;
  /** SendMessageBatch's own rate: filling the queue (pre-filled) or the producers while the mapping ran. */
  readonly sendsPerSecond: number;
}

async function sendAll(system: FunctionSystem, messages: number, producers: number): Promise<void> {
  let sent = 0;
  const produce = async () => {
    while (sent < messages) {
      const first = sent;
      const count = Math.min(10, messages - first);
      sent += count;
      await system.sendBatch(first, count);
    }
  };
  await Promise.all(Array.from({ length: producers }, produce));
}

/** Drains `records` through the mapping `uuid`, noting the most pollers at once. */
async function drain(system: FunctionSystem, uuid: string, records: number): Promise<number> {
  let maxPollers = 0;
  const sampler = setInterval(() => {
    maxPollers = Math.max(maxPollers, system.runtime.mappings.mapping(uuid).pollers);
  }, 5);
  try {
    await system.drained(uuid, records, RUN_TIMEOUT_MS);
  } finally {
    clearInterval(sampler);
  }
  return maxPollers;
}

async function measure(
  mode: FunctionRunnerMode,
  maximumConcurrency: number | undefined,
  feed: Feed,
): Promise<FunctionThroughputResult> {
  const system = await openFunctionSystem({ mode, handler: "noop.handler" });
  try {
    await system.warmEnvironments();
    await sendAll(system, WARMUP_MESSAGES, 1);
    const warmup = await system.map(maximumConcurrency);
    await system.drained(warmup, WARMUP_MESSAGES, RUN_TIMEOUT_MS);
    await system.unmap(warmup);

    let start: number;
    let sendSeconds = Number.NaN;
    let uuid: string;
    let maxPollers: number;
    if (feed === "pre-filled") {
      const fillStart = performance.now();
      await sendAll(system, MESSAGES, 1);
      sendSeconds = (performance.now() - fillStart) / 1000;
      start = performance.now();
      uuid = await system.map(maximumConcurrency);
      maxPollers = await drain(system, uuid, MESSAGES);
    } else {
      uuid = await system.map(maximumConcurrency);
      start = performance.now();
      const [, pollers] = await Promise.all([
        sendAll(system, MESSAGES, PRODUCERS).then(() => {
          sendSeconds = (performance.now() - start) / 1000;
        }),
        drain(system, uuid, MESSAGES),
      ]);
      maxPollers = pollers;
    }
    const seconds = (performance.now() - start) / 1000;
    const { invocations, recordsInvoked } = system.stats(uuid);
    return {
      mode,
      maximumConcurrency,
      feed,
      records: MESSAGES,
      seconds,
      invocations,
      invocationsPerSecond: invocations / seconds,
      recordsPerSecond: MESSAGES / seconds,
      recordsPerInvocation: recordsInvoked / invocations,
      maxPollers,
      sendsPerSecond: MESSAGES / sendSeconds,
    };
  } finally {
    await system.close();
  }
}

/**
 * The ceiling the mapping stands on: the same pre-filled queue drained with no function at all, by as many
 * ReceiveMessage(10) → DeleteMessageBatch loops as the mapping's default pollers.
 */
async function measureQueueOnly(): Promise<QueueOnlyResult> {
  const system = await openFunctionSystem({ mode: "in-process", handler: "noop.handler" });
  const { queues } = system.switchyard;
  const consumers = POLLER_LIMITS.defaultConcurrency;
  const consume = async (records: number) => {
    let left = records;
    const loop = async () => {
      while (left > 0) {
        const messages = await queues.receiveMessage(QUEUE_NAME, { MaxNumberOfMessages: BATCH_SIZE });
        left -= messages.length;
        if (messages.length === 0) continue;
        await queues.deleteMessageBatch(
          QUEUE_NAME,
          messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
        );
      }
    };
    await Promise.all(Array.from({ length: consumers }, loop));
  };
  try {
    await sendAll(system, WARMUP_MESSAGES, 1);
    await consume(WARMUP_MESSAGES);
    const fillStart = performance.now();
    await sendAll(system, MESSAGES, 1);
    const sendSeconds = (performance.now() - fillStart) / 1000;
    const start = performance.now();
    await consume(MESSAGES);
    const seconds = (performance.now() - start) / 1000;
    return {
      consumers,
      records: MESSAGES,
      seconds,
      recordsPerSecond: MESSAGES / seconds,
      sendsPerSecond: MESSAGES / sendSeconds,
    };
  } finally {
    await system.close();
  }
}

/** "default (5)" or the number. */
export function concurrencyLabel(maximumConcurrency: number | undefined): string {
  return maximumConcurrency === undefined
    ? `default (${POLLER_LIMITS.defaultConcurrency})`
    : String(maximumConcurrency);
}

/** Measures every mode, concurrency and feed and prints one table. */
export async function reportFunctionsThroughput(): Promise<{
  results: FunctionThroughputResult[];
  queueOnly: QueueOnlyResult;
}> {
  const results: FunctionThroughputResult[] = [];
  for (const mode of MODES) {
    for (const maximumConcurrency of CONCURRENCIES) {
      for (const feed of ["pre-filled", "streamed"] as const) {
        results.push(await measure(mode, maximumConcurrency, feed));
      }
    }
  }
  const queueOnly = await measureQueueOnly();
  printTable(
    `bench/functions throughput — SQS → event source mapping (batch size ${BATCH_SIZE}) → trivial handler → DeleteMessageBatch, ${MESSAGES.toLocaleString("en-US")} messages; runner: at most ${RUNNER_DEFAULTS.maxWorkers} worker threads`,
    [
      ...results.map(
        (r): Record<string, string | number> => ({
          mode: r.mode,
          "max concurrency": concurrencyLabel(r.maximumConcurrency),
          feed: r.feed,
          seconds: Number(r.seconds.toFixed(2)),
          "invocations/s": Math.round(r.invocationsPerSecond),
          "records/s": Math.round(r.recordsPerSecond),
          "records/invocation": Number(r.recordsPerInvocation.toFixed(2)),
          "max pollers": r.maxPollers,
          "sends/s": Math.round(r.sendsPerSecond),
        }),
      ),
      {
        mode: "no function",
        "max concurrency": `${queueOnly.consumers} consumers`,
        feed: "pre-filled",
        seconds: Number(queueOnly.seconds.toFixed(2)),
        "invocations/s": "—",
        "records/s": Math.round(queueOnly.recordsPerSecond),
        "records/invocation": "—",
        "max pollers": "—",
        "sends/s": Math.round(queueOnly.sendsPerSecond),
      },
    ],
  );
  console.log(
    "pre-filled: SendMessageBatch first (sends/s is that fill), then the clock runs from CreateEventSourceMapping to the last deletion.",
  );
  console.log(
    `streamed: ${PRODUCERS} producers send batches of 10 while the mapping polls; the clock runs from the first send to the last deletion (sends/s: until the last send).`,
  );
  console.log(
    "no function: the same queue drained by ReceiveMessage(10) → DeleteMessageBatch loops alone — the ceiling the mapping stands on.",
  );
  return { results, queueOnly };
}
