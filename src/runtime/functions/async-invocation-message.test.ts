import { describe, expect, test } from "vitest";
import { createMessageFactory } from "../../store/store-fixtures.js";
import { claimedInvocation, requeueAfterThrottle } from "./async-invocation-message.js";

const message = createMessageFactory();

describe("an event in a function's async-invocation queue", () => {
  test("is its message: the message id is the request id, the send time its arrival", () => {
    const claimed = {
      ...message({ body: '{"orderId":"o-1"}', sentAtMs: 5_000, receiveCount: 1 }),
      sequence: 1,
      receiptToken: "t",
    };
    expect(claimedInvocation(claimed)).toEqual({
      requestId: "m-1",
      payload: { orderId: "o-1" },
      enqueuedAtMs: 5_000,
      attemptsBefore: 0,
      throttles: 0,
    });
  });

  test("counts every earlier receive of it as an attempt, a crashed one included", () => {
    const claimed = { ...message({ receiveCount: 3 }), sequence: 1, receiptToken: "t" };
    expect(claimedInvocation(claimed).attemptsBefore).toBe(2);
  });

  test("a body that is no JSON reaches the function as a string", () => {
    const claimed = { ...message({ body: "plain text", receiveCount: 1 }), sequence: 1, receiptToken: "t" };
    expect(claimedInvocation(claimed).payload).toBe("plain text");
  });

  test("goes back after a throttle as a fresh copy that carries its attempts and throttles", () => {
    const stored = {
      ...message({ sentAtMs: 5_000, expiresAtMs: 9_000, receiveCount: 2 }),
      sequence: 4,
      receiptToken: "t",
    };
    const first = claimedInvocation(stored);
    const requeued = requeueAfterThrottle("$lambda-async:f", stored, first, 7_000);
    expect(requeued.message).toMatchObject({
      messageId: stored.messageId,
      body: stored.body,
      sentAtMs: 5_000,
      visibleAtMs: 7_000,
      expiresAtMs: 9_000,
      receiveCount: 0,
    });
    const again = claimedInvocation({ ...requeued.message, receiveCount: 1, sequence: 5, receiptToken: "u" });
    expect(again).toMatchObject({ requestId: stored.messageId, attemptsBefore: 1, throttles: 1 });
  });
});
