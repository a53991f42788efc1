import { ErrorCode, QueueRequestError } from "../errors.js";

/**
 * How long SQS keeps a FIFO receive retryable by its ReceiveRequestAttemptId ("You can use
 * ReceiveRequestAttemptId only for 5 minutes after a ReceiveMessage action", ReceiveMessage API reference).
 */
export const RECEIVE_REQUEST_ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

/** The longest ReceiveRequestAttemptId SQS takes. */
export const RECEIVE_REQUEST_ATTEMPT_ID_MAX_LENGTH = 128;

const PARAMETER = "ReceiveRequestAttemptId";
// "alphanumeric characters (a-z, A-Z, 0-9) and punctuation (!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~)"
const ALLOWED = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]*$/;
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

function invalidAttemptId(value: string, reason: string): QueueRequestError {
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${value} for parameter ${PARAMETER} is invalid. Reason: ${reason}`,
    { [PARAMETER]: value },
  );
}

/**
 * Checks a ReceiveRequestAttemptId against the constraints the ReceiveMessage API reference states: 1 to 128
 * characters, alphanumeric or punctuation. Refused with InvalidParameterValue; AWS publishes no wording for the
 * reason, so it repeats the documented constraint.
 * @example
 * validateReceiveRequestAttemptId("poller-1:attempt-7"); // fine
 */
export function validateReceiveRequestAttemptId(value: string): void {
  if (value.length === 0 || value.length > RECEIVE_REQUEST_ATTEMPT_ID_MAX_LENGTH) {
    throw invalidAttemptId(
      value,
      `${PARAMETER} must be from 1 to ${RECEIVE_REQUEST_ATTEMPT_ID_MAX_LENGTH} characters long.`,
    );
  }
  if (!ALLOWED.test(value)) {
    throw invalidAttemptId(
      value,
      `${PARAMETER} can contain only alphanumeric characters (a-z, A-Z, 0-9) and punctuation (${PUNCTUATION}).`,
    );
  }
}

/**
 * SQS's answer to a retry whose receive can no longer be given again (one of its messages was deleted, had its
 * visibility changed, or became visible again): the wording SQS sends for a ReceiveRequestAttemptId that is spent,
 * as reported in https://github.com/awslabs/amazon-sqs-java-messaging-lib/issues/213.
 */
export function receiveAttemptNotRetryableError(value: string): QueueRequestError {
  return invalidAttemptId(
    value,
    "The receiveRequestAttemptId is not valid anymore since the receive call is not retryable.",
  );
}
