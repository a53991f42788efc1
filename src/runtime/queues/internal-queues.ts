/**
 * Queues Switchyard keeps for itself (a function's async-invocation queue, …) live in the same store
 * as SQS queues, under names SQS can never give a queue: they start with a character outside SQS's
 * alphabet. The SQS API neither lists nor finds them.
 */
const INTERNAL_QUEUE_MARK = "$";

/** The store name of an internal queue, e.g. `$lambda-async:charge`. */
export function internalQueueName(purpose: string, name: string): string {
  return `${INTERNAL_QUEUE_MARK}${purpose}:${name}`;
}

/** Whether a stored queue is one of Switchyard's own rather than an SQS queue. */
export function isInternalQueueName(name: string): boolean {
  return name.startsWith(INTERNAL_QUEUE_MARK);
}
