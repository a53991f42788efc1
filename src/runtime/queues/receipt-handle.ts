import { ErrorCode, QueueRequestError } from "../../core/errors.js";

/** What a receipt handle names: one receive of one message of one queue. */
export interface Receipt {
  readonly queue: string;
  readonly sequence: number;
  readonly token: string;
  /**
   * When that receive took the message, which SQS's 12-hour visibility cap counts from. Absent only in handles
   * given out before Switchyard put it there (prefix sy1), which still work, without the cap.
   */
  readonly receivedAtMs?: number;
}

const PREFIX = "sy2";
const LEGACY_PREFIX = "sy1";
const DIGITS = /^\d+$/;

/**
 * Encodes a receipt handle. Opaque to clients as SQS's are; it carries the queue, the message's sequence, the
 * receive's token and the receive's time, so the store finds the message by key and knows whether this is its
 * latest receive, and ChangeMessageVisibility knows how long this receive has left. (A handle changes on every
 * receive anyway, so carrying the receive's time costs nothing.)
 */
export function encodeReceiptHandle(receipt: Receipt & { readonly receivedAtMs: number }): string {
  const fields = [PREFIX, receipt.queue, receipt.sequence, receipt.token, receipt.receivedAtMs];
  return Buffer.from(fields.join("\n"), "utf8").toString("base64url");
}

/**
 * Decodes a receipt handle given for `queue`; anything else — garbage, another queue's handle — is
 * SQS's ReceiptHandleIsInvalid.
 */
export function decodeReceiptHandle(handle: string, queue: string): Receipt {
  const parts = Buffer.from(handle, "base64url").toString("utf8").split("\n");
  const [prefix, handleQueue, sequenceText, token, receivedAtText] = parts;
  const sequence = Number(sequenceText);
  const receivedAtMs = Number(receivedAtText);
  const current =
    prefix === PREFIX &&
    parts.length === 5 &&
    DIGITS.test(receivedAtText ?? "") &&
    Number.isSafeInteger(receivedAtMs);
  const legacy = prefix === LEGACY_PREFIX && parts.length === 4;
  if (
    !(current || legacy) ||
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
  return current ? { queue, sequence, token, receivedAtMs } : { queue, sequence, token };
}
