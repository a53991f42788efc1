import type { JsonValue } from "../../core/json.js";
import type { Enqueue, StoredMessage } from "../../store/queue-store.js";
import { decodeMessageAttributes, encodeMessageAttributes } from "../queues/message-codec.js";

/*
 * An event in a function's async-invocation queue is a plain queue message: its body is the payload as JSON
 * (what Invoke sent, or an EventBridge target's input), its message id is the invocation's request id — decided
 * when it was enqueued, the same on every retry, as Lambda keeps it — and its SentTimestamp is when the event
 * arrived, from which its age is counted. What the invoker must remember across a throttle rides in message
 * attributes the SQS API never shows (internal queues are invisible to it).
 */

/** Attempts (function runs) before the message's current copy was enqueued. */
const ATTEMPTS_ATTRIBUTE = "SwitchyardAttempts";
/** Throttles in a row so far: the next throttle backoff doubles with each. */
const THROTTLES_ATTRIBUTE = "SwitchyardThrottles";

/** What the invoker knows of an event it has just claimed. */
export interface ClaimedInvocation {
  readonly requestId: string;
  /** The payload, parsed; a body that is not JSON is passed on as a JSON string. */
  readonly payload: JsonValue;
  readonly enqueuedAtMs: number;
  /**
   * How many times the function ran for this event before this claim: attempts carried over from a copy
   * re-enqueued after a throttle, plus every earlier receive of this copy — a receive that never reported (the
   * process ended mid-invocation) counts as an attempt, so a poison event cannot run forever.
   */
  readonly attemptsBefore: number;
  readonly throttles: number;
}

/** Reads a claimed message as an invocation. */
export function claimedInvocation(message: StoredMessage): ClaimedInvocation {
  const attributes = decodeMessageAttributes(message.messageAttributes);
  const carried = numberAttribute(attributes[ATTEMPTS_ATTRIBUTE]?.StringValue);
  return {
    requestId: message.messageId,
    payload: parsePayload(message.body),
    enqueuedAtMs: message.sentAtMs,
    attemptsBefore: carried + Math.max(0, message.receiveCount - 1),
    throttles: numberAttribute(attributes[THROTTLES_ATTRIBUTE]?.StringValue),
  };
}

/**
 * A throttled event goes back as a new copy of itself: same request id, body, arrival time and retention, visible
 * at `visibleAtMs`, carrying the attempts that ran so far and one more throttle. (Changing the claimed copy's
 * visibility instead would keep its receive count, which counts attempts, and a throttle is not one.)
 */
export function requeueAfterThrottle(
  queue: string,
  message: StoredMessage,
  invocation: ClaimedInvocation,
  visibleAtMs: number,
): Enqueue {
  return {
    queue,
    message: {
      messageId: message.messageId,
      body: message.body,
      messageAttributes: encodeMessageAttributes({
        [ATTEMPTS_ATTRIBUTE]: { DataType: "Number", StringValue: String(invocation.attemptsBefore) },
        [THROTTLES_ATTRIBUTE]: { DataType: "Number", StringValue: String(invocation.throttles + 1) },
      }),
      systemAttributes: message.systemAttributes,
      sentAtMs: message.sentAtMs,
      visibleAtMs,
      expiresAtMs: message.expiresAtMs,
      groupId: null,
      deduplicationId: null,
      receiveCount: 0,
      firstReceivedAtMs: null,
    },
  };
}

function parsePayload(body: string): JsonValue {
  try {
    return JSON.parse(body) as JsonValue;
  } catch {
    // An input transformer's text template can give a rule target a body that is no JSON document; the
    // function receives it as a JSON string rather than not at all.
    return body;
  }
}

function numberAttribute(value: string | undefined): number {
  const parsed = value === undefined ? 0 : Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 0;
}
