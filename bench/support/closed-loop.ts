/**
 * A closed loop of concurrent callers: each runs its step again as soon as the last one returned, for a
 * warm-up and then a measured window. Requests and counts completed inside the window make the rates; each
 * request's latency is timed on the caller's side, from the call to the answer.
 */
import { percentile } from "./measure.js";

/** What a caller's step times its requests and counts what they carried with. */
export interface Meter {
  /** Sends one request of `kind`; it counts, with its latency, when it completes inside the window. */
  request<T>(kind: string, send: () => Promise<T>): Promise<T>;
  /** Adds `n` to a counter (messages, entries) while the window is open. */
  count(counter: string, n: number): void;
}

/** How many callers, for how long. */
export interface ClosedLoopOptions {
  readonly callers: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** The server's CPU seconds so far, read when the window opens and closes. */
  readonly serverCpuSeconds?: () => number | undefined;
}

/** One kind of request over the window. */
export interface RequestFigures {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** What a closed loop measured. */
export interface ClosedLoopResult {
  readonly callers: number;
  readonly seconds: number;
  readonly requests: Readonly<Record<string, RequestFigures>>;
  /** Each counter's rate over the window, per second. */
  readonly perSecond: Readonly<Record<string, number>>;
  /** Every count, the warm-up's included. */
  readonly totals: Readonly<Record<string, number>>;
  /** The client process's CPU over the window, % of one core. */
  readonly clientCpuPercent: number;
  /** The server's CPU over the window, % of one core; undefined where it cannot be read. */
  readonly serverCpuPercent: number | undefined;
}

/** Runs `step` in a loop on `callers` callers at once, warms up, then measures; a failed request fails the run. */
export async function runClosedLoop(
  options: ClosedLoopOptions,
  step: (meter: Meter, caller: number) => Promise<void>,
): Promise<ClosedLoopResult> {
  let open = false;
  let stopped = false;
  const latencies = new Map<string, number[]>();
  const windowCounts = new Map<string, number>();
  const totals = new Map<string, number>();
  const meter: Meter = {
    async request(kind, send) {
      const start = performance.now();
      const answer = await send();
      if (open) {
        const list = latencies.get(kind) ?? [];
        if (list.length === 0) latencies.set(kind, list);
        list.push(performance.now() - start);
      }
      return answer;
    },
    count(counter, n) {
      totals.set(counter, (totals.get(counter) ?? 0) + n);
      if (open) windowCounts.set(counter, (windowCounts.get(counter) ?? 0) + n);
    },
  };
  const loop = async (caller: number) => {
    while (!stopped) await step(meter, caller);
  };
  const callers = Array.from({ length: options.callers }, (_, caller) => loop(caller));

  let timer: NodeJS.Timeout | undefined;
  const window = new Promise<{ seconds: number; clientCpuMicros: number; serverCpuSeconds?: number }>(
    (resolve) => {
      timer = setTimeout(() => {
        open = true;
        const start = performance.now();
        const clientCpu = process.cpuUsage();
        const serverCpu = options.serverCpuSeconds?.();
        timer = setTimeout(() => {
          open = false;
          stopped = true;
          const seconds = (performance.now() - start) / 1000;
          const client = process.cpuUsage(clientCpu);
          const serverNow = options.serverCpuSeconds?.();
          resolve({
            seconds,
            clientCpuMicros: client.user + client.system,
            ...(serverCpu === undefined || serverNow === undefined
              ? {}
              : { serverCpuSeconds: serverNow - serverCpu }),
          });
        }, options.measureMs);
      }, options.warmupMs);
    },
  );
  try {
    await Promise.all(callers);
  } catch (error) {
    // The other callers stop after their current step; the window is not waited for.
    stopped = true;
    clearTimeout(timer);
    throw error;
  }
  const measured = await window;
  const requests: Record<string, RequestFigures> = {};
  for (const [kind, list] of latencies) {
    const sorted = Float64Array.from(list).sort();
    requests[kind] = {
      requests: sorted.length,
      requestsPerSecond: sorted.length / measured.seconds,
      p50Ms: percentile(sorted, 50),
      p90Ms: percentile(sorted, 90),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] as number,
    };
  }
  return {
    callers: options.callers,
    seconds: measured.seconds,
    requests,
    perSecond: Object.fromEntries([...windowCounts].map(([name, n]) => [name, n / measured.seconds])),
    totals: Object.fromEntries(totals),
    clientCpuPercent: measured.clientCpuMicros / 1e4 / measured.seconds,
    serverCpuPercent:
      measured.serverCpuSeconds === undefined
        ? undefined
        : (measured.serverCpuSeconds / measured.seconds) * 100,
  };
}
