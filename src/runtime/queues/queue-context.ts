import { QueueDoesNotExistError } from "../../core/errors.js";
import { queueAttributesFromRecord, type ResolvedQueueAttributes } from "../../core/queues/index.js";
import type { QueueRecord, QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import type { QueueWakeups } from "./queue-wakeups.js";

/** What every queue operation works with: the store, time, ids, the account, and long-poll wakeups. */
export interface QueueContext {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  readonly wakeups: QueueWakeups;
}

/** A queue's record with its attributes resolved into typed settings. */
export interface LoadedQueue {
  readonly record: QueueRecord;
  readonly settings: ResolvedQueueAttributes;
}

/** Loads a queue or answers SQS's QueueDoesNotExist. */
export async function loadQueue(context: QueueContext, name: string): Promise<LoadedQueue> {
  const record = await context.store.getQueue(name);
  if (record === undefined) throw new QueueDoesNotExistError(name);
  return { record, settings: queueAttributesFromRecord(name, record.attributes) };
}

/** The queue's ARN, as AWS writes it. */
export function queueArn(context: QueueContext, name: string): string {
  return `arn:aws:sqs:${context.region}:${context.account}:${name}`;
}
