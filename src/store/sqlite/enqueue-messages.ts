import type { Enqueue, EnqueueOutcome } from "../queue-store.js";
import type { QueueKey, QueueTables } from "./queue-tables.js";

/**
 * Runs an enqueue (see QueueStore.enqueue) inside the caller's transaction. Every queue is looked up before
 * anything is written, so a missing one throws QueueDoesNotExistError with nothing of the call written.
 */
export function enqueueMessages(tables: QueueTables, items: readonly Enqueue[]): EnqueueOutcome[] {
  const queues = new Map<string, QueueKey>();
  for (const { queue } of items) if (!queues.has(queue)) queues.set(queue, tables.queueKey(queue));
  return items.map(({ queue: name, message, deduplicateSinceMs }): EnqueueOutcome => {
    const queue = queues.get(name) as QueueKey;
    const deduplication =
      deduplicateSinceMs === undefined || message.deduplicationId === null
        ? undefined
        : { id: message.deduplicationId, sinceMs: deduplicateSinceMs };
    if (deduplication !== undefined) {
      const earlier = tables.deduplicationRecord(queue.id, deduplication.id);
      // SQS: a message with a deduplication id accepted within the window "is accepted successfully but
      // isn't delivered" (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html).
      if (earlier !== undefined && earlier.sent_at_ms > deduplication.sinceMs) {
        return { stored: false, duplicateOf: { messageId: earlier.message_id, sequence: earlier.sequence } };
      }
    }
    const row = tables.insertMessage(queue, message);
    if (deduplication !== undefined) {
      tables.recordDeduplication(
        queue.id,
        { ...row, deduplication_id: deduplication.id },
        deduplication.sinceMs,
      );
    }
    return { stored: true, sequence: row.sequence };
  });
}
