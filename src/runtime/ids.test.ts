import { describe, expect, test } from "vitest";
import { createRandomIds } from "./ids.js";

describe("random ids", () => {
  test("tokens are 16 url-safe characters and do not repeat across pool refills", () => {
    const ids = createRandomIds();
    const tokens = new Set(Array.from({ length: 5_000 }, () => ids.token()));
    expect(tokens.size).toBe(5_000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  test("message ids are UUIDs", () => {
    expect(createRandomIds().messageId()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
