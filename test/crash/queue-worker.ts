/**
 * The child process of queue-crash.test.ts: sends and receives messages on the SQLite store until it is
 * killed with SIGKILL, and tells its parent on stdout, one line per fact, what it has done.
 *
 * Run as `node --import tsx test/crash/queue-worker.ts <dataDirectory> <durability> <runId> <seed>`.
 * Every body it sends is `<runId>-<n>`, unique across runs. Each line is `<KIND> <body>`, KIND one of
 * WorkerLine; an ACK is written only once its send has resolved and a DEL only once its delete has.
 */
import { fileURLToPath } from "node:url";
import { createSystemClock } from "../../src/runtime/clock.js";
import { createRandomIds } from "../../src/runtime/ids.js";
import { createQueueService, type QueueService } from "../../src/runtime/queues/queue-service.js";
import { createSqliteQueueStore, type Durability } from "../../src/store/sqlite/index.js";
import { backlogOf, deleteMessages } from "./support/queue-calls.js";
import { emit, parseWorkerArguments, pause, runAsWorker, WorkerLine } from "./support/worker-process.js";

/** The queue every run works on. */
export const CRASH_QUEUE_NAME = "crash-q";

/** The queue's VisibilityTimeout, in seconds: what a received, undeleted message is hidden for. */
export const CRASH_VISIBILITY_TIMEOUT_SECONDS = 2;

/** This file's path, for spawning it. */
export const QUEUE_WORKER_PATH = fileURLToPath(import.meta.url);

/** The share of received messages the consumer leaves undeleted, so they must come back. */
const KEEP_FRACTION = 0.1;
/** Concurrent producers: their sends share group-commit batches with each other and with the consumer. */
const PRODUCERS = 3;
/**
 * A producer sends again at once while the queue holds about this many messages or fewer, and pauses
 * otherwise: the producers go as fast as the consumer, and the backlog a kill leaves (what the final
 * drain must wait through) stays small.
 */
const MAX_BACKLOG = 100;
const PRODUCER_PAUSE_MS = 5;

/** About how many messages the queue holds (sent and not yet received), for pacing the producers. */
interface Pace {
  backlog: number;
}

/** Sends forever, singly and in batches of 1–10, writing ACK for each body only after its send resolved. */
async function produce(
  sqs: QueueService,
  nextBody: () => string,
  pace: Pace,
  random: () => number,
): Promise<never> {
  for (;;) {
    if (random() < 0.5) {
      const body = nextBody();
      emit(WorkerLine.Send, [body]);
      await sqs.sendMessage(CRASH_QUEUE_NAME, { MessageBody: body });
      emit(WorkerLine.Ack, [body]);
      pace.backlog += 1;
    } else {
      const bodies = Array.from({ length: 1 + Math.floor(random() * 10) }, nextBody);
      emit(WorkerLine.Send, bodies);
      const result = await sqs.sendMessageBatch(
        CRASH_QUEUE_NAME,
        bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
      );
      if (result.Failed.length > 0) {
        throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(result.Failed)}`);
      }
      emit(
        WorkerLine.Ack,
        result.Successful.map((entry) => bodies[Number(entry.Id)] as string),
      );
      pace.backlog += result.Successful.length;
    }
    await pause(pace.backlog > MAX_BACKLOG ? PRODUCER_PAUSE_MS : 0);
  }
}

/**
 * Receives forever and deletes about 90% of what it gets, the rest left to come back after the
 * visibility timeout. One consumer, receiving again only after its deletes resolved: every receipt it
 * deletes with is still the message's latest, so a resolved delete really removed the message (a stale
 * receipt would answer success without deleting, as SQS does).
 */
async function consume(sqs: QueueService, pace: Pace, random: () => number): Promise<never> {
  for (;;) {
    const messages = await sqs.receiveMessage(CRASH_QUEUE_NAME, {
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
    });
    emit(
      WorkerLine.Got,
      messages.map((message) => message.Body),
    );
    pace.backlog -= messages.length;
    const deleting = messages.filter(() => random() >= KEEP_FRACTION);
    if (deleting.length === 0) continue;
    const bodies = deleting.map((message) => message.Body);
    emit(WorkerLine.Deleting, bodies);
    await deleteMessages(sqs, CRASH_QUEUE_NAME, deleting, random);
    emit(WorkerLine.Del, bodies);
  }
}

/**
 * The queue service on the SQLite store alone — no bus, no background work — as the worker and the test's
 * drain both use it.
 */
export function openQueueService(
  dataDirectory: string,
  durability: Durability,
): { readonly sqs: QueueService; close(): Promise<void> } {
  const { store, close } = createSqliteQueueStore({ dataDirectory, durability });
  const sqs = createQueueService({
    store,
    clock: createSystemClock(),
    ids: createRandomIds(),
    account: "000000000000",
    region: "us-east-1",
  });
  return { sqs, close };
}

async function main(argv: readonly string[]): Promise<never> {
  const { dataDirectory, durability, runId, random } = parseWorkerArguments(argv, "queue-worker.ts");
  const { sqs } = openQueueService(dataDirectory, durability);
  await sqs.createQueue({
    QueueName: CRASH_QUEUE_NAME,
    Attributes: { VisibilityTimeout: String(CRASH_VISIBILITY_TIMEOUT_SECONDS) },
  });
  const pace: Pace = { backlog: await backlogOf(sqs, CRASH_QUEUE_NAME) };
  emit(WorkerLine.Ready, [runId]);
  let sent = 0;
  const nextBody = () => `${runId}-${sent++}`;
  return Promise.race([
    ...Array.from({ length: PRODUCERS }, () => produce(sqs, nextBody, pace, random)),
    consume(sqs, pace, random),
  ]);
}

runAsWorker(import.meta.url, "queue-worker", main);
