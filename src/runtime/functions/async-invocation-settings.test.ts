import { describe, expect, test } from "vitest";
import { ValidationError } from "../../core/errors.js";
import {
  functionErrorRetryDelayMs,
  resolveAsyncInvocationSettings,
  throttleRetryDelayMs,
} from "./async-invocation-settings.js";

describe("asynchronous invocation settings", () => {
  test("default to two retries and six hours, as PutFunctionEventInvokeConfig does", () => {
    expect(resolveAsyncInvocationSettings({})).toEqual({
      maximumRetryAttempts: 2,
      maximumEventAgeSeconds: 21_600,
    });
  });

  test("keep the destinations given", () => {
    const onFailure = { kind: "bus" as const, name: "default" };
    expect(resolveAsyncInvocationSettings({ maximumRetryAttempts: 0, onFailure })).toEqual({
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 21_600,
      onFailure,
    });
  });

  test("refuse values outside Lambda's ranges, every problem counted together", () => {
    expect(() => resolveAsyncInvocationSettings({ maximumRetryAttempts: 3 })).toThrow(
      "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    );
    expect(() =>
      resolveAsyncInvocationSettings({ maximumRetryAttempts: -1, maximumEventAgeSeconds: 59 }),
    ).toThrow(
      "2 validation errors detected: Value '-1' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    );
    expect(() => resolveAsyncInvocationSettings({ maximumEventAgeSeconds: 21_601 })).toThrow(ValidationError);
    expect(() => resolveAsyncInvocationSettings({ maximumEventAgeSeconds: 90.5 })).toThrow(
      "be a whole number",
    );
  });
});

describe("retry waits", () => {
  test("a function error waits one minute before the second attempt and two before the third", () => {
    expect([1, 2].map(functionErrorRetryDelayMs)).toEqual([60_000, 120_000]);
  });

  test("throttles back off from one second, doubling, to at most five minutes", () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(throttleRetryDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ]);
  });
});
