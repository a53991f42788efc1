import { resolveQueueAttributes } from "../../core/queues/index.js";
import type { QueueStore } from "../../store/queue-store.js";
import { internalQueueName } from "../queues/internal-queues.js";
import type { LoadedQueue } from "../queues/queue-context.js";

/**
 * Every function has a durable queue of its asynchronous invocations (Invoke with InvocationType Event,
 * and EventBridge rule targets), as Lambda has: an event waits there until the async invoker runs it,
 * retries it and sends it to its destinations. A function "exists" for a rule target when its queue does.
 */
export function asyncInvocationQueueName(functionName: string): string {
  return internalQueueName("lambda-async", functionName);
}

// SQS's defaults for a standard queue: no delay, four days' retention (longer than Lambda's six-hour
// maximum event age, which the invoker enforces itself).
const ASYNC_QUEUE_SETTINGS = resolveQueueAttributes({ name: "async-invocations" });

/** The async-invocation queue of a function as a queue to enqueue to, when the function's queue exists. */
export async function loadAsyncInvocationQueue(
  store: QueueStore,
  functionName: string,
): Promise<LoadedQueue | undefined> {
  const record = await store.getQueue(asyncInvocationQueueName(functionName));
  return record === undefined ? undefined : { record, settings: ASYNC_QUEUE_SETTINGS };
}

/** Creates a function's async-invocation queue unless it exists (a function being defined). */
export async function ensureAsyncInvocationQueue(
  store: QueueStore,
  functionName: string,
  nowMs: number,
): Promise<void> {
  const name = asyncInvocationQueueName(functionName);
  if ((await store.getQueue(name)) !== undefined) return;
  await store.putQueue({
    name,
    fifo: false,
    attributes: {},
    tags: {},
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  });
}
