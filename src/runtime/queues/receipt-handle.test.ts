import { describe, expect, test } from "vitest";
import { QueueRequestError } from "../../core/errors.js";
import { decodeReceiptHandle, encodeReceiptHandle } from "./receipt-handle.js";

describe("receipt handles", () => {
  test("a handle decodes to the receive it was made for", () => {
    const receipt = { queue: "orders", sequence: 42, token: "abc123" };
    const handle = encodeReceiptHandle(receipt);
    expect(handle).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReceiptHandle(handle, "orders")).toEqual(receipt);
  });

  test.each([
    ["garbage", "not-a-handle"],
    ["empty", ""],
    ["another queue's", encodeReceiptHandle({ queue: "payments", sequence: 1, token: "t" })],
    ["a bad sequence", Buffer.from("sy1\norders\n-1\nt").toString("base64url")],
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
