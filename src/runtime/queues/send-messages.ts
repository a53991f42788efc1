import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  md5OfMessageSystemAttributes,
  type SendMessageBatchRequestEntry,
  type SendMessageInput,
  type ValidatedMessage,
  validateBatchEntries,
  validateSendMessage,
} from "../../core/queues/index.js";
import type { Enqueue, EnqueueOutcome } from "../../store/queue-store.js";
import type { IdSource } from "../ids.js";
import { encodeMessageAttributes, encodeSystemFields, type MessageSystemFields } from "./message-codec.js";
import { type LoadedQueue, loadQueue, type QueueContext } from "./queue-context.js";

/** SQS's FIFO deduplication window: five minutes. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

/** SendMessage's answer, with AWS's names. */
export interface SendMessageResult {
  readonly MessageId: string;
  readonly MD5OfMessageBody: string;
  readonly MD5OfMessageAttributes?: string;
  readonly MD5OfMessageSystemAttributes?: string;
  readonly SequenceNumber?: string;
}

/** One failed entry of a batch, as SQS reports it. */
export interface BatchFailure {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message: string;
}

/** SendMessageBatch's answer. */
export interface SendMessageBatchResult {
  readonly Successful: (SendMessageResult & { readonly Id: string })[];
  readonly Failed: BatchFailure[];
}

/** SQS's SequenceNumber: a 20-digit number, increasing within a FIFO queue. */
export function formatSequenceNumber(sequence: number): string {
  return String(sequence).padStart(20, "0");
}

/** A message about to enter a queue, whoever sends it (SendMessage, an EventBridge target). */
export interface OutgoingMessage {
  readonly body: string;
  readonly messageAttributes: string | null;
  readonly systemFields: MessageSystemFields;
  /** The message's own delay; the queue's DelaySeconds when absent. */
  readonly delaySeconds?: number;
  readonly groupId: string | null;
  readonly deduplicationId: string | null;
}

/**
 * The store request that adds a message to a queue: a new id, the delay and retention of its queue,
 * and — on a FIFO queue — deduplication over SQS's five-minute window.
 */
export function enqueueFor(
  ids: IdSource,
  queue: LoadedQueue,
  message: OutgoingMessage,
  nowMs: number,
): Enqueue {
  const { settings } = queue;
  const delaySeconds = message.delaySeconds ?? settings.delaySeconds;
  return {
    queue: queue.record.name,
    message: {
      messageId: ids.messageId(),
      body: message.body,
      messageAttributes: message.messageAttributes,
      systemAttributes: encodeSystemFields(message.systemFields),
      sentAtMs: nowMs,
      visibleAtMs: nowMs + delaySeconds * 1000,
      expiresAtMs: nowMs + settings.messageRetentionPeriodSeconds * 1000,
      groupId: message.groupId,
      deduplicationId: message.deduplicationId,
      receiveCount: 0,
      firstReceivedAtMs: null,
    },
    ...(settings.fifo ? { deduplicateSinceMs: nowMs - DEDUPLICATION_WINDOW_MS } : {}),
  };
}

function toEnqueue(
  context: QueueContext,
  queue: LoadedQueue,
  message: ValidatedMessage,
  nowMs: number,
): Enqueue {
  return enqueueFor(
    context.ids,
    queue,
    {
      body: message.body,
      messageAttributes: encodeMessageAttributes(message.attributes),
      systemFields: {
        ...(message.awsTraceHeader === undefined ? {} : { AWSTraceHeader: message.awsTraceHeader }),
      },
      ...(message.delaySeconds === undefined ? {} : { delaySeconds: message.delaySeconds }),
      groupId: message.groupId ?? null,
      deduplicationId: message.deduplicationId ?? null,
    },
    nowMs,
  );
}

function resultOf(
  queue: LoadedQueue,
  message: ValidatedMessage,
  item: Enqueue,
  outcome: EnqueueOutcome,
): SendMessageResult {
  // A duplicate within the window is answered as the first send was: its id and sequence number.
  const messageId = outcome.stored ? item.message.messageId : outcome.duplicateOf.messageId;
  const sequence = outcome.stored ? outcome.sequence : outcome.duplicateOf.sequence;
  const attributesMd5 = md5OfMessageAttributes(message.attributes);
  const systemMd5 = md5OfMessageSystemAttributes(message.systemAttributes);
  return {
    MessageId: messageId,
    MD5OfMessageBody: md5OfMessageBody(message.body),
    ...(attributesMd5 === undefined ? {} : { MD5OfMessageAttributes: attributesMd5 }),
    ...(systemMd5 === undefined ? {} : { MD5OfMessageSystemAttributes: systemMd5 }),
    ...(queue.settings.fifo ? { SequenceNumber: formatSequenceNumber(sequence) } : {}),
  };
}

/** SendMessage: validated as SQS does, committed before it answers, and wakes long polls on the queue. */
export async function sendMessage(
  context: QueueContext,
  name: string,
  input: SendMessageInput,
): Promise<SendMessageResult> {
  const queue = await loadQueue(context, name);
  const message = validateSendMessage(input, sqsQueueOf(queue));
  const item = toEnqueue(context, queue, message, context.clock.nowMs());
  const [outcome] = await context.store.enqueue([item]);
  context.wakeups.arrived([item]);
  return resultOf(queue, message, item, outcome as EnqueueOutcome);
}

/** SendMessageBatch: entry by entry answers; the valid entries are committed together. */
export async function sendMessageBatch(
  context: QueueContext,
  name: string,
  entries: readonly SendMessageBatchRequestEntry[] | undefined,
): Promise<SendMessageBatchResult> {
  const queue = await loadQueue(context, name);
  const validations = validateBatchEntries(entries, sqsQueueOf(queue));
  const nowMs = context.clock.nowMs();
  const accepted = validations.flatMap((v) => (v.ok ? [{ id: v.Id, message: v.validated }] : []));
  const items = accepted.map(({ message }) => toEnqueue(context, queue, message, nowMs));
  const outcomes = items.length === 0 ? [] : await context.store.enqueue(items);
  context.wakeups.arrived(items);
  const Successful = accepted.map(({ id, message }, i) => ({
    Id: id,
    ...resultOf(queue, message, items[i] as Enqueue, outcomes[i] as EnqueueOutcome),
  }));
  const Failed = validations.flatMap((v) =>
    v.ok ? [] : [{ Id: v.Id, SenderFault: v.SenderFault, Code: v.Code, Message: v.Message }],
  );
  return { Successful, Failed };
}

function sqsQueueOf({ settings }: LoadedQueue) {
  return {
    fifo: settings.fifo,
    contentBasedDeduplication: settings.fifo && settings.contentBasedDeduplication,
    maximumMessageSizeBytes: settings.maximumMessageSizeBytes,
  };
}
