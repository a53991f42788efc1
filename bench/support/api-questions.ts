/**
 * What bench/api's questions share: the callers and the window (BENCH_API_CALLERS, BENCH_API_SECONDS,
 * BENCH_API_WARMUP_SECONDS), a fresh `switchyard start` child per question (BENCH_API_CPU_PROFILE=<dir> writes a
 * V8 CPU profile of each there), the two clients every question is asked with, the ~300-byte order bodies, and
 * the table rows.
 */
import { type ClosedLoopResult, type Meter, runClosedLoop } from "./closed-loop.js";
import { type EndpointProcess, startEndpointProcess } from "./endpoint-process.js";
import { createRandom } from "./random.js";
import { sdkClientConfig } from "./sdk-config.js";
import { shopOrderText } from "./shop-data.js";
import { createWireClient, type WireClient } from "./wire-client.js";

export const CALLERS = Number(process.env.BENCH_API_CALLERS ?? 16);
export const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
export const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 2);
const CPU_PROFILE_DIRECTORY = process.env.BENCH_API_CPU_PROFILE;
const random = createRandom(7);
/** Distinct bodies sent in turn: enough that no cache sees one body twice in a row. */
export const ORDER_BODIES = Array.from({ length: 1024 }, (_, i) => shopOrderText(random, i));
export const MEAN_BODY_BYTES = ORDER_BODIES.reduce((sum, body) => sum + body.length, 0) / ORDER_BODIES.length;

/**
 * Who asks: the AWS SDK v3 client (the question), or the light client (bench/support/wire-client.ts)
 * sending the same requests without the SDK's per-call work, so the server's own rate shows where the SDK's
 * cost on the shared 2 cores hides it.
 */
export const Client = { Sdk: "AWS SDK v3", Wire: "light client" } as const;
export type Client = (typeof Client)[keyof typeof Client];

/** One question asked by one client: its measured loop. */
export interface ApiQuestionResult {
  readonly question: string;
  readonly client: Client;
  /** What a counter counts (messages, entries), when the question carries more than one per request. */
  readonly unit?: string;
  readonly loop: ClosedLoopResult;
  readonly note?: string;
}

/** A fresh server and what a question talks to it with. */
export interface ApiSession {
  readonly endpoint: EndpointProcess;
  /** Settings for an AWS SDK v3 client (keep-alive agent with a socket per caller). */
  readonly sdkConfig: ReturnType<typeof sdkClientConfig>["config"];
  /** The light client, on the same agent. */
  readonly wire: WireClient;
}

/** Starts a fresh server, hands it to `question`, then stops it and closes the connections. */
export async function onFreshEndpoint<T>(question: (session: ApiSession) => Promise<T>): Promise<T> {
  const endpoint = await startEndpointProcess({ cpuProfileDirectory: CPU_PROFILE_DIRECTORY });
  const { config, httpAgent } = sdkClientConfig(endpoint.url, CALLERS);
  try {
    return await question({ endpoint, sdkConfig: config, wire: createWireClient(endpoint.url, httpAgent) });
  } finally {
    httpAgent.destroy();
    await endpoint.stop();
  }
}

/** Runs `step` on CALLERS callers for the warm-up and the measured window, reading the server's CPU. */
export function loopAgainst(
  endpoint: EndpointProcess,
  step: (meter: Meter, caller: number) => Promise<void>,
): Promise<ClosedLoopResult> {
  return runClosedLoop(
    {
      callers: CALLERS,
      warmupMs: WARMUP_SECONDS * 1000,
      measureMs: SECONDS * 1000,
      serverCpuSeconds: () => endpoint.cpuSeconds(),
    },
    step,
  );
}

/**
 * One row a request kind: its rate, its unit's rate where it has one, its latencies, and the CPU each side
 * spent (% of one core, and per request of any kind over the window).
 */
export function questionRows(results: readonly ApiQuestionResult[]): Record<string, string | number>[] {
  return results.flatMap((result) => {
    const { loop } = result;
    const requests = Object.values(loop.requests).reduce((sum, figures) => sum + figures.requests, 0);
    const microsPerRequest = (percent: number) =>
      Math.round(((percent / 100) * loop.seconds * 1e6) / requests);
    return Object.entries(loop.requests).map(([kind, figures]) => ({
      question: result.question,
      client: result.client,
      request: kind,
      "requests/s": Math.round(figures.requestsPerSecond),
      "items/s":
        result.unit === undefined ? "—" : `${Math.round(loop.perSecond[result.unit] ?? 0)} ${result.unit}`,
      "p50 ms": Number(figures.p50Ms.toFixed(2)),
      "p99 ms": Number(figures.p99Ms.toFixed(2)),
      "client CPU %": Math.round(loop.clientCpuPercent),
      "server CPU %": loop.serverCpuPercent === undefined ? "—" : Math.round(loop.serverCpuPercent),
      "client µs/req": microsPerRequest(loop.clientCpuPercent),
      "server µs/req": loop.serverCpuPercent === undefined ? "—" : microsPerRequest(loop.serverCpuPercent),
    }));
  });
}
