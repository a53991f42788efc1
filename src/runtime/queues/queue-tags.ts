import { ErrorCode, QueueRequestError } from "../../core/errors.js";
import { isInternalQueueName } from "./internal-queues.js";
import { loadQueue, type QueueContext, queueArn, settingsOf } from "./queue-context.js";

/** SQS's tag limits: 50 tags a queue, keys up to 128 characters, values up to 256. */
export const QUEUE_TAG_LIMITS = Object.freeze({ maxTags: 50, maxKeyLength: 128, maxValueLength: 256 });

function invalidTags(reason: string, context: Record<string, unknown>): QueueRequestError {
  return new QueueRequestError(ErrorCode.InvalidParameterValue, reason, context);
}

/** TagQueue: adds or overwrites tags, within SQS's limits. */
export async function tagQueue(
  context: QueueContext,
  name: string,
  tags: Readonly<Record<string, string>>,
): Promise<void> {
  const { record } = await loadQueue(context, name);
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > QUEUE_TAG_LIMITS.maxKeyLength) {
      throw invalidTags(`Tag key must be between 1 and ${QUEUE_TAG_LIMITS.maxKeyLength} characters.`, {
        key,
      });
    }
    if (value.length > QUEUE_TAG_LIMITS.maxValueLength) {
      throw invalidTags(`Tag value must be at most ${QUEUE_TAG_LIMITS.maxValueLength} characters.`, { key });
    }
  }
  const merged = { ...record.tags, ...tags };
  if (Object.keys(merged).length > QUEUE_TAG_LIMITS.maxTags) {
    throw invalidTags(`Too many tags added for queue ${name}.`, { queue: name });
  }
  await context.store.putQueue({ ...record, tags: merged });
}

/** UntagQueue: removes the named tags (unknown keys are ignored, as SQS does). */
export async function untagQueue(
  context: QueueContext,
  name: string,
  keys: readonly string[],
): Promise<void> {
  const { record } = await loadQueue(context, name);
  const tags = { ...record.tags };
  for (const key of keys) delete tags[key];
  await context.store.putQueue({ ...record, tags });
}

/** ListQueueTags. */
export async function listQueueTags(context: QueueContext, name: string): Promise<Record<string, string>> {
  return { ...(await loadQueue(context, name)).record.tags };
}

/** ListDeadLetterSourceQueues: the queues whose RedrivePolicy names this queue as their dead-letter queue. */
export async function listDeadLetterSourceQueues(context: QueueContext, name: string): Promise<string[]> {
  await loadQueue(context, name);
  const arn = queueArn(context, name);
  const sources: string[] = [];
  for (const record of await context.store.listQueues()) {
    if (isInternalQueueName(record.name)) continue;
    const policy = settingsOf(context.store, record).redrivePolicy;
    if (policy !== undefined && policy.deadLetterTargetArn === arn) sources.push(record.name);
  }
  return sources;
}
