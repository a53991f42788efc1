import { ErrorCode, QueueDoesNotExistError, QueueRequestError } from "../../core/errors.js";
import {
  type MessageAttributes,
  md5OfMessageAttributes,
  md5OfMessageBody,
  parseSqsQueueArn,
  validateVisibilityTimeout,
} from "../../core/queues/index.js";
import type { ClaimRequest, ClaimResult, MessageRef, StoredMessage } from "../../store/queue-store.js";
import { decodeMessageAttributes, decodeSystemFields, encodeSystemFields } from "./message-codec.js";
import { type LoadedQueue, loadQueue, type QueueContext, queueArn } from "./queue-context.js";
import { encodeReceiptHandle } from "./receipt-handle.js";
import { receiveOnce } from "./receive-attempts.js";
import { formatSequenceNumber } from "./send-messages.js";

/** ReceiveMessage's parameters, with AWS's names. */
export interface ReceiveMessageInput {
  readonly MaxNumberOfMessages?: number;
  readonly VisibilityTimeout?: number;
  readonly WaitTimeSeconds?: number;
  /** System attributes to return (the older AttributeNames parameter means the same). */
  readonly MessageSystemAttributeNames?: readonly string[];
  readonly AttributeNames?: readonly string[];
  /** Message attributes to return: names, "All", ".*" or a "prefix.*". */
  readonly MessageAttributeNames?: readonly string[];
  /** FIFO queues only: makes the receive retryable, with the same answer, for five minutes. */
  readonly ReceiveRequestAttemptId?: string;
}

/** One received message, as SQS returns it. */
export interface ReceivedMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: MessageAttributes;
}

function checkRange(
  name: string,
  value: number | undefined,
  low: number,
  high: number,
  reason: string,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new QueueRequestError(
      ErrorCode.InvalidParameterValue,
      `Value ${value} for parameter ${name} is invalid. Reason: ${reason}`,
      { [name]: value },
    );
  }
}

/**
 * ReceiveMessage: takes up to MaxNumberOfMessages visible messages; when there are none it waits (long
 * polling, woken by sends and visibility changes, never polling on an interval) until WaitTimeSeconds
 * runs out. Messages past their queue's maxReceiveCount move to its dead-letter queue on the way. On a FIFO
 * queue a ReceiveRequestAttemptId makes the receive retryable for five minutes (see `receiveOnce`); standard
 * queues ignore it, as the parameter "applies only to FIFO (first-in-first-out) queues".
 */
export async function receiveMessage(
  context: QueueContext,
  name: string,
  input: ReceiveMessageInput = {},
): Promise<ReceivedMessage[]> {
  checkRange(
    "MaxNumberOfMessages",
    input.MaxNumberOfMessages,
    1,
    10,
    "Must be between 1 and 10, if provided.",
  );
  if (input.VisibilityTimeout !== undefined) validateVisibilityTimeout(input.VisibilityTimeout);
  checkRange("WaitTimeSeconds", input.WaitTimeSeconds, 0, 20, "Must be >= 0 and <= 20, if provided.");
  const queue = await loadQueue(context, name);
  const visibilityMs = (input.VisibilityTimeout ?? queue.settings.visibilityTimeoutSeconds) * 1000;
  const attemptId = input.ReceiveRequestAttemptId;
  if (queue.settings.fifo && attemptId !== undefined) {
    return receiveOnce(context, name, attemptId, visibilityMs, () =>
      receiveFrom(context, queue, input, visibilityMs),
    );
  }
  return (await receiveFrom(context, queue, input, visibilityMs)).messages;
}

/** One receive's answer, and what a retry under its ReceiveRequestAttemptId needs to give it again. */
export interface ReceiveOutcome {
  readonly messages: ReceivedMessage[];
  /** The store's names for the messages' receipts, in answer order. */
  readonly receipts: MessageRef[];
  readonly receivedAtMs: number;
}

async function receiveFrom(
  context: QueueContext,
  queue: LoadedQueue,
  input: ReceiveMessageInput,
  visibilityMs: number,
): Promise<ReceiveOutcome> {
  const name = queue.record.name;
  const max = input.MaxNumberOfMessages ?? 1;
  const waitMs = (input.WaitTimeSeconds ?? queue.settings.receiveMessageWaitTimeSeconds) * 1000;
  const deadlineMs = context.clock.nowMs() + waitMs;
  const redrive = redriveOf(context, queue);

  const wanted = wantedAttributesOf(input);
  for (;;) {
    const nowMs = context.clock.nowMs();
    const seen = context.wakeups.version(name);
    const claimed = await claimRedriving(
      context,
      { queue: name, nowMs, max, hiddenUntilMs: nowMs + visibilityMs, tokens: context.ids.token },
      redrive,
    );
    if (claimed.deadLettered.length > 0 && redrive !== undefined)
      context.wakeups.notify(redrive.deadLetterQueue);
    if (claimed.messages.length > 0 || nowMs >= deadlineMs) {
      return {
        messages: claimed.messages.map((message) => present(context.account, queue, message, wanted, nowMs)),
        receipts: claimed.messages.map((message) => ({
          queue: name,
          sequence: message.sequence,
          receiptToken: message.receiptToken as string,
        })),
        receivedAtMs: nowMs,
      };
    }
    const next = await context.store.nextVisibleAtMs(name, nowMs);
    const wakeAtMs = next === null ? deadlineMs : Math.min(deadlineMs, next);
    await context.wakeups.sleep(name, wakeAtMs - nowMs, seen);
  }
}

/**
 * A claim that moves exhausted messages to the dead-letter queue — unless that queue has been deleted since the
 * RedrivePolicy was set: then the claim runs without the redrive, and the messages stay in their queue and go on
 * being received rather than being lost (AWS documents no answer for a dead-letter queue deleted under its
 * sources). The store is asked only after it refused, so a receive pays nothing for this.
 */
async function claimRedriving(
  context: QueueContext,
  request: ClaimRequest,
  redrive: ClaimRequest["redrive"],
): Promise<ClaimResult> {
  if (redrive === undefined) return context.store.claim(request);
  try {
    return await context.store.claim({ ...request, redrive });
  } catch (error) {
    if (!(error instanceof QueueDoesNotExistError)) throw error;
    if ((await context.store.getQueue(redrive.deadLetterQueue)) !== undefined) throw error;
    return context.store.claim(request);
  }
}

function redriveOf(context: QueueContext, { record, settings }: LoadedQueue) {
  if (settings.redrivePolicy === undefined) return undefined;
  const target = parseSqsQueueArn(settings.redrivePolicy.deadLetterTargetArn);
  if (target === undefined) return undefined;
  const sourceArn = queueArn(context, record.name);
  return {
    maxReceiveCount: settings.redrivePolicy.maxReceiveCount,
    deadLetterQueue: target.queueName,
    // SQS marks a dead-lettered message with the queue it came from.
    deadLetterSystemAttributes: (message: StoredMessage) =>
      encodeSystemFields({
        ...decodeSystemFields(message.systemAttributes),
        DeadLetterQueueSourceArn: sourceArn,
      }),
  };
}

const SYSTEM_ATTRIBUTE_NAMES = [
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "MessageGroupId",
  "MessageDeduplicationId",
  "SequenceNumber",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
] as const;

function systemAttributes(
  account: string,
  queue: LoadedQueue,
  message: StoredMessage,
  requested: readonly string[],
): Record<string, string> {
  const fields = decodeSystemFields(message.systemAttributes);
  const all: Record<string, string | undefined> = {
    SenderId: fields.SenderId ?? account,
    SentTimestamp: String(message.sentAtMs),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAtMs ?? message.sentAtMs),
    MessageGroupId: message.groupId ?? undefined,
    MessageDeduplicationId: queue.settings.fifo ? (message.deduplicationId ?? undefined) : undefined,
    SequenceNumber: queue.settings.fifo ? formatSequenceNumber(message.sequence) : undefined,
    AWSTraceHeader: fields.AWSTraceHeader,
    DeadLetterQueueSourceArn: fields.DeadLetterQueueSourceArn,
  };
  const wanted = requested.includes("All") ? SYSTEM_ATTRIBUTE_NAMES : requested;
  const result: Record<string, string> = {};
  for (const name of wanted) {
    const value = all[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
}

function wantedMessageAttributes(
  attributes: MessageAttributes,
  requested: readonly string[],
): MessageAttributes {
  if (requested.length === 0) return {};
  if (requested.includes("All") || requested.includes(".*")) return attributes;
  const result: Record<string, MessageAttributes[string]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = requested.some((r) => (r.endsWith(".*") ? name.startsWith(r.slice(0, -1)) : name === r));
    if (wanted) result[name] = value;
  }
  return result;
}

/** The attributes a receive asks for, read once per call rather than once per message. */
interface WantedAttributes {
  readonly system: readonly string[];
  readonly message: readonly string[];
}

function wantedAttributesOf(input: ReceiveMessageInput): WantedAttributes {
  return {
    system: [...(input.MessageSystemAttributeNames ?? []), ...(input.AttributeNames ?? [])],
    message: input.MessageAttributeNames ?? [],
  };
}

function present(
  account: string,
  queue: LoadedQueue,
  message: StoredMessage,
  wanted: WantedAttributes,
  receivedAtMs: number,
): ReceivedMessage {
  // Nothing asked for, nothing decoded (most receives ask for neither kind).
  const attributes =
    wanted.system.length === 0 ? undefined : systemAttributes(account, queue, message, wanted.system);
  const messageAttributes =
    wanted.message.length === 0
      ? undefined
      : wantedMessageAttributes(decodeMessageAttributes(message.messageAttributes), wanted.message);
  // The digest covers the attributes returned, not all the message has (SQS does the same).
  const attributesMd5 =
    messageAttributes === undefined ? undefined : md5OfMessageAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: encodeReceiptHandle({
      queue: queue.record.name,
      sequence: message.sequence,
      token: message.receiptToken as string,
      receivedAtMs,
    }),
    MD5OfBody: md5OfMessageBody(message.body),
    Body: message.body,
    ...(attributes === undefined || Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
    ...(attributesMd5 === undefined
      ? {}
      : { MD5OfMessageAttributes: attributesMd5, MessageAttributes: messageAttributes }),
  };
}
