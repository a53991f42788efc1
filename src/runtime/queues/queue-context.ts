import { QueueDoesNotExistError } from "../../core/errors.js";
import { queueAttributesFromRecord, type ResolvedQueueAttributes } from "../../core/queues/index.js";
import type { QueueRecord, QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import { isInternalQueueName } from "./internal-queues.js";
import type { QueueWakeups } from "./queue-wakeups.js";
import type { ReceiveAttempts } from "./receive-attempts.js";

/**
 * What every queue operation works with: the store, time, ids, the account, long-poll wakeups, and the FIFO
 * receives retryable by ReceiveRequestAttemptId.
 */
export interface QueueContext {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  readonly wakeups: QueueWakeups;
  readonly receiveAttempts: ReceiveAttempts;
}

/** A queue's record with its attributes resolved into typed settings. */
export interface LoadedQueue {
  readonly record: QueueRecord;
  readonly settings: ResolvedQueueAttributes;
}

// Resolved settings per queue, reused while the stored attribute map is the same: resolving it on every
// send and receive was a tenth of the hot path. (Compared by content, not by time: two changes can share
// a millisecond.)
const resolvedSettings = new WeakMap<
  QueueStore,
  Map<string, { attributes: Readonly<Record<string, string>>; settings: ResolvedQueueAttributes }>
>();

function sameAttributes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

/** The typed settings of a queue record (memoised per store and queue while its attributes stay the same). */
export function settingsOf(store: QueueStore, record: QueueRecord): ResolvedQueueAttributes {
  let byName = resolvedSettings.get(store);
  if (byName === undefined) {
    byName = new Map();
    resolvedSettings.set(store, byName);
  }
  const known = byName.get(record.name);
  if (known !== undefined && sameAttributes(known.attributes, record.attributes)) return known.settings;
  const settings = queueAttributesFromRecord(record.name, record.attributes);
  byName.set(record.name, { attributes: record.attributes, settings });
  return settings;
}

/** Loads a queue or answers SQS's QueueDoesNotExist. */
export async function loadQueue(context: QueueContext, name: string): Promise<LoadedQueue> {
  // Switchyard's own queues share the store but are no SQS queues: the SQS API never finds them.
  const record = isInternalQueueName(name) ? undefined : await context.store.getQueue(name);
  if (record === undefined) throw new QueueDoesNotExistError(name);
  return { record, settings: settingsOf(context.store, record) };
}

/** The queue's ARN, as AWS writes it. */
export function queueArn(context: QueueContext, name: string): string {
  return `arn:aws:sqs:${context.region}:${context.account}:${name}`;
}
