import { describe, expect, test } from "vitest";
import { QueueRequestError } from "../../core/errors.js";
import { decodeReceiptHandle, encodeReceiptHandle } from "./receipt-handle.js";

describe("receipt handles", () => {
  test("a handle decodes to the receive it was made for, its time included", () => {
    const receipt = { queue: "orders", sequence: 42, token: "abc123", receivedAtMs: 1_700_000_000_000 };
    const handle = encodeReceiptHandle(receipt);
    expect(handle).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(decodeReceiptHandle(handle, "orders")).toEqual(receipt);
  });

  test("a queue name with dots, base64url tokens and the largest numbers round-trip", () => {
    for (const receipt of [
      { queue: "orders.fifo", sequence: 0, token: "AbC-_9xYz0123456", receivedAtMs: 0 },
      {
        queue: "a.b.c",
        sequence: Number.MAX_SAFE_INTEGER,
        token: "t",
        receivedAtMs: Number.MAX_SAFE_INTEGER,
      },
    ]) {
      expect(decodeReceiptHandle(encodeReceiptHandle(receipt), receipt.queue)).toEqual(receipt);
    }
  });

  test("a token with a dot (none Switchyard makes) is carried in the base64 form, and decodes", () => {
    const receipt = { queue: "orders", sequence: 7, token: "a.b", receivedAtMs: 5 };
    const handle = encodeReceiptHandle(receipt);
    expect(handle).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReceiptHandle(handle, "orders")).toEqual(receipt);
  });

  test("a handle given out in the base64 form (sy2) still decodes", () => {
    const sy2 = Buffer.from("sy2\norders\n42\nabc123\n1700000000000").toString("base64url");
    expect(decodeReceiptHandle(sy2, "orders")).toEqual({
      queue: "orders",
      sequence: 42,
      token: "abc123",
      receivedAtMs: 1_700_000_000_000,
    });
  });

  test("a handle given out before receive times were carried still decodes, without a time", () => {
    const legacy = Buffer.from("sy1\norders\n42\nabc123").toString("base64url");
    expect(decodeReceiptHandle(legacy, "orders")).toEqual({ queue: "orders", sequence: 42, token: "abc123" });
  });

  test.each([
    ["garbage", "not-a-handle"],
    ["empty", ""],
    ["another queue's", encodeReceiptHandle({ queue: "payments", sequence: 1, token: "t", receivedAtMs: 0 })],
    ["a bad sequence", Buffer.from("sy2\norders\n-1\nt\n0").toString("base64url")],
    ["a bad receive time", Buffer.from("sy2\norders\n1\nt\nsoon").toString("base64url")],
    ["no receive time", Buffer.from("sy2\norders\n1\nt\n").toString("base64url")],
    ["a legacy one with a time", Buffer.from("sy1\norders\n1\nt\n0").toString("base64url")],
    ["a plain one for another queue", "sy3.0.1.t.payments"],
    ["a plain one for a queue ending like this one", "sy3.0.1.t.big-orders"],
    ["a plain one with no token", "sy3.0.1..orders"],
    ["a plain one with a negative sequence", "sy3.0.-1.t.orders"],
    ["a plain one with a fractional time", "sy3.1e3.1.t.orders"],
    ["a plain one with no time", "sy3..1.t.orders"],
    ["a plain one with an unsafe sequence", "sy3.0.9007199254740993.t.orders"],
    ["a plain one cut short", "sy3.0.1"],
  ])("%s handle is ReceiptHandleIsInvalid", (_name, handle) => {
    let error: unknown;
    try {
      decodeReceiptHandle(handle, "orders");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueueRequestError);
    expect((error as QueueRequestError).code).toBe("ReceiptHandleIsInvalid");
    expect((error as QueueRequestError).message).toBe(
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
    );
  });
});
