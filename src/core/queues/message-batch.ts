import { ErrorCode, QueueRequestError } from "../errors.js";
import { utf8ByteLength } from "../events/index.js";
import { messageAttributesSizeBytes } from "./message-attributes.js";
import { SEND_MESSAGE_LIMITS } from "./message-limits.js";
import {
  type SendMessageInput,
  type SendMessageQueue,
  type ValidatedMessage,
  validateBatchEntryMessage,
} from "./message-validation.js";

/** Any batch request entry: SendMessageBatch's, DeleteMessageBatch's, ChangeMessageVisibilityBatch's. */
export interface BatchRequestEntry {
  readonly Id?: string;
}

/** One SendMessageBatch entry with AWS's names (API_SendMessageBatchRequestEntry). */
export interface SendMessageBatchRequestEntry extends SendMessageInput {
  readonly Id?: string;
}

/** An entry SQS refuses on its own, as SendMessageBatch's `Failed` lists it (API_BatchResultErrorEntry). */
export interface BatchResultErrorEntry {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: ErrorCode;
  readonly Message: string;
}

/** The verdict on one SendMessageBatch entry, in request order: a message to enqueue, or its failure. */
export type SendMessageBatchEntryValidation =
  | { readonly ok: true; readonly Id: string; readonly validated: ValidatedMessage }
  | ({ readonly ok: false } & BatchResultErrorEntry);

// "The Id of a message in this batch request … can contain alphanumeric characters, hyphens and
// underscores", at most 80 (API_SendMessageBatchRequestEntry). ASCII only: "é" is refused.
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The rules every SQS batch request shares, checked before any entry: 1–10 entries, each Id present,
 * well-formed and distinct. `entryName` is the entry shape SQS names in its messages
 * ("SendMessageBatchRequestEntry", "DeleteMessageBatchRequestEntry", …). Throws QueueRequestError.
 * @example
 * validateBatchRequestEntries(request.Entries, "DeleteMessageBatchRequestEntry");
 */
export function validateBatchRequestEntries(entries: readonly BatchRequestEntry[], entryName: string): void {
  if (entries.length === 0) {
    // Verified: localstack/localstack#1658 and aws/aws-sdk-php#630 quote AWS.
    throw new QueueRequestError(
      ErrorCode.EmptyBatchRequest,
      `There should be at least one ${entryName} in the request.`,
    );
  }
  if (entries.length > SEND_MESSAGE_LIMITS.maxBatchEntries) {
    // Verified: LocalStack's test_too_many_entries_in_batch_request, recorded against AWS.
    throw new QueueRequestError(
      ErrorCode.TooManyEntriesInBatchRequest,
      `Maximum number of entries per request are ${String(SEND_MESSAGE_LIMITS.maxBatchEntries)}. ` +
        `You have sent ${String(entries.length)}.`,
      { count: entries.length },
    );
  }
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const id = entry.Id;
    if (id === undefined) {
      // Verified: AWS's answer quoted in ali-essam/wtsqs#7.
      throw new QueueRequestError(
        ErrorCode.MissingParameter,
        `The request must contain the parameter ${entryName}.${String(index + 1)}.Id.`,
      );
    }
    if (id.length > SEND_MESSAGE_LIMITS.batchEntryIdMaxLength || !BATCH_ENTRY_ID.test(id)) {
      // Verified: LocalStack's test_invalid_batch_id, recorded against AWS.
      throw new QueueRequestError(
        ErrorCode.InvalidBatchEntryId,
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. " +
          "It can be at most 80 letters long.",
        { id },
      );
    }
    if (seen.has(id)) {
      // Verified: AWS's answer in ballerina-platform's SQS connector tests.
      throw new QueueRequestError(ErrorCode.BatchEntryIdsNotDistinct, `Id ${id} repeated.`, { id });
    }
    seen.add(id);
  });
}

/**
 * Validates a SendMessageBatch request: the batch rules and the total size refuse the whole request
 * (QueueRequestError); then each entry gets SendMessage's rules. On a standard queue an entry that breaks
 * one fails alone — SenderFault true with SQS's code and message — and the others go on; on a FIFO queue
 * the first such entry refuses the whole request, as SQS does.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 * @example
 * const verdicts = validateBatchEntries(request.Entries, queue);
 * const accepted = verdicts.flatMap((v) => (v.ok ? [v.validated] : []));
 */
export function validateBatchEntries(
  entries: readonly SendMessageBatchRequestEntry[] | undefined,
  queue: SendMessageQueue,
): SendMessageBatchEntryValidation[] {
  if (entries === undefined) {
    // Wording of the local-aws-sqs emulator; AWS's JSON protocol may refuse the missing member earlier.
    throw new QueueRequestError(
      ErrorCode.MissingParameter,
      "The request must contain the parameter Entries.",
    );
  }
  validateBatchRequestEntries(entries, "SendMessageBatchRequestEntry");

  // The limit is on the request, checked before any entry: body and attribute bytes of every entry.
  const sizeBytes = entries.reduce(
    (total, entry) =>
      total +
      (typeof entry.MessageBody === "string" ? utf8ByteLength(entry.MessageBody) : 0) +
      messageAttributesSizeBytes(entry.MessageAttributes),
    0,
  );
  if (sizeBytes > SEND_MESSAGE_LIMITS.batchRequestMaxBytes) {
    // Verified: AWS's answer in ballerina-platform's SQS connector tests (after the 1 MiB increase).
    throw new QueueRequestError(
      ErrorCode.BatchRequestTooLong,
      `Batch requests cannot be longer than ${String(SEND_MESSAGE_LIMITS.batchRequestMaxBytes)} bytes. ` +
        `You have sent ${String(sizeBytes)} bytes.`,
      { sizeBytes, limitBytes: SEND_MESSAGE_LIMITS.batchRequestMaxBytes },
    );
  }

  return entries.map((entry, index): SendMessageBatchEntryValidation => {
    const Id = entry.Id ?? "";
    try {
      return { ok: true, Id, validated: validateBatchEntryMessage(entry, queue, index + 1) };
    } catch (error) {
      // FIFO: a missing MessageGroupId or MessageDeduplicationId refuses the whole request (LocalStack's
      // test_send_batch_missing_*_for_fifo_queue, recorded against AWS); the local-aws-sqs emulator shows the
      // other entry errors doing the same on a FIFO queue and failing one entry on a standard queue.
      if (queue.fifo || !(error instanceof QueueRequestError)) throw error;
      return { ok: false, Id, SenderFault: true, Code: error.code, Message: error.message };
    }
  });
}
