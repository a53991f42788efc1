import { SEND_MESSAGE_LIMITS } from "../../core/queues/index.js";
import type { Clock } from "../clock.js";
import type { FunctionRunner, InvocationResult } from "../functions/index.js";
import type { QueueService } from "../queues/queue-service.js";
import type { BatchOutcome } from "./batch-outcome.js";
import type { MappingSettings } from "./mapping-settings.js";
import type { QueueWaits } from "./queue-waits.js";
import type { RecordSource, SqsRecord } from "./sqs-event.js";

/** The queue operations a mapping uses. */
export type MappingQueueService = Pick<
  QueueService,
  "receiveMessage" | "deleteMessageBatch" | "changeMessageVisibilityBatch" | "getQueueAttributes" | "queueArn"
>;

/** One invocation of the function with a batch, and what became of the batch. */
export interface MappingInvocationReport {
  readonly uuid: string | undefined;
  readonly queueName: string;
  readonly functionName: string;
  readonly records: number;
  readonly result: InvocationResult;
  readonly outcome: BatchOutcome;
  /** Messages deleted after it. */
  readonly deleted: number;
}

/** Where a mapping's pollers were when something failed. */
export type MappingActivity = "receive" | "wait" | "invoke" | "delete" | "release" | "update";

/** What a mapping tells its owner (metrics, logs). */
export interface MappingListeners {
  /** After each invocation's batch is settled (a throttled one when Lambda would stop retrying it). */
  readonly onInvocation?: (report: MappingInvocationReport) => void;
  /** Messages no filter matched, deleted without an invocation (a drop Lambda makes). Default: logged. */
  readonly onFilteredOut?: (messageIds: readonly string[], queueName: string) => void;
  /** A failure the pollers carry on after (they retry with a back-off). Default: logged. */
  readonly onError?: (error: unknown, activity: MappingActivity) => void;
}

/** A mapping's running counters. */
export interface MappingStats {
  invocations: number;
  recordsInvoked: number;
  recordsDeleted: number;
  recordsFilteredOut: number;
  batchesFailed: number;
  batchesPartiallyFailed: number;
  throttles: number;
}

/** A record in a poller's hands: received, not yet deleted or given back. */
export interface HeldRecord {
  readonly record: SqsRecord;
  /** The record as JSON text, as it goes into the event. */
  readonly json: string;
  /** Its share of the event's JSON. */
  readonly bytes: number;
  readonly receivedAtMs: number;
  /** The VisibilityTimeout the receive asked for; undefined: the queue's own. */
  readonly visibilityTimeoutSeconds: number | undefined;
}

/** What one run of a mapping's pollers (start to stop) shares. */
export interface PollerContext {
  readonly queues: MappingQueueService;
  readonly waits: QueueWaits;
  readonly runner: FunctionRunner;
  readonly clock: Clock;
  readonly uuid: string | undefined;
  readonly queueName: string;
  readonly source: RecordSource;
  /** The settings now: an update reaches the pollers at their next batch. */
  settings(): MappingSettings;
  /** Aborted when the run stops. */
  readonly signal: AbortSignal;
  readonly listeners: Required<MappingListeners>;
  readonly stats: MappingStats;
}

/** Counters at zero. */
export function emptyStats(): MappingStats {
  return {
    invocations: 0,
    recordsInvoked: 0,
    recordsDeleted: 0,
    recordsFilteredOut: 0,
    batchesFailed: 0,
    batchesPartiallyFailed: 0,
    throttles: 0,
  };
}

/** Waits `ms` on the clock, or less if the run stops first. A background wait: it keeps no process up. */
export function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clock.cancel(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = clock.schedule(ms, done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Sleeps until a message may be there to receive: the queue is notified (a send, a visibility change), a hidden
 * message's time comes, `untilMs` passes, or the run stops (its stop notifies the queue). `seenVersion` is the
 * queue's notification count from before the receive that found nothing, so a send in between is not missed.
 */
export async function waitForMessages(
  context: PollerContext,
  untilMs: number,
  seenVersion: number,
): Promise<void> {
  const { clock, waits, queueName, signal } = context;
  const nowMs = clock.nowMs();
  if (signal.aborted || nowMs >= untilMs) return;
  const nextMs = await waits.nextVisibleAtMs(queueName, nowMs);
  if (signal.aborted) return;
  const wakeAtMs = nextMs === null ? untilMs : Math.min(untilMs, nextMs);
  await waits.sleep(queueName, Math.max(0, wakeAtMs - clock.nowMs()), seenVersion);
}

/** Deletes records, ten to a DeleteMessageBatch (SQS's most entries); returns how many SQS accepted. */
export async function deleteRecords(context: PollerContext, records: readonly HeldRecord[]): Promise<number> {
  const answers = await Promise.all(
    chunks(records).map((chunk) =>
      context.queues.deleteMessageBatch(
        context.queueName,
        chunk.map((held, index) => ({ Id: String(index), ReceiptHandle: held.record.receiptHandle })),
      ),
    ),
  );
  return countSuccessful(context, answers, "delete");
}

/** Makes records visible again at once (ChangeMessageVisibility 0): messages a stopping poller did not process. */
export async function releaseRecords(context: PollerContext, records: readonly HeldRecord[]): Promise<void> {
  if (records.length === 0) return;
  const answers = await Promise.all(
    chunks(records).map((chunk) =>
      context.queues.changeMessageVisibilityBatch(
        context.queueName,
        chunk.map((held, index) => ({
          Id: String(index),
          ReceiptHandle: held.record.receiptHandle,
          VisibilityTimeout: 0,
        })),
      ),
    ),
  );
  countSuccessful(context, answers, "release");
}

function countSuccessful(
  context: PollerContext,
  answers: readonly {
    readonly Successful: unknown[];
    readonly Failed: { Code: string; Message: string }[];
  }[],
  activity: MappingActivity,
): number {
  let successful = 0;
  for (const answer of answers) {
    successful += answer.Successful.length;
    // A receipt that no longer holds its message (its visibility ended and someone received it again) is not ours
    // to delete: SQS refuses it, and the message goes on its way.
    for (const failure of answer.Failed) {
      context.listeners.onError(new Error(`${failure.Code}: ${failure.Message}`), activity);
    }
  }
  return successful;
}

function chunks<T>(items: readonly T[]): T[][] {
  const size = SEND_MESSAGE_LIMITS.maxBatchEntries;
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
