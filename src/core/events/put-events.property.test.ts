import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ValidationError } from "../errors.js";
import { validatePutEventsEntries } from "./put-events.js";

const MEMBERS = [
  "Source",
  "DetailType",
  "Detail",
  "Resources",
  "Time",
  "EventBusName",
  "TraceHeader",
] as const;

function validatesOrRefuses(entries: unknown): void {
  try {
    const verdicts = validatePutEventsEntries(entries);
    expect(Array.isArray(entries) && verdicts.length === entries.length).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
  }
}

describe("validatePutEventsEntries on arbitrary input", () => {
  test("throws nothing but ValidationError for any value at all", () => {
    fc.assert(fc.property(fc.anything(), validatesOrRefuses), { numRuns: 500 });
  });

  test("throws nothing but ValidationError for entries whose members hold any JSON", () => {
    const member = fc.oneof(fc.jsonValue(), fc.string(), fc.array(fc.string()), fc.double());
    const entry = fc.dictionary(fc.constantFrom(...MEMBERS), member);
    fc.assert(fc.property(fc.array(entry, { maxLength: 12 }), validatesOrRefuses), { numRuns: 500 });
  });

  test("answers every well-typed entry with a verdict instead of throwing", () => {
    const entry = fc.record(
      {
        Source: fc.string(),
        DetailType: fc.string(),
        Detail: fc.oneof(fc.string(), fc.json()),
        Resources: fc.array(fc.string({ maxLength: 20 })),
        Time: fc.oneof(fc.string(), fc.double(), fc.date()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), (entries) => {
        expect(validatePutEventsEntries(entries)).toHaveLength(entries.length);
      }),
      { numRuns: 300 },
    );
  });
});
