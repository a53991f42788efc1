import { ErrorCode, QueueRequestError } from "../../core/errors.js";
import {
  applyQueueAttributes,
  assertSameQueueAttributes,
  queueAttributesForGet,
  queueAttributesFromRecord,
  queueAttributesToRecord,
  resolveQueueAttributes,
} from "../../core/queues/index.js";
import type { QueueRecord } from "../../store/queue-store.js";
import { checkDeadLetterTarget } from "./dead-letter-target.js";
import { loadQueue, type QueueContext, queueArn } from "./queue-context.js";

/** CreateQueue's parameters, with AWS's names. */
export interface CreateQueueInput {
  readonly QueueName: string;
  readonly Attributes?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** SQS allows one PurgeQueue per queue every 60 seconds. */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * CreateQueue: a new queue, or the existing one when every attribute the request names has the same
 * value (SQS's idempotent create); a different value is QueueNameExists.
 */
export async function createQueue(context: QueueContext, input: CreateQueueInput): Promise<QueueRecord> {
  const settings = resolveQueueAttributes({ name: input.QueueName, attributes: input.Attributes });
  const existing = await context.store.getQueue(input.QueueName);
  if (existing !== undefined) {
    assertSameQueueAttributes(queueAttributesFromRecord(existing.name, existing.attributes), {
      name: input.QueueName,
      attributes: input.Attributes,
    });
    return existing;
  }
  await checkDeadLetterTarget(context, input.QueueName, settings, input.Attributes?.RedrivePolicy);
  const nowMs = context.clock.nowMs();
  const record: QueueRecord = {
    name: input.QueueName,
    fifo: settings.fifo,
    attributes: queueAttributesToRecord(settings),
    tags: { ...input.tags },
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  await context.store.putQueue(record);
  return record;
}

/** SetQueueAttributes: the changes applied to the current settings, checked as SQS checks them. */
export async function setQueueAttributes(
  context: QueueContext,
  name: string,
  changes: Readonly<Record<string, string>>,
): Promise<void> {
  const { record, settings } = await loadQueue(context, name);
  const next = applyQueueAttributes(settings, changes);
  await checkDeadLetterTarget(context, name, next, changes.RedrivePolicy);
  await context.store.putQueue({
    ...record,
    attributes: queueAttributesToRecord(next),
    updatedAtMs: context.clock.nowMs(),
  });
}

/** GetQueueAttributes: the requested names (or "All"), counts included. */
export async function getQueueAttributes(
  context: QueueContext,
  name: string,
  attributeNames: readonly string[] = [],
): Promise<Record<string, string>> {
  const { record, settings } = await loadQueue(context, name);
  const counts = await context.store.counts(name, context.clock.nowMs());
  return queueAttributesForGet(settings, attributeNames, {
    queueArn: queueArn(context, name),
    approximateNumberOfMessages: counts.visible,
    approximateNumberOfMessagesNotVisible: counts.inFlight,
    approximateNumberOfMessagesDelayed: counts.delayed,
    createdAtMs: record.createdAtMs,
    lastModifiedAtMs: record.updatedAtMs,
  });
}

/** PurgeQueue: everything goes; a second purge within 60 seconds is PurgeQueueInProgress. */
export async function purgeQueue(
  context: QueueContext,
  name: string,
  lastPurgeAtMs: Map<string, number>,
): Promise<void> {
  await loadQueue(context, name);
  const nowMs = context.clock.nowMs();
  const last = lastPurgeAtMs.get(name);
  if (last !== undefined && nowMs - last < PURGE_INTERVAL_MS) {
    throw new QueueRequestError(
      ErrorCode.PurgeQueueInProgress,
      `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
      { queue: name },
    );
  }
  lastPurgeAtMs.set(name, nowMs);
  await context.store.purge(name);
  context.receiveAttempts.forgetQueue(name);
}
