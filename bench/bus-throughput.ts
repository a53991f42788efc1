/**
 * bench/bus throughput: how many events a second go end to end — published, fanned out to 1 or 4 queues,
 * received and acknowledged — for Switchyard (durability NORMAL and FULL, in one process on SQLite in a
 * temp directory), BullMQ on the machine's Redis and pg-boss on its PostgreSQL, driven alike: 8 producers
 * publishing batches of 10 and 4 consumers per queue (BENCH_BUS_PRODUCERS / BENCH_BUS_CONSUMERS),
 * BENCH_BUS_EVENTS events (BENCH_BUS_PG_BOSS_EVENTS for pg-boss, which is an order of magnitude slower).
 */
import { type BusSystem, benchEvent, sleep } from "./support/bus-system.js";
import { printTable } from "./support/measure.js";
import { openPeer, Peer, peerNote } from "./support/peers.js";
import { openSwitchyardSystem } from "./support/switchyard-system.js";

/**
 * Long enough to measure the sustained rate (about four seconds for Switchyard): a run of 20,000 events lasts
 * under a second, and a share of it is the JIT still compiling — the same process's second such run was 9%
 * faster than its first. Every system measured gets the same count.
 */
const EVENTS = Number(process.env.BENCH_BUS_EVENTS ?? 100_000);
const PG_BOSS_EVENTS = Number(process.env.BENCH_BUS_PG_BOSS_EVENTS ?? 5_000);
/** Producers publishing at once, each waiting for its publish before the next. */
export const PRODUCERS = Number(process.env.BENCH_BUS_PRODUCERS ?? 8);
/** Consumers polling each queue at once, as an event source mapping's pollers would. */
export const CONSUMERS = Number(process.env.BENCH_BUS_CONSUMERS ?? 4);
const TARGET_COUNTS = [1, 4] as const;
/** A run that has not finished by then has lost messages or stalled: it fails rather than hangs. */
const RUN_TIMEOUT_MS = 300_000;
/** Time for the consumers to connect before the clock starts. */
const CONSUMER_STARTUP_MS = 250;

/** One system's end-to-end rate at one fan-out, or why it was not measured. */
export interface ThroughputResult {
  readonly system: string;
  readonly targets: number;
  readonly events: number;
  readonly seconds?: number;
  readonly eventsPerSecond?: number;
  readonly deliveriesPerSecond?: number;
  /** Why there are no figures: the peer was skipped or failed. */
  readonly note?: string;
}

/** Publishes `events` events and resolves when every queue has handed all of them to a consumer. */
async function measure(system: BusSystem, targets: number, events: number): Promise<ThroughputResult> {
  const received = new Array<number>(targets).fill(0);
  let queuesPending = targets;
  let finishedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${system.name} did not finish in ${RUN_TIMEOUT_MS} ms`)),
      RUN_TIMEOUT_MS,
    );
    system.startConsumers((_seq, queueIndex) => {
      const count = (received[queueIndex] as number) + 1;
      received[queueIndex] = count;
      // Consumers still in a poll when the last queue completes do not count.
      if (count === events && --queuesPending === 0) {
        finishedAt = performance.now();
        resolve();
      }
    }, reject);
  });
  try {
    await sleep(CONSUMER_STARTUP_MS);
    const start = performance.now();
    let published = 0;
    const produce = async () => {
      while (published < events) {
        const first = published;
        const count = Math.min(10, events - first);
        published += count;
        await system.publish(Array.from({ length: count }, (_, i) => benchEvent(first + i)));
      }
    };
    await Promise.all([...Array.from({ length: PRODUCERS }, produce), done]);
    const seconds = (finishedAt - start) / 1000;
    return {
      system: system.name,
      targets,
      events,
      seconds,
      eventsPerSecond: events / seconds,
      deliveriesPerSecond: (events * targets) / seconds,
    };
  } finally {
    clearTimeout(timer);
    await system.close();
  }
}

/** Measures every system at 1 and 4 targets and prints one table. */
export async function reportBusThroughput(): Promise<{
  results: ThroughputResult[];
  work: Record<string, string>;
}> {
  const results: ThroughputResult[] = [];
  const work: Record<string, string> = {};
  const run = async (open: () => Promise<BusSystem>, targets: number, events: number) => {
    const system = await open();
    work[system.name] = system.work;
    results.push(await measure(system, targets, events));
  };
  for (const durability of ["normal", "full"] as const) {
    for (const targets of TARGET_COUNTS) {
      await run(
        () => openSwitchyardSystem({ durability, targets, consumersPerQueue: CONSUMERS }),
        targets,
        EVENTS,
      );
    }
  }
  const peers = [
    { peer: Peer.BullMq, events: EVENTS },
    { peer: Peer.PgBossFetch, events: PG_BOSS_EVENTS },
  ];
  for (const { peer, events } of peers) {
    for (const targets of TARGET_COUNTS) {
      try {
        await run(
          () => openPeer(peer, { targets, consumersPerQueue: CONSUMERS, producers: PRODUCERS }),
          targets,
          events,
        );
      } catch (error) {
        results.push({ system: peer, targets, events, note: peerNote(peer, error) });
      }
    }
  }
  printThroughput(results, work);
  return { results, work };
}

function printThroughput(results: readonly ThroughputResult[], work: Readonly<Record<string, string>>): void {
  printTable(
    `bench/bus throughput — publish (batches of 10, ${PRODUCERS} producers) → queue(s) → receive → acknowledge (${CONSUMERS} consumers per queue)`,
    results.map((r) => ({
      system: r.system,
      targets: r.targets,
      events: r.events,
      seconds: r.seconds === undefined ? "—" : Number(r.seconds.toFixed(2)),
      "events/s": r.eventsPerSecond === undefined ? "—" : Math.round(r.eventsPerSecond),
      "deliveries/s": r.deliveriesPerSecond === undefined ? "—" : Math.round(r.deliveriesPerSecond),
      note: r.note ?? "",
    })),
  );
  console.log("What each does:");
  for (const [system, text] of Object.entries(work)) console.log(`  ${system}: ${text}`);
}
