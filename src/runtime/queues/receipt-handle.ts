import { ErrorCode, QueueRequestError } from "../../core/errors.js";

/** What a receipt handle names: one receive of one message of one queue. */
export interface Receipt {
  readonly queue: string;
  readonly sequence: number;
  readonly token: string;
}

const PREFIX = "sy1";

/**
 * Encodes a receipt handle. Opaque to clients as SQS's are; it carries the queue, the message's
 * sequence and the receive's token, so the store finds the message by key and knows whether this is
 * its latest receive.
 */
export function encodeReceiptHandle(receipt: Receipt): string {
  return Buffer.from(`${PREFIX}\n${receipt.queue}\n${receipt.sequence}\n${receipt.token}`, "utf8").toString(
    "base64url",
  );
}

/**
 * Decodes a receipt handle given for `queue`; anything else — garbage, another queue's handle — is
 * SQS's ReceiptHandleIsInvalid.
 */
export function decodeReceiptHandle(handle: string, queue: string): Receipt {
  const parts = Buffer.from(handle, "base64url").toString("utf8").split("\n");
  const [prefix, handleQueue, sequenceText, token] = parts;
  const sequence = Number(sequenceText);
  if (
    parts.length !== 4 ||
    prefix !== PREFIX ||
    handleQueue !== queue ||
    !Number.isSafeInteger(sequence) ||
    sequence < 0 ||
    token === undefined ||
    token === "" ||
    handle.length === 0
  ) {
    throw new QueueRequestError(
      ErrorCode.ReceiptHandleIsInvalid,
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      { queue },
    );
  }
  return { queue, sequence, token };
}
