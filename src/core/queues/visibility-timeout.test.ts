import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import { checkVisibilityWithinReceiveLimit, validateVisibilityTimeout } from "./visibility-timeout.js";

const HOUR_MS = 3_600_000;

describe("a VisibilityTimeout parameter", () => {
  test.each([0, 30, 43_200])("%i seconds is accepted", (seconds) => {
    expect(() => validateVisibilityTimeout(seconds)).not.toThrow();
  });

  test.each([-1, 43_201, 1.5, Number.NaN])("%s seconds is InvalidParameterValue naming it", (seconds) => {
    const error = thrownBy(() => validateVisibilityTimeout(seconds), QueueRequestError);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.`,
    );
  });
});

describe("the 12 hours of one receive", () => {
  test("a change may hide the message until exactly 12 hours after its receive", () => {
    expect(() =>
      checkVisibilityWithinReceiveLimit({
        receivedAtMs: 0,
        nowMs: 11 * HOUR_MS,
        visibilityTimeoutSeconds: 3_600,
      }),
    ).not.toThrow();
    expect(() =>
      checkVisibilityWithinReceiveLimit({ receivedAtMs: 5, nowMs: 5, visibilityTimeoutSeconds: 43_200 }),
    ).not.toThrow();
  });

  test("one second more is refused with SQS's InvalidParameterValue", () => {
    const error = thrownBy(
      () =>
        checkVisibilityWithinReceiveLimit({
          receivedAtMs: 1_000,
          nowMs: 1_000 + 11 * HOUR_MS,
          visibilityTimeoutSeconds: 3_601,
        }),
      QueueRequestError,
    );
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      "Value 3601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is " +
        "beyond the limit [43200 seconds].",
    );
    expect(error.context).toEqual({ VisibilityTimeout: 3_601, receivedAtMs: 1_000 });
  });

  test("the count is in milliseconds: a change a moment later than allowed is refused", () => {
    expect(() =>
      checkVisibilityWithinReceiveLimit({
        receivedAtMs: 0,
        nowMs: HOUR_MS + 1,
        visibilityTimeoutSeconds: 39_600,
      }),
    ).toThrow(QueueRequestError);
  });
});
