import { describe, expect, test } from "vitest";
import { EVENT_SOURCE_MAPPING_DEFAULTS } from "../../core/app/index.js";
import { ErrorCode, ValidationError } from "../../core/errors.js";
import { InvalidEventSourceMappingError } from "./mapping-errors.js";
import { changeMappingSettings, checkQueueKind, resolveMappingSettings } from "./mapping-settings.js";

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("a mapping's settings", () => {
  test("take Lambda's defaults", () => {
    const settings = resolveMappingSettings({});
    expect(settings).toMatchObject({
      batchSize: EVENT_SOURCE_MAPPING_DEFAULTS.batchSize,
      maximumBatchingWindowSeconds: EVENT_SOURCE_MAPPING_DEFAULTS.maximumBatchingWindowSeconds,
      maximumConcurrency: undefined,
      enabled: true,
      filterPatterns: [],
      reportBatchItemFailures: false,
    });
  });

  test("ranges are one ValidationError in Lambda's words, every problem counted", () => {
    const error = failure(() =>
      resolveMappingSettings({ batchSize: 10_001, maximumBatchingWindowSeconds: 301, maximumConcurrency: 1 }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      "3 validation errors detected: " +
        "Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
        "Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300; " +
        "Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2",
    );
    expect(failure(() => resolveMappingSettings({ batchSize: 0 })).message).toBe(
      "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(failure(() => resolveMappingSettings({ batchSize: 2.5 })).message).toContain(
      "Member must be an integer",
    );
  });

  test("more than 10 records a batch needs a batching window", () => {
    const error = failure(() => resolveMappingSettings({ batchSize: 11 }));
    expect(error).toBeInstanceOf(InvalidEventSourceMappingError);
    expect(error).toMatchObject({
      code: ErrorCode.InvalidParameterValue,
      message:
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
    });
    expect(resolveMappingSettings({ batchSize: 10_000, maximumBatchingWindowSeconds: 1 }).batchSize).toBe(
      10_000,
    );
  });

  test("at most five filters, each a pattern EventBridge accepts", () => {
    const five = Array.from({ length: 5 }, (_, index) => `{"body": {"n": [${index}]}}`);
    expect(resolveMappingSettings({ filterPatterns: five }).filterPatterns).toEqual(five);
    expect(
      failure(() => resolveMappingSettings({ filterPatterns: [...five, '{"body": {"n": [5]}}'] })),
    ).toBeInstanceOf(InvalidEventSourceMappingError);
    expect(failure(() => resolveMappingSettings({ filterPatterns: ['{"body": 1}'] })).message).toBe(
      "Invalid filter pattern definition.",
    );
  });

  test("a FIFO queue takes no batching window and at most 10 records a batch", () => {
    expect(() => checkQueueKind(resolveMappingSettings({ batchSize: 10 }), true)).not.toThrow();
    expect(
      failure(() => checkQueueKind(resolveMappingSettings({ maximumBatchingWindowSeconds: 1 }), true))
        .message,
    ).toBe("Batching window is not supported for FIFO queues");
    const large = resolveMappingSettings({ batchSize: 100, maximumBatchingWindowSeconds: 1 });
    expect(() => checkQueueKind(large, false)).not.toThrow();
    expect(failure(() => checkQueueKind({ ...large, maximumBatchingWindowSeconds: 0 }, true)).message).toBe(
      "Maximum batch size must be between 1 and 10 inclusive",
    );
  });

  test("a change keeps what it leaves out, and null removes the ScalingConfig", () => {
    const current = resolveMappingSettings({
      batchSize: 5,
      maximumConcurrency: 4,
      reportBatchItemFailures: true,
    });
    expect(changeMappingSettings(current, { enabled: false })).toMatchObject({
      batchSize: 5,
      maximumConcurrency: 4,
      enabled: false,
      reportBatchItemFailures: true,
    });
    expect(changeMappingSettings(current, { maximumConcurrency: null }).maximumConcurrency).toBeUndefined();
    expect(() => changeMappingSettings(current, { batchSize: 50 })).toThrow(InvalidEventSourceMappingError);
  });
});
