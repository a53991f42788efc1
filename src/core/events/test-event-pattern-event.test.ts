import { describe, expect, test } from "vitest";
import { ValidationError } from "../errors.js";
import { parseTestEventPatternEvent, TEST_EVENT_REQUIRED_FIELDS } from "./test-event-pattern-event.js";

const complete = {
  id: "1",
  account: "123456789012",
  source: "shop",
  time: "2026-11-29T12:00:00Z",
  region: "us-east-1",
  "detail-type": "X",
};

function rejectionOf(text: string): unknown {
  try {
    parseTestEventPatternEvent(text);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("the Event of TestEventPattern", () => {
  test("an object with every mandatory field is accepted as it is", () => {
    const event = { ...complete, detail: { a: 1 } };
    expect(parseTestEventPatternEvent(JSON.stringify(event))).toEqual(event);
  });

  test.each(TEST_EVENT_REQUIRED_FIELDS)("an event without %s is AWS's ValidationException", (field) => {
    const { [field]: _dropped, ...rest } = complete;
    const error = rejectionOf(JSON.stringify(rest));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe("Parameter Event is not valid.");
  });

  test.each(["plain string", '["plain string"]', "42", "null", "{"])("%s is not a valid event", (text) => {
    const error = rejectionOf(text);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe("Parameter Event is not valid.");
  });
});
