import { Worker } from "node:worker_threads";
import { percentile } from "./measure.js";

/** When an open-loop run sent, and how late its sends left. */
export interface OpenLoopRun {
  /** performance.now() at which item 0 was due; item i was due at startMs + i × intervalMs. */
  readonly startMs: number;
  readonly intervalMs: number;
  /** performance.now() when the run stopped waiting: all arrived, or the drain timeout passed. */
  readonly deadlineMs: number;
  /** How late each send left its due time, in ms. */
  readonly sendLagMs: Float64Array;
}

/**
 * A thread that ticks when each item falls due. Node's timers fire on whole milliseconds of a cached loop
 * clock, so a send scheduled with setTimeout leaves up to a millisecond or two late on an idle loop: that
 * lateness would belong to the harness, not to the system measured. This thread sleeps in Atomics.wait,
 * which keeps sub-millisecond time, and posts a message at each due time; the message wakes the event loop
 * at once when it is idle and waits like any other callback when it is blocked — so a blocked loop still
 * counts against the system, as it must.
 */
const METRONOME_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { firstDueEpochMs, intervalMs, total } = workerData;
const cell = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < total; i++) {
  const waitMs = firstDueEpochMs + i * intervalMs - (performance.timeOrigin + performance.now());
  if (waitMs > 0) Atomics.wait(cell, 0, 0, waitMs);
  parentPort.postMessage(i);
}
`;

/**
 * Sends `total` items open loop at `ratePerSecond`: item i is sent when it falls due, whether or not earlier
 * ones have been handled, so a system that falls behind (or a blocked event loop) counts against itself. A
 * metronome thread (above) wakes the loop at each due time. Then waits for `arrived` or `drainTimeoutMs`,
 * whichever comes first.
 */
export async function runOpenLoop(options: {
  readonly total: number;
  readonly ratePerSecond: number;
  readonly send: (seq: number) => void;
  readonly arrived: Promise<void>;
  readonly drainTimeoutMs: number;
}): Promise<OpenLoopRun> {
  const { total } = options;
  const intervalMs = 1000 / options.ratePerSecond;
  const sendLagMs = new Float64Array(total);
  const startMs = performance.now() + METRONOME_START_DELAY_MS;
  let next = 0;
  const sendDue = () => {
    const now = performance.now();
    for (; next < total && startMs + next * intervalMs <= now; next++) {
      sendLagMs[next] = now - (startMs + next * intervalMs);
      options.send(next);
    }
  };
  const metronome = new Worker(METRONOME_SOURCE, {
    eval: true,
    // Plain CommonJS: the parent's loader (--import tsx) would only slow the thread's start.
    execArgv: [],
    workerData: { firstDueEpochMs: performance.timeOrigin + startMs, intervalMs, total },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      metronome.on("message", () => {
        sendDue();
        if (next === total) resolve();
      });
      metronome.on("error", reject);
    });
  } finally {
    await metronome.terminate();
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      options.arrived,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.drainTimeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return { startMs, intervalMs, deadlineMs: performance.now(), sendLagMs };
}

/** Time for the metronome thread to start before the first item falls due. */
const METRONOME_START_DELAY_MS = 50;

/** The latency percentiles of a run's measured items (sorted here) and of its sends' lag, warm-up left out. */
export function latencySummary(measured: Float64Array, run: OpenLoopRun, warmup: number) {
  measured.sort();
  return {
    p50Ms: percentile(measured, 50),
    p90Ms: percentile(measured, 90),
    p99Ms: percentile(measured, 99),
    maxMs: measured[measured.length - 1] as number,
    sendLagP99Ms: percentile(run.sendLagMs.subarray(warmup).sort(), 99),
  };
}
