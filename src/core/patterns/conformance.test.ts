import { expect, test } from "vitest";
import { loadConformance, withConformance } from "../../../test/support/conformance.js";
import { ValidationError } from "../errors.js";
import { compileEventPattern } from "./compile-pattern.js";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";
import { matchesPattern } from "./rule-set.js";
import { testEventPattern } from "./test-event-pattern.js";

interface PatternCase {
  id: string;
  source: "localstack" | "event-ruler";
  pattern: unknown;
  patternText?: string;
  event: unknown;
  eventText?: string;
  expected: boolean | "InvalidEventPatternException" | "ValidationException";
  awsErrorMessage?: string;
  rulerOnly?: boolean;
}

await withConformance("EventBridge pattern conformance corpus", () => {
  const cases = loadConformance<PatternCase[]>("eventbridge-patterns.json");
  const matchable = cases.filter((c) => c.expected !== "ValidationException");
  const badEvents = cases.filter((c) => c.expected === "ValidationException");

  test("the corpus is there and large", () => {
    expect(cases.length).toBeGreaterThan(700);
  });

  test.each(badEvents.map((c) => [`${c.source} ${c.id}`, c] as const))("%s", (_name, c) => {
    const text = c.patternText ?? JSON.stringify(c.pattern);
    const eventText = c.eventText ?? JSON.stringify(c.event);
    let error: unknown;
    try {
      testEventPattern(text, eventText);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(c.awsErrorMessage);
  });

  test.each(matchable.map((c) => [`${c.source} ${c.id}`, c] as const))("%s", (_name, c) => {
    const text = c.patternText ?? JSON.stringify(c.pattern);
    if (c.expected === "InvalidEventPatternException") {
      let error: unknown;
      try {
        compileEventPattern(text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidEventPatternError);
      // AWS's recorded reason, where the corpus has it (Jackson's syntax-error wording aside).
      if (c.awsErrorMessage !== undefined && !c.id.startsWith("test_invalid_json")) {
        expect((error as InvalidEventPatternError).message).toBe(c.awsErrorMessage);
      }
      return;
    }
    const event = c.eventText === undefined ? c.event : JSON.parse(c.eventText);
    expect(matchesPattern(compileEventPattern(text), event)).toBe(c.expected);
  });
});
