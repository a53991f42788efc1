import { ErrorCode, QueueRequestError } from "../errors.js";
import { utf8ByteLength } from "../events/index.js";
import {
  AWS_TRACE_HEADER,
  type MessageAttributes,
  type MessageAttributesInput,
  messageAttributesSizeBytes,
  validateMessageAttributes,
  validateMessageSystemAttributes,
} from "./message-attributes.js";
import { ALLOWED_CHARACTERS_TEXT, firstInvalidCodePoint, formatCodePoint } from "./message-characters.js";
import { contentDeduplicationId } from "./message-checksums.js";
import { SEND_MESSAGE_LIMITS } from "./message-limits.js";

/** A SendMessage request's message members, with AWS's names (API_SendMessage); QueueUrl is resolved elsewhere. */
export interface SendMessageInput {
  readonly MessageBody?: string;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: MessageAttributesInput;
  readonly MessageSystemAttributes?: MessageAttributesInput;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

/** What validation needs to know of the queue a message is sent to. */
export interface SendMessageQueue {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** The queue's MaximumMessageSize attribute. */
  readonly maximumMessageSizeBytes: number;
}

/** A message that passed SendMessage's rules, normalised and ready to enqueue. */
export interface ValidatedMessage {
  readonly body: string;
  readonly attributes: MessageAttributes;
  /** Validated MessageSystemAttributes (only AWSTraceHeader exists), kept whole for their MD5. */
  readonly systemAttributes: MessageAttributes;
  readonly awsTraceHeader: string | undefined;
  /** The message's own delay; undefined means the queue's DelaySeconds (always so on a FIFO queue). */
  readonly delaySeconds: number | undefined;
  /** FIFO: the message group; standard: the fair-queue tenant, when one was sent. */
  readonly groupId: string | undefined;
  /** FIFO only: the explicit MessageDeduplicationId or, with ContentBasedDeduplication, the body's SHA-256. */
  readonly deduplicationId: string | undefined;
  /** Body plus attribute names, types and values, as counted against MaximumMessageSize. */
  readonly sizeBytes: number;
}

/** Where a message comes from, because SQS words some errors differently inside a SendMessageBatch. */
type MessagePlace = { readonly batchEntryNumber?: undefined } | { readonly batchEntryNumber: number };

// MessageGroupId and MessageDeduplicationId: "alphanumeric characters (a-z, A-Z, 0-9) and punctuation
// (!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~)", 1 to 128 — exactly the printable ASCII range without the space.
const FIFO_ID = /^[\x21-\x7E]+$/;

/**
 * Validates one SendMessage request against the queue it targets, exactly as SQS does, and returns the
 * normalised message; a request SQS refuses throws QueueRequestError with SQS's code and message.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * @example
 * const message = validateSendMessage(
 *   { MessageBody: "hello", MessageGroupId: "orders" },
 *   { fifo: true, contentBasedDeduplication: true, maximumMessageSizeBytes: 1_048_576 },
 * ); // message.deduplicationId is the body's SHA-256
 */
export function validateSendMessage(input: SendMessageInput, queue: SendMessageQueue): ValidatedMessage {
  return validateMessage(input, queue, {});
}

/**
 * Validates the message of SendMessageBatch entry `entryNumber` (1-based), with SQS's batch wording for the
 * errors that differ from SendMessage's; used by validateBatchEntries.
 */
export function validateBatchEntryMessage(
  input: SendMessageInput,
  queue: SendMessageQueue,
  entryNumber: number,
): ValidatedMessage {
  return validateMessage(input, queue, { batchEntryNumber: entryNumber });
}

// The order of the checks follows the SQS emulator Inqnuam/local-aws-sqs (SendMessage), whose messages
// match the ones AWS is recorded answering, with the body's characters checked along with the body (the
// emulator has no such check); AWS reports only the first broken rule.
function validateMessage(
  input: SendMessageInput,
  queue: SendMessageQueue,
  place: MessagePlace,
): ValidatedMessage {
  const body = validateBody(input.MessageBody, queue, place);
  const groupId = validateGroupId(input.MessageGroupId, queue, place);
  const deduplicationId = validateDeduplicationId(input.MessageDeduplicationId, body, queue, place);
  const delaySeconds = validateDelaySeconds(input.DelaySeconds, queue);
  const attributes = validateMessageAttributes(input.MessageAttributes);

  const sizeBytes = utf8ByteLength(body) + messageAttributesSizeBytes(input.MessageAttributes);
  if (sizeBytes > queue.maximumMessageSizeBytes) {
    // AWS's answer as LocalStack recorded it (test_send_oversized_message); "shorter than" is SQS's
    // phrase for "at most": a body of exactly MaximumMessageSize bytes is accepted.
    throw new QueueRequestError(
      ErrorCode.InvalidParameterValue,
      `One or more parameters are invalid. Reason: Message must be shorter than ${String(queue.maximumMessageSizeBytes)} bytes.`,
      { sizeBytes, limitBytes: queue.maximumMessageSizeBytes },
    );
  }

  // "The size of a message system attribute doesn't count towards the total size of a message."
  const systemAttributes = validateMessageSystemAttributes(input.MessageSystemAttributes);
  return Object.freeze({
    body,
    attributes,
    systemAttributes,
    awsTraceHeader: systemAttributes[AWS_TRACE_HEADER]?.StringValue,
    delaySeconds,
    groupId,
    deduplicationId,
    sizeBytes,
  });
}

function validateBody(body: string | undefined, queue: SendMessageQueue, place: MessagePlace): string {
  if (body === undefined || body === "") {
    if (place.batchEntryNumber === undefined) {
      // Verified: AWS's answer to an empty body (ballerina-platform's SQS connector tests; php-enqueue#435).
      throw new QueueRequestError(
        ErrorCode.MissingParameter,
        "The request must contain the parameter MessageBody.",
      );
    }
    // In a batch on a standard queue AWS fails an empty body's entry with Code "EmptyValue" (verified by
    // ballerina-platform's tests; the message is not recorded) and an absent one with MissingParameter
    // (local-aws-sqs emulator); on a FIFO queue the request fails as a whole.
    const code = body === "" && !queue.fifo ? ErrorCode.EmptyValue : ErrorCode.MissingParameter;
    throw new QueueRequestError(
      code,
      `The request must contain the parameter SendMessageBatchRequestEntry.${String(place.batchEntryNumber)}.MessageBody.`,
    );
  }
  const codePoint = firstInvalidCodePoint(body);
  if (codePoint !== undefined) {
    // Verified: AWS's answer in production logs (psd401/aistudio#1525, 2026; asim/nitro-plugins#437). The
    // API reference once said invalid characters are replaced by U+FFFD; its current text and AWS itself
    // refuse the message.
    throw new QueueRequestError(
      ErrorCode.InvalidMessageContents,
      `Invalid binary character '${formatCodePoint(codePoint)}' was found in the message body, ` +
        `the set of allowed characters is ${ALLOWED_CHARACTERS_TEXT}.`,
      { codePoint },
    );
  }
  return body;
}

function validateGroupId(
  groupId: string | undefined,
  queue: SendMessageQueue,
  place: MessagePlace,
): string | undefined {
  if (queue.fifo && (groupId === undefined || groupId === "")) {
    // Verified: SendMessage answers MissingParameter (aws/aws-sdk-js-v3#5031); a SendMessageBatch entry fails
    // the whole request with InvalidParameterValue and the same message (LocalStack's
    // test_send_batch_missing_message_group_id_for_fifo_queue, recorded against AWS).
    const code =
      place.batchEntryNumber === undefined ? ErrorCode.MissingParameter : ErrorCode.InvalidParameterValue;
    throw new QueueRequestError(code, "The request must contain the parameter MessageGroupId.");
  }
  // Standard queues accept MessageGroupId since fair queues (July 2025): "In standard queues, using
  // MessageGroupId enables fair queues" (FIFO-key-terms.html), under the same character rules.
  if (groupId !== undefined) validateFifoId(groupId, "MessageGroupId");
  return groupId;
}

function validateDeduplicationId(
  deduplicationId: string | undefined,
  body: string,
  queue: SendMessageQueue,
  place: MessagePlace,
): string | undefined {
  const explicit = deduplicationId === "" ? undefined : deduplicationId;
  if (!queue.fifo) {
    if (explicit === undefined) return undefined;
    // "This parameter applies only to FIFO queues." Wording from the local-aws-sqs emulator; inside a batch the
    // entry fails with the shorter form, which AWS is seen answering (aws/aws-sdk-js#3187).
    throw new QueueRequestError(
      ErrorCode.InvalidParameterValue,
      place.batchEntryNumber === undefined
        ? "The request include parameter MessageDeduplicationId which is not valid for this queue type"
        : "The request include parameter that is not valid for this queue type",
      { deduplicationId: explicit },
    );
  }
  if (explicit !== undefined) {
    validateFifoId(explicit, "MessageDeduplicationId");
    return explicit;
  }
  if (queue.contentBasedDeduplication) return contentDeduplicationId(body);
  // Verified: LocalStack's test_send_batch_missing_deduplication_id_for_fifo_queue, recorded against AWS.
  throw new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
  );
}

function validateFifoId(value: string, parameter: "MessageGroupId" | "MessageDeduplicationId"): void {
  if (value.length <= SEND_MESSAGE_LIMITS.fifoIdMaxLength && FIFO_ID.test(value)) return;
  // Verified: AWS's answer in production logs for a MessageGroupId with spaces and for a 128+ character
  // MessageDeduplicationId (public incident notes quoting InvalidParameterValue).
  throw new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${value} for parameter ${parameter} is invalid. Reason: ${parameter} can only include alphanumeric ` +
      "and punctuation characters. 1 to 128 in length.",
    { parameter, value },
  );
}

function validateDelaySeconds(delaySeconds: number | undefined, queue: SendMessageQueue): number | undefined {
  if (delaySeconds === undefined) return undefined;
  if (queue.fifo) {
    // "When you set FifoQueue, you can't set DelaySeconds per message." AWS accepts an explicit 0
    // (softwaremill/elasticmq#273, observed against SQS). Verified wording: LocalStack's
    // test_fifo_queue_send_message_with_delay_seconds_fails, recorded against AWS.
    if (delaySeconds === 0) return undefined;
    throw new QueueRequestError(
      ErrorCode.InvalidParameterValue,
      `Value ${String(delaySeconds)} for parameter DelaySeconds is invalid. ` +
        "Reason: The request include parameter that is not valid for this queue type.",
      { delaySeconds },
    );
  }
  if (
    !Number.isInteger(delaySeconds) ||
    delaySeconds < 0 ||
    delaySeconds > SEND_MESSAGE_LIMITS.maxDelaySeconds
  ) {
    // Verified: AWS's answer for -1 and 1000 (ballerina-platform's SQS connector tests).
    throw new QueueRequestError(
      ErrorCode.InvalidParameterValue,
      `Value ${String(delaySeconds)} for parameter DelaySeconds is invalid. ` +
        `Reason: DelaySeconds must be >= 0 and <= ${String(SEND_MESSAGE_LIMITS.maxDelaySeconds)}.`,
      { delaySeconds },
    );
  }
  return delaySeconds;
}
