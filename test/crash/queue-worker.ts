/**
 * The child process of queue-crash.test.ts: sends and receives messages on the SQLite store until it is
 * killed with SIGKILL, and tells its parent on stdout, one line per fact, what it has done.
 *
 * Run as `node --import tsx test/crash/queue-worker.ts <dataDirectory> <durability> <runId> <seed>`.
 * Every body it sends is `<runId>-<n>`, unique across runs. Each line is `<KIND> <body>`, KIND one of
 * WorkerLine; an ACK is written only once its send has resolved and a DEL only once its delete has.
 */
import { writeSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSystemClock } from "../../src/runtime/clock.js";
import { createRandomIds } from "../../src/runtime/ids.js";
import { createQueueService, type QueueService } from "../../src/runtime/queues/queue-service.js";
import { createSqliteQueueStore, Durability } from "../../src/store/sqlite/index.js";

/** The queue every run works on. */
export const CRASH_QUEUE_NAME = "crash-q";

/** The queue's VisibilityTimeout, in seconds: what a received, undeleted message is hidden for. */
export const CRASH_VISIBILITY_TIMEOUT_SECONDS = 2;

/** This file's path, for spawning it. */
export const QUEUE_WORKER_PATH = fileURLToPath(import.meta.url);

/** What a stdout line of the worker states about its body (READY's "body" is the run id). */
export const WorkerLine = {
  /** The store is open and the queue exists; the producers and the consumer start. */
  Ready: "READY",
  /** About to send: the message may or may not be committed. */
  Send: "SEND",
  /** SendMessage / SendMessageBatch resolved for it: it is acknowledged and must never be lost. */
  Ack: "ACK",
  /** ReceiveMessage returned it. */
  Got: "GOT",
  /** About to delete it: the delete may or may not be committed. */
  Deleting: "DELETING",
  /** DeleteMessage resolved for it: it must never come back. */
  Del: "DEL",
} as const;
export type WorkerLine = (typeof WorkerLine)[keyof typeof WorkerLine];

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

/**
 * mulberry32: a small seeded generator of numbers in [0, 1), so a run's choices can be replayed.
 * @example
 * const random = seededRandom(42);
 * const coin = random() < 0.5;
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Writes lines to stdout with write(2) before returning. process.stdout.write is asynchronous on a pipe:
 * a line still in its buffer dies with the process, and the parent would miss an ACK that was given.
 * Node may have made the pipe non-blocking, so a full pipe (EAGAIN) is waited out until the parent reads.
 */
function emit(kind: WorkerLine, bodies: readonly string[]): void {
  if (bodies.length === 0) return;
  const buffer = Buffer.from(bodies.map((body) => `${kind} ${body}\n`).join(""));
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => (ms === 0 ? setImmediate(done) : setTimeout(done, ms)));
}

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
    if (random() < 0.5) {
      const result = await sqs.deleteMessageBatch(
        CRASH_QUEUE_NAME,
        deleting.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
      );
      if (result.Failed.length > 0) {
        throw new Error(`DeleteMessageBatch failed entries: ${JSON.stringify(result.Failed)}`);
      }
    } else {
      // Concurrent single deletes: they land in one group-commit batch.
      await Promise.all(
        deleting.map((message) => sqs.deleteMessage(CRASH_QUEUE_NAME, message.ReceiptHandle)),
      );
    }
    emit(WorkerLine.Del, bodies);
  }
}

function parseDurability(value: string | undefined): Durability {
  const durability = Object.values(Durability).find((d) => d === value);
  if (durability === undefined) throw new Error(`durability must be "normal" or "full", not ${value}`);
  return durability;
}

async function main(argv: readonly string[]): Promise<never> {
  const [dataDirectory, durabilityText, runId, seedText] = argv;
  if (dataDirectory === undefined || runId === undefined || seedText === undefined) {
    throw new Error("usage: queue-worker.ts <dataDirectory> <normal|full> <runId> <seed>");
  }
  // The parent's end of stdin closes when the parent dies: no worker outlives its test.
  process.stdin.on("end", () => process.exit(3)).resume();
  const random = seededRandom(Number(seedText));
  const { store } = createSqliteQueueStore({ dataDirectory, durability: parseDurability(durabilityText) });
  const sqs = createQueueService({
    store,
    clock: createSystemClock(),
    ids: createRandomIds(),
    account: "000000000000",
    region: "us-east-1",
  });
  await sqs.createQueue({
    QueueName: CRASH_QUEUE_NAME,
    Attributes: { VisibilityTimeout: String(CRASH_VISIBILITY_TIMEOUT_SECONDS) },
  });
  const counts = await sqs.getQueueAttributes(CRASH_QUEUE_NAME, [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
  ]);
  const pace: Pace = {
    backlog:
      Number(counts.ApproximateNumberOfMessages) + Number(counts.ApproximateNumberOfMessagesNotVisible),
  };
  emit(WorkerLine.Ready, [runId]);
  let sent = 0;
  const nextBody = () => `${runId}-${sent++}`;
  return Promise.race([
    ...Array.from({ length: PRODUCERS }, () => produce(sqs, nextBody, pace, random)),
    consume(sqs, pace, random),
  ]);
}

const entryPoint = process.argv[1];
if (entryPoint !== undefined && import.meta.url === pathToFileURL(resolve(entryPoint)).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `queue-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
