/**
 * bench/functions: the benchmark of functions behind SQS event source mappings, one question a file —
 * end-to-end throughput through a mapping (functions-throughput.ts), the runner's own cost per invocation
 * (functions-overhead.ts) and SendMessage → handler start at a steady 1,000 messages/s (functions-latency.ts),
 * each in worker-thread mode and in-process mode. Ends with the figures against the targets, and
 * Lambda's published SQS → function latency beside ours.
 */
import {
  type FunctionLatencyResult,
  LAMBDA_PUBLISHED,
  reportFunctionsLatency,
  TARGET_P99_MS,
} from "./functions-latency.js";
import { reportFunctionsOverhead } from "./functions-overhead.js";
import {
  concurrencyLabel,
  type Feed,
  type FunctionThroughputResult,
  reportFunctionsThroughput,
} from "./functions-throughput.js";
import { printTable, watchMachineLoad } from "./support/measure.js";

/** The end-to-end target, worker-thread mode on the 2-core machine, records/s. */
const TARGET_RECORDS_PER_SECOND = 20_000;

/** Runs every functions question and prints how the figures compare with the targets. */
export async function reportFunctions(): Promise<unknown> {
  const machineLoad = watchMachineLoad();
  const throughput = await reportFunctionsThroughput();
  const overhead = await reportFunctionsOverhead();
  const latency = await reportFunctionsLatency();

  const rows: Record<string, string | number>[] = [];
  const verdict = (met: boolean) => (met ? "met" : "missed");
  for (const feed of ["pre-filled", "streamed"] as const) {
    const best = bestRate(throughput.results, feed);
    if (best === undefined) continue;
    rows.push({
      figure: `worker records/s end to end, ${feed} (best: max concurrency ${concurrencyLabel(best.maximumConcurrency)})`,
      measured: Math.round(best.recordsPerSecond),
      target: `≥ ${TARGET_RECORDS_PER_SECOND.toLocaleString("en-US")}`,
      verdict: verdict(best.recordsPerSecond >= TARGET_RECORDS_PER_SECOND),
    });
  }
  const worker = latency.results.find((r) => r.mode === "worker");
  if (worker !== undefined) {
    rows.push({
      figure: "worker p99 SendMessage → handler start at 1,000/s, ms",
      measured: Number(worker.p99Ms.toFixed(2)),
      target: `≤ ${TARGET_P99_MS}`,
      verdict: verdict(worker.p99Ms <= TARGET_P99_MS),
    });
  }
  for (const result of latency.results) rows.push(...besideLambda(result));
  printTable(
    "bench/functions — against the issue's targets (Lambda's published figures for reference)",
    rows,
  );
  const machine = machineLoad();
  return { machine, throughput, overhead, latency, targets: rows };
}

/** The worker-mode run with the most records/s for a feed. */
function bestRate(
  results: readonly FunctionThroughputResult[],
  feed: Feed,
): FunctionThroughputResult | undefined {
  return results
    .filter((r) => r.mode === "worker" && r.feed === feed)
    .reduce<FunctionThroughputResult | undefined>(
      (best, r) => (best === undefined || r.recordsPerSecond > best.recordsPerSecond ? r : best),
      undefined,
    );
}

function besideLambda(result: FunctionLatencyResult): Record<string, string | number>[] {
  const compare = (ours: number, lambda: number) => (ours <= lambda ? "below Lambda's" : "above Lambda's");
  return [
    ["p50", result.p50Ms, LAMBDA_PUBLISHED.p50Ms],
    ["p99", result.p99Ms, LAMBDA_PUBLISHED.p99Ms],
  ].map(([name, ours, lambda]) => ({
    figure: `${result.mode} ${name} SendMessage → handler start, ms`,
    measured: Number((ours as number).toFixed(2)),
    target: `Lambda ≈ ${lambda} (reference)`,
    verdict: compare(ours as number, lambda as number),
  }));
}
