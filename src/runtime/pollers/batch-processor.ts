import { type InvocationResult, SerializedEvent } from "../functions/index.js";
import { type BatchOutcome, readBatchOutcome } from "./batch-outcome.js";
import {
  deleteRecords,
  type HeldRecord,
  type PollerContext,
  pause,
  releaseRecords,
} from "./poller-context.js";

/** The first wait before a throttled batch is tried again; each retry doubles it, up to the longest. */
const THROTTLE_RETRY = Object.freeze({ firstDelayMs: 1_000, longestDelayMs: 20_000 });

/**
 * Invokes the function with a batch and settles it as Lambda does: deletes what succeeded (everything, everything
 * but the reported failures, or nothing — see `readBatchOutcome`) and leaves the rest, which comes back when its
 * visibility timeout ends; Lambda never changes a failed message's visibility. A throttled invocation (reserved
 * concurrency) is tried again with a growing back-off "until the message's timestamp exceeds your queue's visibility
 * timeout" (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html); then it is left to return.
 * A stopping poller does not retry: it gives a throttled batch back at once.
 */
export async function processBatch(context: PollerContext, records: readonly HeldRecord[]): Promise<void> {
  // `{"Records": [...]}` from the records' own JSON text: each was written once, when its size was measured.
  const event = new SerializedEvent(`{"Records":[${records.map((held) => held.json).join(",")}]}`);
  const messageIds = records.map((held) => held.record.messageId);
  let delayMs: number = THROTTLE_RETRY.firstDelayMs;
  let deadlineMs: number | undefined;
  for (;;) {
    let result: InvocationResult;
    try {
      result = await context.runner.invoke(event);
    } catch (error) {
      // The runner refused the event (it is closing): nothing ran, the messages return when their visibility ends.
      context.listeners.onError(error, "invoke");
      return;
    }
    const outcome = readBatchOutcome(result, messageIds, context.settings().reportBatchItemFailures);
    if (outcome.kind !== "throttled") {
      await settle(context, records, result, outcome);
      return;
    }
    context.stats.throttles++;
    deadlineMs ??= await visibilityDeadline(context, records);
    if (context.signal.aborted) {
      await releaseRecords(context, records);
      return report(context, records, result, outcome, 0);
    }
    if (context.clock.nowMs() + delayMs >= deadlineMs) return report(context, records, result, outcome, 0);
    await pause(context.clock, delayMs, context.signal);
    delayMs = Math.min(delayMs * 2, THROTTLE_RETRY.longestDelayMs);
  }
}

async function settle(
  context: PollerContext,
  records: readonly HeldRecord[],
  result: InvocationResult,
  outcome: BatchOutcome,
): Promise<void> {
  const failed = outcome.kind === "partial" ? new Set(outcome.failedMessageIds) : undefined;
  const toDelete =
    outcome.kind === "succeeded"
      ? records
      : failed === undefined
        ? []
        : records.filter((held) => !failed.has(held.record.messageId));
  const deleted = toDelete.length === 0 ? 0 : await deleteRecords(context, toDelete);
  const { stats } = context;
  stats.invocations++;
  stats.recordsInvoked += records.length;
  stats.recordsDeleted += deleted;
  if (outcome.kind === "failed") stats.batchesFailed++;
  if (outcome.kind === "partial") stats.batchesPartiallyFailed++;
  report(context, records, result, outcome, deleted);
}

function report(
  context: PollerContext,
  records: readonly HeldRecord[],
  result: InvocationResult,
  outcome: BatchOutcome,
  deleted: number,
): void {
  context.listeners.onInvocation({
    uuid: context.uuid,
    queueName: context.queueName,
    functionName: context.runner.definition.name,
    records: records.length,
    result,
    outcome,
    deleted,
  });
}

/** When the first of the records becomes visible again: the receive's time plus the visibility it was given. */
async function visibilityDeadline(context: PollerContext, records: readonly HeldRecord[]): Promise<number> {
  let queueSeconds: number | undefined;
  let deadlineMs = Number.POSITIVE_INFINITY;
  for (const held of records) {
    let seconds = held.visibilityTimeoutSeconds;
    if (seconds === undefined) {
      queueSeconds ??= Number(
        (await context.queues.getQueueAttributes(context.queueName, ["VisibilityTimeout"])).VisibilityTimeout,
      );
      seconds = queueSeconds;
    }
    deadlineMs = Math.min(deadlineMs, held.receivedAtMs + seconds * 1000);
  }
  return deadlineMs;
}
