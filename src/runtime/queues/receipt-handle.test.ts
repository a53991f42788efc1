import { describe, expect, test } from "vitest";
import { QueueRequestError } from "../../core/errors.js";
import { decodeReceiptHandle, encodeReceiptHandle } from "./receipt-handle.js";

describe("receipt handles", () => {
  test("a handle decodes to the receive it was made for, its time included", () => {
    const receipt = { queue: "orders", sequence: 42, token: "abc123", receivedAtMs: 1_700_000_000_000 };
    const handle = encodeReceiptHandle(receipt);
    expect(handle).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReceiptHandle(handle, "orders")).toEqual(receipt);
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
