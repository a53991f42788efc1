import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { JsonValue } from "../json.js";
import { type JsonPath, parseJsonPath } from "./json-path.js";

/** fast-check JSON values, typed as ours (fast-check types its arrays and objects more loosely). */
const jsonValue = fc.jsonValue() as fc.Arbitrary<JsonValue>;

const event: JsonValue = {
  "detail-type": "EC2 Instance State-change Notification",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111", "arn:second"],
  detail: {
    "instance-id": "i-0123456789",
    state: "RUNNING",
    "a b": 1,
    "path/with/slashes": true,
    items: [{ id: "x" }, { id: "y" }, { other: 1 }],
    nothing: null,
  },
};

function path(text: string): JsonPath {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.path;
}

describe("selecting with a JSON path", () => {
  test.each<[string, JsonValue | undefined]>([
    ["$", event],
    ["$.detail-type", "EC2 Instance State-change Notification"],
    ["$.detail.instance-id", "i-0123456789"],
    ["$.detail.path/with/slashes", true],
    ["$.resources[0]", "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
    ["$.detail.items[1].id", "y"],
    ["$['detail']['a b']", 1],
    ['$["detail"].state', "RUNNING"],
    ["$.detail.nothing", null],
  ])("%s selects the value it names", (text, expected) => {
    expect(path(text).select(event)).toEqual(expected);
  });

  test.each([
    "$.detail.missing",
    "$.detail.state.deeper",
    "$.resources[5]",
    "$.detail.items.id",
    "$.detail[0]",
    "$.resources.length",
  ])("%s selects nothing", (text) => {
    expect(path(text).select(event)).toBeUndefined();
  });

  test("a member named like an Object.prototype property is only found when the event has it", () => {
    expect(path("$.constructor").select({})).toBeUndefined();
    expect(path("$.__proto__").select(JSON.parse('{"__proto__": 1}'))).toBe(1);
  });

  test("a wildcard collects every match into an array, in document order", () => {
    expect(path("$.detail.items[*].id").select(event)).toEqual(["x", "y"]);
    expect(path("$.resources.*").select(event)).toEqual([
      "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111",
      "arn:second",
    ]);
    expect(path("$.detail.*").definite).toBe(false);
    expect(path("$.detail.state").definite).toBe(true);
  });

  test("a wildcard that matches nothing gives an empty array, as an indefinite path does in Jayway JsonPath", () => {
    expect(path("$.detail.missing[*]").select(event)).toEqual([]);
  });
});

describe("paths EventBridge does not support are rejected, not guessed", () => {
  test.each([
    ["", "must start with $"],
    ["detail.state", "must start with $"],
    ["$.", "empty member name"],
    ["$..state", "recursive descent"],
    ["$.detail..state", "recursive descent"],
    ["$.resources[-1]", "unsupported bracket expression"],
    ["$.resources[0:1]", "unsupported bracket expression"],
    ["$.resources[0,1]", "unsupported bracket expression"],
    ["$.detail.items[?(@.id)]", "unsupported bracket expression"],
    ["$['detail", "unterminated quoted name"],
    ["$['detail'x]", "expected ]"],
    ["$[*", "expected ]"],
    ["$detail", "unexpected character"],
    ["$.detail state", "unexpected character"],
    ["$.detail.length()", "function calls"],
  ])("%j is rejected (%s)", (text, reason) => {
    const parsed = parseJsonPath(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe("properties against a direct lookup", () => {
  const memberName = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);

  test("a dot path of member names selects what nested property access finds", () => {
    fc.assert(
      fc.property(fc.array(memberName, { minLength: 1, maxLength: 5 }), jsonValue, (names, leaf) => {
        let document: JsonValue = leaf;
        for (const name of [...names].reverse()) document = { [name]: document };
        expect(path(`$.${names.join(".")}`).select(document)).toEqual(leaf);
      }),
    );
  });

  test("bracket notation with any quoted name selects the same member as the name itself", () => {
    fc.assert(
      fc.property(fc.string(), jsonValue, (name, value) => {
        const quoted = name.replaceAll("\\", "\\\\").replaceAll("'", "\\'");
        expect(path(`$['${quoted}']`).select({ [name]: value })).toEqual(value);
      }),
    );
  });
});
