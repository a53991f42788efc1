import { sleep } from "./bus-system.js";
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
 * Sends `total` items open loop at `ratePerSecond`: item i is sent when it falls due, whether or not earlier
 * ones have been handled, so a system that falls behind (or a blocked event loop) counts against itself. Then
 * waits for `arrived` or `drainTimeoutMs`, whichever comes first.
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
  const startMs = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    for (; next < total && startMs + next * intervalMs <= now; next++) {
      sendLagMs[next] = now - (startMs + next * intervalMs);
      options.send(next);
    }
    if (next < total) await sleep(startMs + next * intervalMs - performance.now());
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
