import { describe, expect, test } from "vitest";
import { ValidationError } from "../errors.js";
import { PUT_EVENTS_LIMITS } from "./limits.js";
import { validatePutEventsEntries } from "./put-events.js";

const good = { Source: "com.shop", DetailType: "OrderCreated", Detail: '{"id":1}' };

function refusal(entries: unknown): ValidationError {
  try {
    validatePutEventsEntries(entries);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("the request was accepted");
}

describe("the number of entries", () => {
  test("1 and 10 entries are accepted", () => {
    expect(validatePutEventsEntries([good])).toHaveLength(1);
    expect(validatePutEventsEntries(Array.from({ length: 10 }, () => good))).toHaveLength(10);
  });

  test("0 entries reject the request with AWS's ValidationException message", () => {
    expect(refusal([]).message).toBe(
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: " +
        "Member must have length greater than or equal to 1",
    );
  });

  test("11 entries reject the request, listing the entries as AWS does", () => {
    const { message } = refusal(Array.from({ length: 11 }, () => good));
    expect(message).toMatch(
      /^1 validation error detected: Value '\[PutEventsRequestEntry\(time=null, source=com\.shop,/,
    );
    expect(message.match(/PutEventsRequestEntry\(/g)).toHaveLength(11);
    expect(message).toMatch(
      /' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
  });

  test("missing Entries reject the request as a null member", () => {
    expect(refusal(undefined).message).toBe(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("the total size of the entries", () => {
  // Sized by the documented formula, by hand: Time 14 + Source "src" 3 + DetailType "type" 4
  // + Resources ["arn:é"] 6 bytes, and Detail {"k":"…"} = 8 bytes of JSON around 100,000 "€" (3 bytes each)
  // and some ASCII filler.
  const fixedBytes = 14 + 3 + 4 + 6;
  const euroBytes = 100_000 * 3;
  function entryOfSize(totalBytes: number) {
    const filler = "x".repeat(totalBytes - fixedBytes - 8 - euroBytes);
    return {
      Time: 1_657_720_081,
      Source: "src",
      DetailType: "type",
      Resources: ["arn:é"],
      Detail: `{"k":"${"€".repeat(100_000)}${filler}"}`,
    };
  }

  test("entries summing exactly to the limit are accepted", () => {
    const [verdict] = validatePutEventsEntries([entryOfSize(PUT_EVENTS_LIMITS.requestSizeBytes)]);
    expect(verdict).toMatchObject({ ok: true, entry: { sizeBytes: PUT_EVENTS_LIMITS.requestSizeBytes } });
  });

  test("one byte over the limit rejects the whole request", () => {
    const error = refusal([entryOfSize(PUT_EVENTS_LIMITS.requestSizeBytes + 1)]);
    expect(error.message).toBe("Total size of the entries in the request is over the limit.");
    expect(error.context).toMatchObject({ sizeBytes: PUT_EVENTS_LIMITS.requestSizeBytes + 1 });
  });

  test("the limit is on the request: two entries that fit alone but not together are refused", () => {
    const half = Math.ceil(PUT_EVENTS_LIMITS.requestSizeBytes / 2) + 1;
    expect(() => validatePutEventsEntries([entryOfSize(half)])).not.toThrow();
    expect(refusal([entryOfSize(half), entryOfSize(half)]).message).toBe(
      "Total size of the entries in the request is over the limit.",
    );
  });
});

describe("the model's member constraints", () => {
  test("a Resources member of 2048 characters is accepted and one of 2049 rejects the request", () => {
    expect(() => validatePutEventsEntries([{ ...good, Resources: ["r".repeat(2048)] }])).not.toThrow();
    expect(refusal([good, { ...good, Resources: ["r".repeat(2049)] }]).message).toMatch(
      /^1 validation error detected: Value '\[r+\]' at 'entries\.2\.member\.resources' failed to satisfy constraint: Member must satisfy constraint: \[Member must have length less than or equal to 2048\]$/,
    );
  });

  test("TraceHeader must be 1 to 500 characters", () => {
    expect(() => validatePutEventsEntries([{ ...good, TraceHeader: "t".repeat(500) }])).not.toThrow();
    expect(refusal([{ ...good, TraceHeader: "t".repeat(501) }]).message).toMatch(
      /at 'entries\.1\.member\.traceHeader' failed to satisfy constraint: Member must have length less than or equal to 500$/,
    );
    expect(refusal([{ ...good, TraceHeader: "" }]).message).toBe(
      "1 validation error detected: Value '' at 'entries.1.member.traceHeader' failed to satisfy constraint: " +
        "Member must have length greater than or equal to 1",
    );
  });

  test("EventBusName may be a name or a bus ARN, and nothing else", () => {
    const arn = "arn:aws:events:us-east-1:123456789012:event-bus/orders";
    expect(() => validatePutEventsEntries([{ ...good, EventBusName: "orders" }])).not.toThrow();
    expect(() => validatePutEventsEntries([{ ...good, EventBusName: arn }])).not.toThrow();
    expect(refusal([{ ...good, EventBusName: "orders/eu" }]).message).toMatch(
      /^1 validation error detected: Value 'orders\/eu' at 'entries\.1\.member\.eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
  });

  test("every broken constraint is reported at once, as AWS counts them", () => {
    const { message } = refusal([{ ...good, TraceHeader: "", EventBusName: "a b" }]);
    expect(message).toMatch(/^2 validation errors detected: .*traceHeader.*; .*eventBusName/);
  });
});

describe("members of the wrong JSON type", () => {
  test.each([
    ["Entries that are not a list", { Source: "s" }, "Expected a list at 'entries' but found an object."],
    [
      "an entry that is not an object",
      [42],
      "Expected a structure at 'entries.1.member' but found a number.",
    ],
    [
      "a Source that is not a string",
      [{ ...good, Source: 42 }],
      "Expected a string at 'entries.1.member.source' but found a number.",
    ],
    [
      "a Detail that is an object",
      [{ ...good, Detail: {} }],
      "Expected a string at 'entries.1.member.detail' but found an object.",
    ],
    [
      "Resources that are not a list",
      [{ ...good, Resources: "arn" }],
      "Expected a list at 'entries.1.member.resources' but found a string.",
    ],
    [
      "a resource that is not a string",
      [{ ...good, Resources: [1] }],
      "Expected a list of strings at 'entries.1.member.resources' but found a number.",
    ],
    [
      "a Time that is a boolean",
      [{ ...good, Time: true }],
      "Expected a timestamp at 'entries.1.member.time' but found a boolean.",
    ],
  ])("%s reject the request", (_, entries, message) => {
    expect(refusal(entries).message).toBe(message);
  });

  test("a JSON null member counts as absent", () => {
    const [verdict] = validatePutEventsEntries([{ ...good, Resources: null, Time: null, TraceHeader: null }]);
    expect(verdict).toMatchObject({ ok: true, entry: { resources: [] } });
    expect(verdict?.ok === true && "time" in verdict.entry).toBe(false);
  });
});
