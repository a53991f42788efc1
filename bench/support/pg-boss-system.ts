/**
 * pg-boss 10 on the machine's PostgreSQL, in a schema of its own dropped at the end. One `insert` writes
 * a batch for every queue in one statement (so its fan-out is atomic, like Switchyard's). Consumers either
 * loop on fetch(batchSize 10) → complete(ids), sleeping between empty fetches since pg-boss has no
 * blocking fetch, or use pg-boss's own `work()` loop, which polls at its minimum interval of 0.5 s and
 * completes each batch when the handler returns.
 */
import PgBoss from "pg-boss";
import type { BenchEvent, BusSystem, BusSystemOptions } from "./bus-system.js";
import { sleep, startLoops } from "./bus-system.js";
import { PeerUnavailableError, POSTGRES_URLS, uniqueRunName } from "./peer-servers.js";

/** Jobs one fetch takes: as many as one ReceiveMessage. */
const BATCH_SIZE = 10;
/** How long a fetch loop waits after an empty fetch. */
const IDLE_POLL_MS = 10;
/** pg-boss 10's smallest `pollingIntervalSeconds`. */
const MIN_POLLING_INTERVAL_SECONDS = 0.5;
/**
 * Jobs one `work()` poll takes. A worker waits out the polling interval after each batch, so with 10 a
 * queue's 4 workers would take at most 80 jobs a second; 200 lets them keep up with 1,000 a second.
 */
const WORK_BATCH_SIZE = 200;

/** How consumers take jobs: a fetch → complete loop of ours, or pg-boss's `work()`. */
export type PgBossConsumer = "fetch" | "work";

/** Starts pg-boss in a fresh schema (trying each of POSTGRES_URLS) with `targets` queues. */
export async function openPgBossSystem(
  options: BusSystemOptions & { readonly consumer: PgBossConsumer; readonly producers: number },
): Promise<BusSystem> {
  const schema = uniqueRunName("switchyard_bench");
  const { boss, connectionString } = await startBoss(
    schema,
    options.producers + options.targets * options.consumersPerQueue,
  );
  const names = Array.from({ length: options.targets }, (_, i) => `bench-${i}`);
  for (const name of names) await boss.createQueue(name);
  let consumers: { stop(): Promise<void> } | undefined;
  const consumerWork =
    options.consumer === "fetch"
      ? `fetch(batchSize ${BATCH_SIZE}) → complete(ids) loop, ${IDLE_POLL_MS} ms sleep when empty`
      : `work(batchSize ${WORK_BATCH_SIZE}), polls every ${MIN_POLLING_INTERVAL_SECONDS} s (its minimum)`;
  return {
    name: `pg-boss (PostgreSQL) ${options.consumer}`,
    work: `insert (≤10 jobs × queues) in one statement; ${options.consumersPerQueue} × ${consumerWork} per queue; completed jobs are kept (archived later)`,
    async publish(batch: readonly BenchEvent[]) {
      await boss.insert(names.flatMap((name) => batch.map((event) => ({ name, data: event }))));
    },
    startConsumers(onReceive, onError) {
      boss.on("error", onError);
      if (options.consumer === "fetch") {
        consumers = startLoops(
          names.length * options.consumersPerQueue,
          async (index, isStopping) => {
            const queueIndex = index % names.length;
            const name = names[queueIndex] as string;
            while (!isStopping()) {
              const jobs = await boss.fetch<BenchEvent>(name, { batchSize: BATCH_SIZE });
              if (jobs.length === 0) {
                await sleep(IDLE_POLL_MS);
                continue;
              }
              for (const job of jobs) onReceive(job.data.detail.seq, queueIndex);
              await boss.complete(
                name,
                jobs.map((job) => job.id),
              );
            }
          },
          onError,
        );
        return;
      }
      names.forEach((name, queueIndex) => {
        for (let i = 0; i < options.consumersPerQueue; i++) {
          boss
            .work<BenchEvent>(
              name,
              { batchSize: WORK_BATCH_SIZE, pollingIntervalSeconds: MIN_POLLING_INTERVAL_SECONDS },
              async (jobs) => {
                for (const job of jobs) onReceive(job.data.detail.seq, queueIndex);
              },
            )
            .catch(onError);
        }
      });
    },
    async close() {
      try {
        await consumers?.stop();
        // Graceful: waits for the jobs work() handlers hold, then closes the pool, so a fetch still on
        // its way fails (reported to onError, settled by then) rather than meeting a dropped schema.
        await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      } finally {
        await dropSchema(connectionString, schema);
      }
    },
  };
}

async function startBoss(
  schema: string,
  connections: number,
): Promise<{ boss: PgBoss; connectionString: string }> {
  const failures: string[] = [];
  for (const connectionString of POSTGRES_URLS) {
    // No cron or maintenance timers: the run is short and they would only add noise.
    const boss = new PgBoss({
      connectionString,
      schema,
      max: connections,
      schedule: false,
      supervise: false,
    });
    try {
      await boss.start();
      return { boss, connectionString };
    } catch (error) {
      failures.push(`${connectionString}: ${error instanceof Error ? error.message : String(error)}`);
      await boss.stop({ graceful: false, wait: true }).catch((stopError: unknown) => {
        failures.push(`and stopping it: ${String(stopError)}`);
      });
    }
  }
  throw new PeerUnavailableError(`pg-boss could not start: ${failures.join("; ")}`);
}

/** Drops the run's schema through a pg-boss of its own, the run's having closed its pool. */
async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const boss = new PgBoss({
    connectionString,
    schema,
    max: 1,
    schedule: false,
    supervise: false,
    migrate: false,
  });
  await boss.start();
  try {
    await boss.getDb().executeSql(`DROP SCHEMA ${schema} CASCADE`, []);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
