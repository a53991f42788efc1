import { describe, expect, test } from "vitest";
import type { JsonValue } from "../../core/json.js";
import type { InvocationResult } from "../functions/index.js";
import { readBatchOutcome } from "./batch-outcome.js";

const IDS = ["m-1", "m-2", "m-3"];

function success(payload: JsonValue): InvocationResult {
  return {
    ok: true,
    payload,
    payloadJson: JSON.stringify(payload),
    requestId: "r-1",
    logs: [],
    durationMs: 1,
    billedDurationMs: 1,
    memorySizeMb: 128,
    maxMemoryUsedMb: 40,
  };
}

describe("reading a batch's outcome", () => {
  test("a failed invocation fails the batch, with or without ReportBatchItemFailures", () => {
    const failure: InvocationResult = {
      ok: false,
      throttled: false,
      functionError: "Unhandled",
      error: { errorType: "Error", errorMessage: "boom", trace: [] },
      payloadJson: "{}",
      timedOut: false,
      requestId: "r-1",
      logs: [],
      durationMs: 1,
      billedDurationMs: 1,
      memorySizeMb: 128,
      maxMemoryUsedMb: 40,
    };
    for (const report of [false, true]) {
      expect(readBatchOutcome(failure, IDS, report)).toEqual({
        kind: "failed",
        reason: "FunctionError",
        detail: "Error: boom",
      });
    }
  });

  test("a throttle is its own outcome", () => {
    const throttle: InvocationResult = {
      ok: false,
      throttled: true,
      requestId: "r-1",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    };
    expect(readBatchOutcome(throttle, IDS, true)).toEqual({ kind: "throttled" });
  });

  test("without ReportBatchItemFailures any successful response deletes the whole batch", () => {
    for (const payload of [null, "anything", { batchItemFailures: [{ itemIdentifier: "m-1" }] }]) {
      expect(readBatchOutcome(success(payload), IDS, false)).toEqual({ kind: "succeeded" });
    }
  });

  test.each<[string, JsonValue]>([
    ["an empty object (empty EventResponse)", {}],
    ["null (null EventResponse)", null],
    ["an empty batchItemFailures list", { batchItemFailures: [] }],
    ["a null batchItemFailures list", { batchItemFailures: null }],
    ["other members only", { processed: 3 }],
  ])("%s is a complete success", (_, payload) => {
    expect(readBatchOutcome(success(payload), IDS, true)).toEqual({ kind: "succeeded" });
  });

  test.each<[string, JsonValue, string]>([
    ["a string", "ok", 'the response is the string "ok", not an object'],
    ["a number", 7, "the response is the number 7, not an object"],
    ["a boolean", true, "the response is the boolean true, not an object"],
    ["a list", [], "the response is a list, not an object"],
    [
      "batchItemFailures as an object",
      { batchItemFailures: {} },
      "batchItemFailures is an object, not a list",
    ],
    [
      "batchItemFailures as a string",
      { batchItemFailures: "m-1" },
      'batchItemFailures is the string "m-1", not a list',
    ],
    [
      "an entry that is a string",
      { batchItemFailures: ["m-1"] },
      'batchItemFailures[0] is the string "m-1", not an object',
    ],
    ["an entry that is null", { batchItemFailures: [null] }, "batchItemFailures[0] is null, not an object"],
    [
      "a bad key name",
      { batchItemFailures: [{ foo: "notvalid" }] },
      "batchItemFailures[0].itemIdentifier is missing",
    ],
    [
      "a null itemIdentifier",
      { batchItemFailures: [{ itemIdentifier: null }] },
      "batchItemFailures[0].itemIdentifier is null",
    ],
    [
      "an empty itemIdentifier",
      { batchItemFailures: [{ itemIdentifier: "" }] },
      "batchItemFailures[0].itemIdentifier is an empty string",
    ],
    [
      "a numeric itemIdentifier",
      { batchItemFailures: [{ itemIdentifier: 1 }] },
      "batchItemFailures[0].itemIdentifier is the number 1",
    ],
    [
      "an itemIdentifier not in the batch",
      { batchItemFailures: [{ itemIdentifier: "m-1" }, { itemIdentifier: "m-9" }] },
      'batchItemFailures[1].itemIdentifier "m-9" is not in the batch',
    ],
  ])("%s fails the whole batch", (_, payload, detail) => {
    expect(readBatchOutcome(success(payload), IDS, true)).toEqual({
      kind: "failed",
      reason: "InvalidBatchResponse",
      detail,
    });
  });

  test("listed identifiers are the failures, each once", () => {
    const payload = {
      batchItemFailures: [{ itemIdentifier: "m-3" }, { itemIdentifier: "m-1" }, { itemIdentifier: "m-3" }],
    };
    expect(readBatchOutcome(success(payload), IDS, true)).toEqual({
      kind: "partial",
      failedMessageIds: ["m-3", "m-1"],
    });
  });
});
