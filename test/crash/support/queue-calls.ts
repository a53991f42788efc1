/**
 * What a crash worker asks of its queues besides receiving: how much is waiting, and deleting — half the
 * time in one DeleteMessageBatch, half the time in concurrent DeleteMessage calls, which land in one
 * group-commit batch: both paths a kill can cut short.
 */
import type { QueueService } from "../../../src/runtime/queues/queue-service.js";

/** Deletes `messages` from `queue` by one of the two paths, chosen by `random`; a failed entry throws. */
export async function deleteMessages(
  sqs: QueueService,
  queue: string,
  messages: readonly { readonly ReceiptHandle: string }[],
  random: () => number,
): Promise<void> {
  if (random() < 0.5) {
    const result = await sqs.deleteMessageBatch(
      queue,
      messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
    );
    if (result.Failed.length > 0) {
      throw new Error(`DeleteMessageBatch failed entries: ${JSON.stringify(result.Failed)}`);
    }
  } else {
    await Promise.all(messages.map((message) => sqs.deleteMessage(queue, message.ReceiptHandle)));
  }
}

/** How many messages `queue` holds, visible or in flight: a restarted worker's backlog to pace against. */
export async function backlogOf(sqs: QueueService, queue: string): Promise<number> {
  const counts = await sqs.getQueueAttributes(queue, [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
  ]);
  return Number(counts.ApproximateNumberOfMessages) + Number(counts.ApproximateNumberOfMessagesNotVisible);
}
