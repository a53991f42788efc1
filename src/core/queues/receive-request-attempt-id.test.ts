import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import {
  receiveAttemptNotRetryableError,
  validateReceiveRequestAttemptId,
} from "./receive-request-attempt-id.js";

const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const CHARACTERS_REASON =
  "ReceiveRequestAttemptId can contain only alphanumeric characters (a-z, A-Z, 0-9) and punctuation " +
  `(${PUNCTUATION}).`;

const refusal = (value: string) => thrownBy(() => validateReceiveRequestAttemptId(value), QueueRequestError);

describe("a ReceiveRequestAttemptId", () => {
  test.each([
    ["a UUID", "85d410a1-f61d-4aeb-a92f-a5bfa7e3e523"],
    ["one character", "a"],
    ["128 characters", "x".repeat(128)],
    ["every documented punctuation mark", PUNCTUATION],
    ["letters and digits", "AZaz09"],
  ])("%s is accepted", (_case, value) => {
    expect(() => validateReceiveRequestAttemptId(value)).not.toThrow();
  });

  test.each([
    ["empty", ""],
    ["129 characters", "x".repeat(129)],
  ])("%s is refused for its length", (_case, value) => {
    const error = refusal(value);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      `Value ${value} for parameter ReceiveRequestAttemptId is invalid. Reason: ReceiveRequestAttemptId must be ` +
        "from 1 to 128 characters long.",
    );
  });

  test.each([
    ["a space", "attempt 1"],
    ["a tab", "attempt\t1"],
    ["a letter outside ASCII", "versuch-ä"],
    ["an emoji", "try-🚀"],
  ])("one with %s is refused for its characters", (_case, value) => {
    const error = refusal(value);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      `Value ${value} for parameter ReceiveRequestAttemptId is invalid. Reason: ${CHARACTERS_REASON}`,
    );
  });

  test("a spent one is refused with SQS's wording", () => {
    const error = receiveAttemptNotRetryableError("85d410a1");
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      "Value 85d410a1 for parameter ReceiveRequestAttemptId is invalid. Reason: The receiveRequestAttemptId is not " +
        "valid anymore since the receive call is not retryable.",
    );
  });
});
