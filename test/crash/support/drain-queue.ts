/**
 * The end of a crash test: empties a queue the killed workers left behind, in the test's own process.
 */
import type { QueueService } from "../../../src/runtime/queues/queue-service.js";

/** The drain's own VisibilityTimeout: longer than the drain, so nothing it took comes back during it. */
const DRAIN_VISIBILITY_TIMEOUT_SECONDS = 60;
/** How long a drain may take beyond the queue's visibility timeout, which is all it needs to wait out. */
const DRAIN_SLACK_MS = 15_000;

/** A message the drain received, and the span of the ReceiveMessage call that returned it. */
export interface DrainedMessage {
  readonly body: string;
  /** Date.now() before the call: the receive happened at or after it. */
  readonly receivedFromMs: number;
  /** Date.now() after the call: the receive happened at or before it. */
  readonly receivedByMs: number;
}

/** What the drain found, and whether the queue ended empty. */
export interface DrainReport {
  readonly messages: readonly DrainedMessage[];
  readonly emptied: boolean;
}

/**
 * Receives and deletes until the queue is empty — nothing visible, in flight or delayed — which takes
 * until the last worker's in-flight messages have become visible again, given the queue's
 * VisibilityTimeout; bounded by that plus DRAIN_SLACK_MS.
 */
export async function drainQueue(
  sqs: QueueService,
  queue: string,
  visibilityTimeoutSeconds: number,
): Promise<DrainReport> {
  const drained: DrainedMessage[] = [];
  const deadlineMs = Date.now() + visibilityTimeoutSeconds * 1000 + DRAIN_SLACK_MS;
  while (Date.now() < deadlineMs) {
    const receivedFromMs = Date.now();
    const messages = await sqs.receiveMessage(queue, {
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: DRAIN_VISIBILITY_TIMEOUT_SECONDS,
    });
    const receivedByMs = Date.now();
    if (messages.length > 0) {
      for (const { Body } of messages) drained.push({ body: Body, receivedFromMs, receivedByMs });
      const result = await sqs.deleteMessageBatch(
        queue,
        messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
      );
      if (result.Failed.length > 0) {
        throw new Error(`draining ${queue}: DeleteMessageBatch failed ${JSON.stringify(result.Failed)}`);
      }
      continue;
    }
    const attributes = await sqs.getQueueAttributes(queue, [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
      "ApproximateNumberOfMessagesDelayed",
    ]);
    if (Object.values(attributes).every((count) => count === "0")) {
      return { messages: drained, emptied: true };
    }
  }
  return { messages: drained, emptied: false };
}
