import { ErrorCode, QueueRequestError } from "../../core/errors.js";
import {
  type BatchRequestEntry,
  checkVisibilityWithinReceiveLimit,
  QUEUE_ATTRIBUTE_LIMITS,
  validateBatchRequestEntries,
  validateVisibilityTimeout,
} from "../../core/queues/index.js";
import type { QueueRecord, ReceiptOutcome } from "../../store/queue-store.js";
import { loadQueue, type QueueContext } from "./queue-context.js";
import { decodeReceiptHandle } from "./receipt-handle.js";
import type { BatchFailure } from "./send-messages.js";

const RECEIVE_LIMIT_MS = QUEUE_ATTRIBUTE_LIMITS.visibilityTimeoutSeconds.max * 1000;

/**
 * DeleteMessage. A receipt from an earlier receive still answers success, as SQS does for standard
 * queues ("the request succeeds, but the message might not be deleted"); only the latest deletes.
 */
export async function deleteMessage(
  context: QueueContext,
  name: string,
  receiptHandle: string,
): Promise<void> {
  const { record } = await loadQueue(context, name);
  await deleteLoaded(context, record, receiptHandle);
}

/** DeleteMessage on a queue already known to exist (a batch loads it once). */
async function deleteLoaded(context: QueueContext, queue: QueueRecord, receiptHandle: string): Promise<void> {
  const receipt = decodeReceiptHandle(receiptHandle, queue.name);
  const ref = { queue: queue.name, sequence: receipt.sequence, receiptToken: receipt.token };
  if ((await context.store.ack(ref)) !== "done") return;
  context.receiveAttempts.spend(ref);
  // In a FIFO queue a delete can free its message group: a long poll waiting behind it has messages now.
  if (queue.fifo) context.wakeups.notify(queue.name);
}

/**
 * ChangeMessageVisibility: counted from now; 0 makes the message visible at once. The message stays hidden at most
 * 12 hours from the receive that returned the handle (SQS's cap, which extending does not restart).
 */
export async function changeMessageVisibility(
  context: QueueContext,
  name: string,
  receiptHandle: string,
  visibilityTimeout: number,
): Promise<void> {
  await loadQueue(context, name);
  validateVisibilityTimeout(visibilityTimeout);
  const receipt = decodeReceiptHandle(receiptHandle, name);
  const nowMs = context.clock.nowMs();
  // A receive whose 12 hours are over cannot still hold the message hidden, so its handle is expired or the
  // message visible again: the store's answer says which, truer than the cap would.
  if (receipt.receivedAtMs !== undefined && nowMs < receipt.receivedAtMs + RECEIVE_LIMIT_MS) {
    checkVisibilityWithinReceiveLimit({
      receivedAtMs: receipt.receivedAtMs,
      nowMs,
      visibilityTimeoutSeconds: visibilityTimeout,
    });
  }
  const ref = { queue: name, sequence: receipt.sequence, receiptToken: receipt.token };
  const outcome = await context.store.changeVisibility(ref, nowMs + visibilityTimeout * 1000, nowMs);
  failUnlessDone(outcome, receiptHandle);
  context.receiveAttempts.spend(ref);
  if (visibilityTimeout === 0) context.wakeups.notify(name);
}

function failUnlessDone(outcome: ReceiptOutcome, receiptHandle: string): void {
  if (outcome === "done") return;
  if (outcome === "not-in-flight") {
    throw new QueueRequestError(
      ErrorCode.MessageNotInflight,
      `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  }
  throw new QueueRequestError(ErrorCode.ReceiptHandleIsInvalid, "The receipt handle has expired.", {
    receiptHandle,
  });
}

/** A DeleteMessageBatch / ChangeMessageVisibilityBatch answer. */
export interface ReceiptBatchResult {
  readonly Successful: { readonly Id: string }[];
  readonly Failed: BatchFailure[];
}

async function eachEntry<E extends BatchRequestEntry>(
  entries: readonly E[],
  entryName: string,
  act: (entry: E) => Promise<void>,
): Promise<ReceiptBatchResult> {
  validateBatchRequestEntries(entries, entryName);
  // All entries at once: their writes share one group commit instead of one commit each.
  const outcomes = await Promise.all(
    entries.map(async (entry) => {
      try {
        await act(entry);
        return undefined;
      } catch (error) {
        if (!(error instanceof QueueRequestError)) throw error;
        return error;
      }
    }),
  );
  const Successful: { Id: string }[] = [];
  const Failed: BatchFailure[] = [];
  entries.forEach((entry, index) => {
    const error = outcomes[index];
    if (error === undefined) Successful.push({ Id: entry.Id as string });
    else Failed.push({ Id: entry.Id as string, SenderFault: true, Code: error.code, Message: error.message });
  });
  return { Successful, Failed };
}

/** DeleteMessageBatch: entry by entry, as SQS answers. */
export async function deleteMessageBatch(
  context: QueueContext,
  name: string,
  entries: readonly (BatchRequestEntry & { readonly ReceiptHandle: string })[],
): Promise<ReceiptBatchResult> {
  const { record } = await loadQueue(context, name);
  return eachEntry(entries, "DeleteMessageBatchRequestEntry", (entry) =>
    deleteLoaded(context, record, entry.ReceiptHandle),
  );
}

/** ChangeMessageVisibilityBatch: entry by entry, as SQS answers. */
export async function changeMessageVisibilityBatch(
  context: QueueContext,
  name: string,
  entries: readonly (BatchRequestEntry & {
    readonly ReceiptHandle: string;
    readonly VisibilityTimeout: number;
  })[],
): Promise<ReceiptBatchResult> {
  await loadQueue(context, name);
  return eachEntry(entries, "ChangeMessageVisibilityBatchRequestEntry", (entry) =>
    changeMessageVisibility(context, name, entry.ReceiptHandle, entry.VisibilityTimeout),
  );
}
