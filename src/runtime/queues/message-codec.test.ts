import { describe, expect, test } from "vitest";
import { decodeSystemFields, encodeSystemFields } from "./message-codec.js";

describe("system fields", () => {
  test("encode as JSON, none as null, and decode back", () => {
    const fields = { SenderId: "events.amazonaws.com", AWSTraceHeader: "Root=1-a-b" };
    const text = encodeSystemFields(fields);
    expect(text).toBe('{"SenderId":"events.amazonaws.com","AWSTraceHeader":"Root=1-a-b"}');
    expect(decodeSystemFields(text)).toEqual(fields);
    expect(encodeSystemFields({})).toBeNull();
    expect(decodeSystemFields(null)).toEqual({});
  });

  test("a frozen set shared by many messages encodes the same each time; unfrozen sets are read afresh", () => {
    const shared = Object.freeze({ SenderId: "events.amazonaws.com" });
    expect(encodeSystemFields(shared)).toBe('{"SenderId":"events.amazonaws.com"}');
    expect(encodeSystemFields(shared)).toBe('{"SenderId":"events.amazonaws.com"}');
    expect(encodeSystemFields(Object.freeze({}))).toBeNull();
    const changing: { SenderId?: string } = { SenderId: "a" };
    expect(encodeSystemFields(changing)).toBe('{"SenderId":"a"}');
    changing.SenderId = "b";
    expect(encodeSystemFields(changing)).toBe('{"SenderId":"b"}');
  });
});
