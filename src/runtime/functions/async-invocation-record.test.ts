import { describe, expect, test } from "vitest";
import { createInvocationRecord } from "./async-invocation-record.js";
import type { InvocationFailure, InvocationSuccess } from "./invocation-result.js";

const ARN = "arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST";
const NOW = Date.parse("2019-11-14T18:16:05.568Z");
const measured = { logs: [], durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 40 };

describe("the invocation record", () => {
  test("of a failure has Lambda's documented shape, key for key", () => {
    const error = {
      errorType: "Error",
      errorMessage: "RequestId: e4b46cbf Process exited before completing request",
      trace: ["Error: …"],
    };
    const failure: InvocationFailure = {
      ...measured,
      requestId: "e4b46cbf",
      ok: false,
      throttled: false,
      functionError: "Unhandled",
      error,
      payloadJson: JSON.stringify(error),
      timedOut: false,
    };
    const record = createInvocationRecord({
      nowMs: NOW,
      requestId: "e4b46cbf",
      functionArn: ARN,
      condition: "RetriesExhausted",
      approximateInvokeCount: 3,
      requestPayload: { ORDER_IDS: ["9e07af03"] },
      response: failure,
    });
    expect(JSON.stringify(record)).toBe(
      JSON.stringify({
        version: "1.0",
        timestamp: "2019-11-14T18:16:05.568Z",
        requestContext: {
          requestId: "e4b46cbf",
          functionArn: ARN,
          condition: "RetriesExhausted",
          approximateInvokeCount: 3,
        },
        requestPayload: { ORDER_IDS: ["9e07af03"] },
        responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
        responsePayload: error,
      }),
    );
  });

  test("of a success has no functionError and the handler's result as responsePayload", () => {
    const success: InvocationSuccess = {
      ...measured,
      requestId: "r-1",
      ok: true,
      payload: null,
      payloadJson: "null",
    };
    const record = createInvocationRecord({
      nowMs: NOW,
      requestId: "r-1",
      functionArn: ARN,
      condition: "Success",
      approximateInvokeCount: 1,
      requestPayload: {},
      response: success,
    });
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: "$LATEST" });
    expect(record).toHaveProperty("responsePayload", null);
  });

  test("of an event that never ran has no response", () => {
    const record = createInvocationRecord({
      nowMs: NOW,
      requestId: "r-2",
      functionArn: ARN,
      condition: "EventAgeExceeded",
      approximateInvokeCount: 0,
      requestPayload: "text",
    });
    expect(Object.keys(record)).toEqual(["version", "timestamp", "requestContext", "requestPayload"]);
  });
});
