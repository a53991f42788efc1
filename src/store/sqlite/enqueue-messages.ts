import type { Enqueue, EnqueueOutcome } from "../queue-store.js";
import type { QueueKey, QueueTables } from "./queue-tables.js";

/**
 * Runs an enqueue (see QueueStore.enqueue) inside the caller's transaction. Every queue is looked up before
 * anything is written, so a missing one throws QueueDoesNotExistError with nothing of the call written.
 */
export function enqueueMessages(tables: QueueTables, items: readonly Enqueue[]): EnqueueOutcome[] {
  const queues = new Map<string, QueueKey>();
  for (const { queue } of items) if (!queues.has(queue)) queues.set(queue, tables.queueKey(queue));
  const nextSequences = numberUpFront(tables, queues, items);
  return items.map(({ queue: name, message, deduplicateSinceMs }): EnqueueOutcome => {
    const queue = queues.get(name) as QueueKey;
    const next = nextSequences.get(name);
    if (next !== undefined) {
      nextSequences.set(name, next + 1);
      return { stored: true, sequence: tables.insertNumberedMessage(queue, message, next).sequence };
    }
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
      tables.recordDeduplication(queue.id, deduplication.id, row, deduplication.sinceMs);
    }
    return { stored: true, sequence: row.sequence };
  });
}

/**
 * The sequences of the queues whose messages of this call are all stored — none asks for deduplication,
 * which may turn a message away — taken in one step per queue: the next to hand out, by queue name. The
 * others number their messages one at a time as they are stored.
 */
function numberUpFront(
  tables: QueueTables,
  queues: ReadonlyMap<string, QueueKey>,
  items: readonly Enqueue[],
): Map<string, number> {
  const counts = new Map<string, number>();
  const deduplicating = new Set<string>();
  for (const { queue, message, deduplicateSinceMs } of items) {
    if (deduplicateSinceMs !== undefined && message.deduplicationId !== null) deduplicating.add(queue);
    counts.set(queue, (counts.get(queue) ?? 0) + 1);
  }
  const next = new Map<string, number>();
  for (const [name, count] of counts) {
    if (!deduplicating.has(name)) next.set(name, tables.takeSequences(queues.get(name) as QueueKey, count));
  }
  return next;
}
