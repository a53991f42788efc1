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

/** The current format: plain text, `sy3.<receivedAtMs>.<sequence>.<token>.<queue>`. */
const PREFIX = "sy3.";
/** Handles given out before sy3, base64url of newline-separated fields; still accepted. */
const BASE64_PREFIX = "sy2";
const LEGACY_PREFIX = "sy1";
const DIGITS = /^\d+$/;

/**
 * Encodes a receipt handle. Opaque to clients as SQS's are; it carries the queue, the message's sequence, the
 * receive's token and the receive's time, so the store finds the message by key and knows whether this is its
 * latest receive, and ChangeMessageVisibility knows how long this receive has left. (A handle changes on every
 * receive anyway, so carrying the receive's time costs nothing.) Plain text, the queue last (a name may hold
 * dots, the other fields none): base64 cost every received and every deleted message about a microsecond.
 */
export function encodeReceiptHandle(receipt: Receipt & { readonly receivedAtMs: number }): string {
  const { queue, sequence, token, receivedAtMs } = receipt;
  // Tokens are base64url; one with a dot (none Switchyard makes) could not be told from the queue.
  if (token.includes(".")) {
    const fields = [BASE64_PREFIX, queue, sequence, token, receivedAtMs];
    return Buffer.from(fields.join("\n"), "utf8").toString("base64url");
  }
  return `${PREFIX}${receivedAtMs}.${sequence}.${token}.${queue}`;
}

/**
 * Decodes a receipt handle given for `queue`; anything else — garbage, another queue's handle — is
 * SQS's ReceiptHandleIsInvalid.
 */
export function decodeReceiptHandle(handle: string, queue: string): Receipt {
  const receipt = handle.startsWith(PREFIX) ? decodePlain(handle, queue) : decodeBase64(handle, queue);
  if (receipt === undefined) {
    throw new QueueRequestError(
      ErrorCode.ReceiptHandleIsInvalid,
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      { queue },
    );
  }
  return receipt;
}

function decodePlain(handle: string, queue: string): Receipt | undefined {
  const timeEnd = handle.indexOf(".", PREFIX.length);
  const sequenceEnd = timeEnd < 0 ? -1 : handle.indexOf(".", timeEnd + 1);
  const tokenEnd = sequenceEnd < 0 ? -1 : handle.indexOf(".", sequenceEnd + 1);
  if (tokenEnd < 0 || tokenEnd === sequenceEnd + 1) return undefined;
  if (handle.length - tokenEnd - 1 !== queue.length || !handle.endsWith(queue)) return undefined;
  const receivedAtMs = wholeNumber(handle, PREFIX.length, timeEnd);
  const sequence = wholeNumber(handle, timeEnd + 1, sequenceEnd);
  if (receivedAtMs === undefined || sequence === undefined) return undefined;
  return { queue, sequence, token: handle.slice(sequenceEnd + 1, tokenEnd), receivedAtMs };
}

/** The decimal digits in handle[from, to) as a safe integer; undefined when they are not one. */
function wholeNumber(handle: string, from: number, to: number): number | undefined {
  if (to <= from || to - from > 16) return undefined;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = handle.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

function decodeBase64(handle: string, queue: string): Receipt | undefined {
  const parts = Buffer.from(handle, "base64url").toString("utf8").split("\n");
  const [prefix, handleQueue, sequenceText, token, receivedAtText] = parts;
  const sequence = Number(sequenceText);
  const receivedAtMs = Number(receivedAtText);
  const current =
    prefix === BASE64_PREFIX &&
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
    return undefined;
  }
  return current ? { queue, sequence, token, receivedAtMs } : { queue, sequence, token };
}
