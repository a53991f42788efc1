import { describe, expect, test } from "vitest";
import { firstInvalidCodePoint, formatCodePoint } from "./message-characters.js";

describe("the characters SQS accepts in a body", () => {
  test.each([
    ["tab #x9", "\t"],
    ["line feed #xA", "\n"],
    ["carriage return #xD", "\r"],
    ["space #x20", " "],
    ["#xD7FF, the last before the surrogates", "\uD7FF"],
    ["#xE000, the first after them", "\uE000"],
    ["#xFFFD", "\uFFFD"],
    ["#x10000 as a surrogate pair", "\u{10000}"],
    ["an emoji", "📦"],
    ["#x10FFFF, the last code point", "\u{10FFFF}"],
  ])("%s is allowed", (_, text) => {
    expect(firstInvalidCodePoint(`a${text}b`)).toBeUndefined();
  });

  test.each([
    ["NUL #x0", "\u0000", 0x0],
    ["#x8, just below tab", "\u0008", 0x8],
    ["#xB between line feed and carriage return", "\u000B", 0xb],
    ["#xC", "\u000C", 0xc],
    ["#x1F, just below space", "\u001F", 0x1f],
    ["a lone high surrogate #xD800", "\uD800", 0xd800],
    ["a lone low surrogate #xDFFF", "\uDFFF", 0xdfff],
    ["#xFFFE", "\uFFFE", 0xfffe],
    ["#xFFFF", "\uFFFF", 0xffff],
  ])("%s is refused and reported as the first offending code point", (_, text, codePoint) => {
    expect(firstInvalidCodePoint(`ok ${text} \u0001`)).toBe(codePoint);
  });

  test("a high surrogate followed by a low one is one allowed character, reversed they are refused", () => {
    expect(firstInvalidCodePoint("\uD83D\uDCE6")).toBeUndefined();
    expect(firstInvalidCodePoint("\uDCE6\uD83D")).toBe(0xdce6);
  });
});

describe("code points as SQS prints them", () => {
  test("upper-case hex without padding, as in AWS's '#x7' and '#xFFFF'", () => {
    expect(formatCodePoint(0x7)).toBe("#x7");
    expect(formatCodePoint(0xffff)).toBe("#xFFFF");
    expect(formatCodePoint(0xd83d)).toBe("#xD83D");
    expect(formatCodePoint(0x1b)).toBe("#x1B");
  });
});
