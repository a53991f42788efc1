import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { codePointLength, entrySizeBytes, utf8ByteLength } from "./entry-size.js";

describe("entrySizeBytes", () => {
  test("Source, DetailType and Detail count their UTF-8 bytes, not their characters", () => {
    // "é" is 2 bytes, "€" 3, "😀" 4 (a surrogate pair in UTF-16).
    expect(entrySizeBytes({ Source: "é", DetailType: "€", Detail: '{"a":"😀"}' })).toBe(2 + 3 + (8 + 4));
  });

  test("Time counts 14 bytes whenever it is present, whatever form it takes", () => {
    const base = { Source: "s", DetailType: "t", Detail: "{}" };
    expect(entrySizeBytes(base)).toBe(4);
    expect(entrySizeBytes({ ...base, Time: 1_657_720_081 })).toBe(18);
    expect(entrySizeBytes({ ...base, Time: "2022-07-13T13:48:01.123456789+02:00" })).toBe(18);
    expect(entrySizeBytes({ ...base, Time: new Date(0) })).toBe(18);
  });

  test("each Resources member counts its UTF-8 bytes", () => {
    expect(entrySizeBytes({ Resources: ["arn:é", "arn:€"] })).toBe(6 + 7);
  });

  test("EventBusName and TraceHeader count nothing", () => {
    const entry = { Source: "s", DetailType: "t", Detail: "{}", EventBusName: "bus", TraceHeader: "Root=1" };
    expect(entrySizeBytes(entry)).toBe(4);
  });
});

describe("utf8ByteLength", () => {
  test("agrees with TextEncoder on every UTF-16 string, lone surrogates included", () => {
    const encoder = new TextEncoder();
    const utf16 = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(fc.oneof(utf16, fc.string({ unit: "binary" })), (text) => {
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
    );
  });
});

describe("codePointLength", () => {
  test("counts a surrogate pair as one character", () => {
    expect(codePointLength("a😀b")).toBe(3);
    expect(codePointLength("\ud800")).toBe(1);
  });
});
