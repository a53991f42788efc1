/**
 * BullMQ on the machine's Redis: addBulk to each of `targets` queues (BullMQ has no routing, so the
 * producer fans out, one addBulk per queue, not atomically); each queue has `consumersPerQueue` workers
 * of concurrency 10, which take a job (BZPOPMIN wakes an idle worker), run it and complete it, the job
 * removed on completion as a deleted SQS message is. Redis here keeps nothing on disk.
 */
import { Queue, Worker } from "bullmq";
import type { BenchEvent, BusSystem, BusSystemOptions } from "./bus-system.js";
import { REDIS_URL, uniqueRunName } from "./peer-servers.js";

/** Jobs one worker runs at once: as many as one ReceiveMessage hands a Switchyard poller. */
const WORKER_CONCURRENCY = 10;

/** Opens `targets` BullMQ queues under a key prefix of their own. */
export async function openBullmqSystem(options: BusSystemOptions): Promise<BusSystem> {
  // BullMQ's workers block on Redis and must not give up on a slow command.
  const connection = {
    host: REDIS_URL.hostname,
    port: Number(REDIS_URL.port),
    maxRetriesPerRequest: null,
  };
  const prefix = uniqueRunName("switchyard-bench");
  const names = Array.from({ length: options.targets }, (_, i) => `bench-${i}`);
  const queues = names.map(
    (name) =>
      new Queue(name, {
        connection,
        prefix,
        defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
      }),
  );
  await Promise.all(queues.map((queue) => queue.waitUntilReady()));
  const workers: Worker[] = [];
  return {
    name: "BullMQ (Redis)",
    work: `addBulk (≤10 jobs) per queue, fan-out by the producer; ${options.consumersPerQueue} workers × concurrency ${WORKER_CONCURRENCY} per queue, job removed on complete`,
    async publish(batch: readonly BenchEvent[]) {
      await Promise.all(
        queues.map((queue) => queue.addBulk(batch.map((event) => ({ name: "event", data: event })))),
      );
    },
    startConsumers(onReceive, onError) {
      names.forEach((name, queueIndex) => {
        for (let i = 0; i < options.consumersPerQueue; i++) {
          const worker = new Worker<BenchEvent>(
            name,
            async (job) => {
              onReceive(job.data.detail.seq, queueIndex);
            },
            { connection, prefix, concurrency: WORKER_CONCURRENCY },
          );
          worker.on("error", onError);
          worker.on("failed", (_job, error) => onError(error));
          workers.push(worker);
        }
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      for (const queue of queues) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}
