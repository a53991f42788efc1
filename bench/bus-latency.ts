/**
 * bench/bus latency: publish → receive at a steady rate (BENCH_BUS_LATENCY_RATE, 1,000 events/s) for
 * BENCH_BUS_LATENCY_SECONDS (10 s) after a warm-up (BENCH_BUS_LATENCY_WARMUP_SECONDS, 3 s); one target,
 * 4 consumers. Open loop: event i is due at start + i / rate and is sent as a publish of its own then,
 * whether or not earlier ones have returned; its latency runs from that due time to the moment a consumer
 * holds it, so a publisher held up (a blocked event loop, a late timer) counts against the system rather
 * than hiding. The "send lag" column shows how late the sends themselves left: Node's timers alone make
 * that up to about a millisecond, anything more is the event loop being blocked.
 */
import { CONSUMERS, PRODUCERS } from "./bus-throughput.js";
import { type BusSystem, benchEvent, sleep } from "./support/bus-system.js";
import { printTable } from "./support/measure.js";
import { latencySummary, type OpenLoopRun, runOpenLoop } from "./support/open-loop.js";
import { openPeer, Peer, peerNote } from "./support/peers.js";
import { openSwitchyardSystem } from "./support/switchyard-system.js";

const RATE_PER_SECOND = Number(process.env.BENCH_BUS_LATENCY_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_BUS_LATENCY_SECONDS ?? 10);
/** Long enough for the JIT and the peers' connection pools to settle; a shorter one shows start-up. */
const WARMUP_SECONDS = Number(process.env.BENCH_BUS_LATENCY_WARMUP_SECONDS ?? 3);
/** How long after the last send the run waits for the events still on their way. */
const DRAIN_TIMEOUT_MS = 10_000;
const CONSUMER_STARTUP_MS = 250;
/** The target for Switchyard in one process. */
export const TARGET_P99_MS = 2;

/** One system's latency distribution, in milliseconds, or why it was not measured. */
export interface LatencyResult {
  readonly system: string;
  readonly events: number;
  readonly p50Ms?: number;
  readonly p90Ms?: number;
  readonly p99Ms?: number;
  readonly maxMs?: number;
  readonly sendLagP99Ms?: number;
  readonly note?: string;
}

async function measure(system: BusSystem): Promise<LatencyResult> {
  const warmup = WARMUP_SECONDS * RATE_PER_SECOND;
  const total = warmup + SECONDS * RATE_PER_SECOND;
  const receivedAtMs = new Float64Array(total).fill(Number.NaN);
  let received = 0;
  let failed: (error: unknown) => void = () => {};
  let allReceived: () => void = () => {};
  const arrived = new Promise<void>((resolve, reject) => {
    allReceived = resolve;
    failed = reject;
  });
  system.startConsumers((seq) => {
    if (!Number.isNaN(receivedAtMs[seq] as number)) return;
    receivedAtMs[seq] = performance.now();
    if (++received === total) allReceived();
  }, failed);
  let run: OpenLoopRun;
  try {
    await sleep(CONSUMER_STARTUP_MS);
    run = await runOpenLoop({
      total,
      ratePerSecond: RATE_PER_SECOND,
      send: (seq) => void system.publish([benchEvent(seq)]).catch(failed),
      arrived,
      drainTimeoutMs: DRAIN_TIMEOUT_MS,
    });
  } finally {
    await system.close();
  }
  // An event not received by the deadline took at least until then: counting it so keeps the
  // percentiles of a system that falls behind honest lower bounds instead of flattering survivors.
  const due = (seq: number) => run.startMs + seq * run.intervalMs;
  const measured = receivedAtMs
    .subarray(warmup)
    .map((at, i) => (Number.isNaN(at) ? run.deadlineMs : at) - due(warmup + i));
  const missing = total - received;
  return {
    system: system.name,
    events: measured.length,
    ...latencySummary(measured, run, warmup),
    ...(missing === 0
      ? {}
      : {
          note: `${missing} events not received ${DRAIN_TIMEOUT_MS / 1000} s after the last send: cannot keep up, figures are lower bounds`,
        }),
  };
}

/** Measures Switchyard NORMAL and FULL and the peers at the steady rate and prints one table. */
export async function reportBusLatency(): Promise<{
  results: LatencyResult[];
  work: Record<string, string>;
}> {
  const results: LatencyResult[] = [];
  const work: Record<string, string> = {};
  const run = async (open: () => Promise<BusSystem>) => {
    const system = await open();
    work[system.name] = system.work;
    results.push(await measure(system));
  };
  const options = { targets: 1, consumersPerQueue: CONSUMERS };
  for (const durability of ["normal", "full"] as const) {
    await run(() => openSwitchyardSystem({ ...options, durability }));
  }
  for (const peer of [Peer.BullMq, Peer.PgBossFetch, Peer.PgBossWork]) {
    try {
      await run(() => openPeer(peer, { ...options, producers: PRODUCERS }));
    } catch (error) {
      results.push({ system: peer, events: SECONDS * RATE_PER_SECOND, note: peerNote(peer, error) });
    }
  }
  const ms = (value: number | undefined) => (value === undefined ? "—" : Number(value.toFixed(2)));
  printTable(
    `bench/bus latency — publish → consumer holds it, open loop at ${RATE_PER_SECOND.toLocaleString("en-US")} events/s for ${SECONDS} s, 1 target, ${CONSUMERS} consumers (target: Switchyard p99 ≤ ${TARGET_P99_MS} ms)`,
    results.map((r) => ({
      system: r.system,
      events: r.events,
      "p50 ms": ms(r.p50Ms),
      "p90 ms": ms(r.p90Ms),
      "p99 ms": ms(r.p99Ms),
      "max ms": ms(r.maxMs),
      "send lag p99 ms": ms(r.sendLagP99Ms),
      note: r.note ?? "",
    })),
  );
  return { results, work };
}
