/**
 * The child process of bus-crash.test.ts: publishes events on a bus whose rule fans out to three queues
 * and consumes those queues, on the SQLite store, until it is killed with SIGKILL; tells its parent on
 * stdout, one line per fact, what it has done.
 *
 * Run as `node --import tsx test/crash/bus-worker.ts <dataDirectory> <durability> <runId> <seed>`.
 * EventIds are generated, so every event carries its own marker, `<runId>-<n>`, unique across runs, in
 * its detail. The lines (KIND one of WorkerLine):
 * - `SEND <marker> <kind>` before the PutEvents that carries it, kind one of EventKind;
 * - `ACK <marker>` once PutEvents resolved with an EventId for it;
 * - `GOT <queue> <marker> <receivedFromMs> <receivedByMs>` for each message a ReceiveMessage returned,
 *   with Date.now() before and after the call;
 * - `DELETING <queue> <marker>` before the delete, `DEL <queue> <marker>` once it resolved.
 */
import { fileURLToPath } from "node:url";
import { ResourceAlreadyExistsError } from "../../src/core/errors.js";
import type { QueueService } from "../../src/runtime/queues/queue-service.js";
import { createSwitchyard, SWITCHYARD_DEFAULTS, type Switchyard } from "../../src/switchyard.js";
import { backlogOf, deleteMessages } from "./support/queue-calls.js";
import { emit, parseWorkerArguments, pause, runAsWorker, WorkerLine } from "./support/worker-process.js";

/** This file's path, for spawning it. */
export const BUS_WORKER_PATH = fileURLToPath(import.meta.url);

/** The custom bus every run publishes on. */
export const CRASH_BUS_NAME = "crash-bus";
/** The three targets of the fan-out rule: every matching event must reach each of them. */
export const FAN_OUT_QUEUES = ["crash-fan-1", "crash-fan-2", "crash-fan-3"] as const;
/** The only target of a rule that matches none of the events: it must never receive anything. */
export const UNMATCHED_QUEUE = "crash-fan-never";
/** The archive of the bus's matching events. */
export const CRASH_ARCHIVE_NAME = "crash-fan-archive";
/** The queues' VisibilityTimeout, in seconds: what a received, undeleted message is hidden for. */
export const CRASH_VISIBILITY_TIMEOUT_SECONDS = 2;

/** The `kind` in an event's detail: whether the fan-out rule (and the archive) takes it. */
export const EventKind = {
  /** Matches the fan-out rule and the archive. */
  Match: "match",
  /** Matches no rule and no archive: on the bus, then nowhere. */
  Skip: "skip",
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** The detail every event carries. */
interface CrashDetail {
  readonly marker: string;
  readonly kind: EventKind;
}

const SOURCE = "switchyard.crash";
const FAN_OUT_RULE = "crash-fan-out";
/** A content filter (prefix) on the detail, not just the source. */
const FAN_OUT_PATTERN = JSON.stringify({ source: [SOURCE], detail: { kind: [{ prefix: EventKind.Match }] } });
const UNMATCHED_RULE = "crash-never";
/** Every event has a kind, and it is always one of these two: this rule never matches. */
const UNMATCHED_PATTERN = JSON.stringify({
  source: [SOURCE],
  detail: { kind: [{ "anything-but": Object.values(EventKind) }] },
});
const ARCHIVE_PATTERN = JSON.stringify({ source: [SOURCE], detail: { kind: [EventKind.Match] } });

/** The share of events that match the fan-out rule. */
const MATCH_SHARE = 0.7;
/** The share of received messages a consumer leaves undeleted, so they must come back. */
const KEEP_FRACTION = 0.1;
/** Concurrent producers: their PutEvents share group-commit batches with each other and the consumers. */
const PRODUCERS = 3;
/**
 * A producer publishes again at once while every fan-out queue holds about this many messages or fewer,
 * and pauses otherwise: the producers go as fast as the slowest consumer, and the backlog a kill leaves
 * (what the final drain must wait through) stays small.
 */
const MAX_BACKLOG = 100;
const PRODUCER_PAUSE_MS = 5;

/** About how many messages each fan-out queue holds (sent and not yet received), for pacing the producers. */
type Backlogs = Map<string, number>;

function queueArn(queue: string): string {
  return `arn:aws:sqs:${SWITCHYARD_DEFAULTS.region}:${SWITCHYARD_DEFAULTS.account}:${queue}`;
}

/** Runs `create`, taking ResourceAlreadyExists as done: an earlier run may have created it before its kill. */
async function ensure(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsError)) throw error;
  }
}

/**
 * Creates the queues, the bus, its two rules and their targets, and the archive — or finds them, as an
 * earlier run left them: every call is idempotent, so a kill between any two of them is harmless.
 */
async function ensureResources({ queues, events }: Switchyard): Promise<void> {
  for (const queue of [...FAN_OUT_QUEUES, UNMATCHED_QUEUE]) {
    await queues.createQueue({
      QueueName: queue,
      Attributes: { VisibilityTimeout: String(CRASH_VISIBILITY_TIMEOUT_SECONDS) },
    });
  }
  await ensure(() => events.createEventBus(CRASH_BUS_NAME));
  await events.putRule({ Name: FAN_OUT_RULE, EventBusName: CRASH_BUS_NAME, EventPattern: FAN_OUT_PATTERN });
  await events.putTargets(
    FAN_OUT_RULE,
    FAN_OUT_QUEUES.map((queue) => ({ Id: queue, Arn: queueArn(queue) })),
    CRASH_BUS_NAME,
  );
  await events.putRule({
    Name: UNMATCHED_RULE,
    EventBusName: CRASH_BUS_NAME,
    EventPattern: UNMATCHED_PATTERN,
  });
  await events.putTargets(
    UNMATCHED_RULE,
    [{ Id: UNMATCHED_QUEUE, Arn: queueArn(UNMATCHED_QUEUE) }],
    CRASH_BUS_NAME,
  );
  await ensure(() =>
    events.createArchive({
      ArchiveName: CRASH_ARCHIVE_NAME,
      EventSourceArn: `arn:aws:events:${SWITCHYARD_DEFAULTS.region}:${SWITCHYARD_DEFAULTS.account}:event-bus/${CRASH_BUS_NAME}`,
      EventPattern: ARCHIVE_PATTERN,
    }),
  );
}

/**
 * Publishes forever, in PutEvents batches of 1–10 entries of which about MATCH_SHARE match, writing ACK
 * for each marker only after PutEvents resolved with its EventId.
 */
async function produce(
  switchyard: Switchyard,
  nextMarker: () => string,
  backlogs: Backlogs,
  random: () => number,
): Promise<never> {
  for (;;) {
    const details: CrashDetail[] = Array.from({ length: 1 + Math.floor(random() * 10) }, () => ({
      marker: nextMarker(),
      kind: random() < MATCH_SHARE ? EventKind.Match : EventKind.Skip,
    }));
    emit(
      WorkerLine.Send,
      details.map(({ marker, kind }) => `${marker} ${kind}`),
    );
    const response = await switchyard.events.putEvents(
      details.map((detail) => ({
        EventBusName: CRASH_BUS_NAME,
        Source: SOURCE,
        DetailType: "crash test",
        Detail: JSON.stringify(detail),
      })),
    );
    if (response.FailedEntryCount > 0) {
      throw new Error(`PutEvents failed entries: ${JSON.stringify(response.Entries)}`);
    }
    emit(
      WorkerLine.Ack,
      details.map(({ marker }) => marker),
    );
    const matched = details.filter(({ kind }) => kind === EventKind.Match).length;
    for (const queue of FAN_OUT_QUEUES) backlogs.set(queue, (backlogs.get(queue) ?? 0) + matched);
    await pause(Math.max(...backlogs.values()) > MAX_BACKLOG ? PRODUCER_PAUSE_MS : 0);
  }
}

/** The marker of the event a fan-out message carries (the target has no Input: the body is the event). */
function markerOf(body: string): string {
  const event = JSON.parse(body) as { detail?: Partial<CrashDetail> };
  const marker = event.detail?.marker;
  if (typeof marker !== "string") throw new Error(`a message without a marker: ${body}`);
  return marker;
}

/**
 * Receives from one queue forever and deletes about 90% of what it gets, the rest left to come back after
 * the visibility timeout. One consumer a queue, receiving again only after its deletes resolved: every
 * receipt it deletes with is still the message's latest, so a resolved delete really removed the message
 * (a stale receipt would answer success without deleting, as SQS does).
 */
async function consume(
  sqs: QueueService,
  queue: string,
  backlogs: Backlogs,
  random: () => number,
): Promise<never> {
  for (;;) {
    const receivedFromMs = Date.now();
    const messages = await sqs.receiveMessage(queue, { MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
    const receivedByMs = Date.now();
    const received = messages.map((message) => ({ ...message, marker: markerOf(message.Body) }));
    emit(
      WorkerLine.Got,
      received.map(({ marker }) => `${queue} ${marker} ${receivedFromMs} ${receivedByMs}`),
    );
    backlogs.set(queue, (backlogs.get(queue) ?? 0) - messages.length);
    const deleting = received.filter(() => random() >= KEEP_FRACTION);
    if (deleting.length === 0) continue;
    const lines = deleting.map(({ marker }) => `${queue} ${marker}`);
    emit(WorkerLine.Deleting, lines);
    await deleteMessages(sqs, queue, deleting, random);
    emit(WorkerLine.Del, lines);
  }
}

async function main(argv: readonly string[]): Promise<never> {
  const { dataDirectory, durability, runId, random } = parseWorkerArguments(argv, "bus-worker.ts");
  const switchyard = createSwitchyard({
    dataDirectory,
    durability,
    // Every delivery here can be made: one that is not is a failure of the test, not a drop to count.
    onDeliveryFailure: (failure) => {
      throw new Error(`delivery not made: ${JSON.stringify(failure)}`);
    },
  });
  await ensureResources(switchyard);
  const backlogs: Backlogs = new Map();
  for (const queue of FAN_OUT_QUEUES) backlogs.set(queue, await backlogOf(switchyard.queues, queue));
  emit(WorkerLine.Ready, [runId]);
  let published = 0;
  const nextMarker = () => `${runId}-${published++}`;
  return Promise.race([
    ...Array.from({ length: PRODUCERS }, () => produce(switchyard, nextMarker, backlogs, random)),
    ...FAN_OUT_QUEUES.map((queue) => consume(switchyard.queues, queue, backlogs, random)),
  ]);
}

runAsWorker(import.meta.url, "bus-worker", main);
