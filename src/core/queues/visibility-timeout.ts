import { ErrorCode, QueueRequestError } from "../errors.js";
import { QUEUE_ATTRIBUTE_LIMITS } from "./queue-attribute-limits.js";

const { min: MIN_SECONDS, max: MAX_SECONDS } = QUEUE_ATTRIBUTE_LIMITS.visibilityTimeoutSeconds;

function invalidVisibilityTimeout(value: number, reason: string, context: Record<string, unknown> = {}) {
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${value} for parameter VisibilityTimeout is invalid. Reason: ${reason}`,
    { VisibilityTimeout: value, ...context },
  );
}

/**
 * The range SQS allows a VisibilityTimeout parameter of ReceiveMessage and ChangeMessageVisibility: a whole number
 * of seconds from 0 to 43,200 (12 hours), else InvalidParameterValue.
 */
export function validateVisibilityTimeout(value: number): void {
  if (!Number.isInteger(value) || value < MIN_SECONDS || value > MAX_SECONDS) {
    throw invalidVisibilityTimeout(value, `Must be between ${MIN_SECONDS} and ${MAX_SECONDS}, if provided.`);
  }
}

/** When a ChangeMessageVisibility is asked for: the receive its handle came from, now, and the new timeout. */
export interface VisibilityChange {
  /** When the ReceiveMessage that returned the receipt handle took the message. */
  readonly receivedAtMs: number;
  readonly nowMs: number;
  readonly visibilityTimeoutSeconds: number;
}

/**
 * SQS's 12-hour cap on one receive: a message stays hidden at most 12 hours from the ReceiveMessage that returned
 * its receipt handle, and extending the timeout does not restart that count ("The maximum visibility timeout is 12
 * hours from the time that Amazon SQS receives the ReceiveMessage request. Extending the visibility timeout does
 * not reset the 12-hour maximum", SQS Developer Guide, "Amazon SQS visibility timeout",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html).
 * A change that would hide it longer is refused with SQS's InvalidParameterValue (message as SQS sends it, e.g.
 * https://github.com/aws/aws-sdk-net/issues/794) and changes nothing.
 * @example
 * // received at 0, asked at 11 h to hide it 2 h more: 13 h in all, refused
 * checkVisibilityWithinReceiveLimit({ receivedAtMs: 0, nowMs: 39_600_000, visibilityTimeoutSeconds: 7_200 });
 */
export function checkVisibilityWithinReceiveLimit(change: VisibilityChange): void {
  const hiddenUntilMs = change.nowMs + change.visibilityTimeoutSeconds * 1000;
  if (hiddenUntilMs - change.receivedAtMs > MAX_SECONDS * 1000) {
    throw invalidVisibilityTimeout(
      change.visibilityTimeoutSeconds,
      `Total VisibilityTimeout for the message is beyond the limit [${MAX_SECONDS} seconds].`,
      { receivedAtMs: change.receivedAtMs },
    );
  }
}
