import { describe, expect, test } from "vitest";
import { packMessageId, unpackMessageId } from "./rows.js";

describe("message ids on disk", () => {
  test("a canonical UUID is kept as its 16 bytes and read back as the same text", () => {
    const id = "3f0e5c43-8d3a-4c1e-9a53-6a2f1f0f7f10";
    const packed = packMessageId(id);
    expect(Buffer.isBuffer(packed) && packed.length).toBe(16);
    expect(unpackMessageId(packed)).toBe(id);
  });

  test("any other id is kept as the text it is", () => {
    for (const id of [
      "m-1",
      "3F0E5C43-8D3A-4C1E-9A53-6A2F1F0F7F10",
      "3f0e5c438d3a4c1e9a536a2f1f0f7f10",
      "",
    ]) {
      expect(packMessageId(id)).toBe(id);
      expect(unpackMessageId(id)).toBe(id);
    }
  });
});
