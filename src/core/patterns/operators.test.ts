import { describe, expect, test } from "vitest";
import { OUT_OF_RANGE_REASON } from "./comparable-number.js";
import { compileEventPattern, DEFAULT_MAX_PATTERN_LENGTH } from "./compile-pattern.js";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";
import { matchesPattern, RuleSet } from "./rule-set.js";

// Behaviours documented in "Comparison operators for use in event patterns"
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html), "Arrays in
// EventBridge event patterns" (https://docs.aws.amazon.com/eventbridge/latest/userguide/arrays-in-eventbridge-event-patterns.html)
// and "Matching null values and empty strings"
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html). Where the
// docs and AWS's recorded answers differ, the test follows AWS and names the conformance case.

function matches(pattern: object, event: unknown): boolean {
  return matchesPattern(JSON.stringify(pattern), event);
}

/** Matches event text as PutEvents receives it, so number spellings like 300.0 survive. */
function matchesText(pattern: object, eventText: string): boolean {
  const rules = new RuleSet<string>();
  rules.add("rule", compileEventPattern(JSON.stringify(pattern)));
  return (
    rules.matchJson(eventText).length > 0 && matchesPattern(JSON.stringify(pattern), JSON.parse(eventText))
  );
}

/** The reason AWS would give for rejecting the pattern; fails the test if the pattern is accepted. */
function rejection(pattern: object | string): string {
  try {
    compileEventPattern(typeof pattern === "string" ? pattern : JSON.stringify(pattern));
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.reason;
    throw error;
  }
  throw new Error("the pattern was accepted");
}

describe("equals", () => {
  test("a string matches only the same string, character for character", () => {
    const pattern = { name: ["Alice"] };
    expect(matches(pattern, { name: "Alice" })).toBe(true);
    expect(matches(pattern, { name: "alice" })).toBe(false);
    expect(matches(pattern, { name: "Alice " })).toBe(false);
  });

  test("a number matches the number, not its spelling as a string", () => {
    expect(matches({ price: [100] }, { price: 100 })).toBe(true);
    expect(matches({ price: [100] }, { price: "100" })).toBe(false);
    expect(matches({ price: ["100"] }, { price: 100 })).toBe(false);
  });

  test("an exact number matches 300.0 and 3.0e2 for 300 (AWS answers true: conformance number_comparison_float)", () => {
    expect(matchesText({ number: [300] }, '{"number": 300.0}')).toBe(true);
    expect(matchesText({ number: [300] }, '{"number": 3.0e2}')).toBe(true);
    expect(matchesText({ number: [300] }, '{"number": 300.5}')).toBe(false);
  });

  test("true and false match JSON booleans, not strings", () => {
    expect(matches({ enabled: [true] }, { enabled: true })).toBe(true);
    expect(matches({ enabled: [true] }, { enabled: "true" })).toBe(false);
    expect(matches({ enabled: [false] }, { enabled: true })).toBe(false);
  });

  test("fields of a pattern are ANDed: every one must match", () => {
    const pattern = { Location: ["New York"], Day: ["Monday"] };
    expect(matches(pattern, { Location: "New York", Day: "Monday" })).toBe(true);
    expect(matches(pattern, { Location: "New York", Day: "Tuesday" })).toBe(false);
    expect(matches(pattern, { Location: "New York" })).toBe(false);
  });
});

describe("null values and empty strings", () => {
  test("an empty string in the pattern matches an empty string and not null", () => {
    expect(matches({ detail: { eventVersion: [""] } }, { detail: { eventVersion: "" } })).toBe(true);
    expect(matches({ detail: { eventVersion: [""] } }, { detail: { eventVersion: null } })).toBe(false);
  });

  test("null in the pattern matches null, not an empty string and not a missing field", () => {
    const pattern = { detail: { responseElements: [null] } };
    expect(matches(pattern, { detail: { responseElements: null } })).toBe(true);
    expect(matches(pattern, { detail: { responseElements: "" } })).toBe(false);
    expect(matches(pattern, { detail: {} })).toBe(false);
  });
});

describe("arrays", () => {
  test("an event array matches when any element matches", () => {
    const pattern = {
      resources: [
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
      ],
    };
    const asg = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b";
    const instance = "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f";
    expect(matches(pattern, { resources: [asg, instance] })).toBe(true);
    expect(matches(pattern, { resources: [asg] })).toBe(false);
  });

  test("a pattern's list of values matches when any of them matches (OR)", () => {
    const pattern = { PaymentType: ["Credit", "Debit"] };
    expect(matches(pattern, { PaymentType: "Debit" })).toBe(true);
    expect(matches(pattern, { PaymentType: "Cash" })).toBe(false);
  });

  test("values inside nested event arrays are matched too", () => {
    expect(matches({ tags: ["x"] }, { tags: [["a"], ["b", ["x"]]] })).toBe(true);
    expect(matches({ tags: ["x"] }, { tags: [["a"], ["b"]] })).toBe(false);
  });

  test("arrays of objects are matched element by element (array consistency)", () => {
    // https://github.com/aws/event-ruler#arrays: fields of one rule must come from the same element.
    const pattern = { detail: { items: { name: ["apple"], price: [1] } } };
    const mixed = {
      detail: {
        items: [
          { name: "apple", price: 2 },
          { name: "pear", price: 1 },
        ],
      },
    };
    const together = {
      detail: {
        items: [
          { name: "pear", price: 2 },
          { name: "apple", price: 1 },
        ],
      },
    };
    expect(matches(pattern, mixed)).toBe(false);
    expect(matches(pattern, together)).toBe(true);
  });

  test("exists false is judged within the element the other fields matched in", () => {
    // event-ruler RulerTest.WHEN_JSONContainsArrays_THEN_RulerNoCompileMatchesWork#match2
    const employees = [
      [
        { firstName: "John", ids: [1234] },
        { firstName: "Anna", lastName: "Smith" },
      ],
    ];
    expect(matches({ employees: { firstName: ["Anna"], ids: [{ exists: false }] } }, { employees })).toBe(
      true,
    );
    expect(matches({ employees: { firstName: ["John"], ids: [{ exists: false }] } }, { employees })).toBe(
      false,
    );
  });
});

describe("dotted keys", () => {
  test("dotted pattern keys and nested keys are the same field", () => {
    const dotted = compileEventPattern('{"detail.state": ["running"]}');
    const nested = compileEventPattern('{"detail": {"state": ["running"]}}');
    expect(dotted.subRules).toEqual(nested.subRules);
    expect(matchesPattern(dotted, { detail: { state: "running" } })).toBe(true);
    expect(matchesPattern(dotted, { detail: { state: "stopped" } })).toBe(false);
  });

  test("a dotted event key reaches the same field as nested objects", () => {
    expect(matches({ detail: { state: ["running"] } }, { "detail.state": "running" })).toBe(true);
    expect(matches({ detail: { state: ["running"] } }, { "detail.status": "running" })).toBe(false);
  });
});

describe("prefix and suffix", () => {
  test("prefix matching applies to strings only", () => {
    expect(matches({ time: [{ prefix: "2017-10-02" }] }, { time: "2017-10-02T18:43:48Z" })).toBe(true);
    expect(matches({ code: [{ prefix: "12" }] }, { code: "123" })).toBe(true);
    expect(matches({ code: [{ prefix: "12" }] }, { code: 123 })).toBe(false);
  });

  test("prefix matching is case-sensitive unless it wraps equals-ignore-case", () => {
    expect(matches({ service: [{ prefix: "eventb" }] }, { service: "EventBridge" })).toBe(false);
    expect(
      matches({ service: [{ prefix: { "equals-ignore-case": "eventb" } }] }, { service: "EventBridge" }),
    ).toBe(true);
  });

  test("suffix matching applies to strings only", () => {
    expect(matches({ FileName: [{ suffix: ".png" }] }, { FileName: "image.png" })).toBe(true);
    expect(matches({ FileName: [{ suffix: ".png" }] }, { FileName: "image.PNG" })).toBe(false);
    expect(matches({ code: [{ suffix: "3" }] }, { code: 123 })).toBe(false);
  });

  test("suffix with equals-ignore-case matches any casing", () => {
    const pattern = { service: [{ suffix: { "equals-ignore-case": "tBridge" } }] };
    expect(matches(pattern, { service: "EVENTBRIDGE" })).toBe(true);
    expect(matches(pattern, { service: "EventBus" })).toBe(false);
  });
});

describe("equals-ignore-case", () => {
  test("equals-ignore-case matches the string in any casing and nothing else", () => {
    const pattern = { name: [{ "equals-ignore-case": "alice" }] };
    expect(matches(pattern, { name: "ALICE" })).toBe(true);
    expect(matches(pattern, { name: "Alice" })).toBe(true);
    expect(matches(pattern, { name: "Alicia" })).toBe(false);
  });
});

describe("anything-but", () => {
  test("anything-but a string matches every other value", () => {
    const pattern = { state: [{ "anything-but": "initializing" }] };
    expect(matches(pattern, { state: "pending" })).toBe(true);
    expect(matches(pattern, { state: "initializing" })).toBe(false);
  });

  test("anything-but a list of strings excludes each of them", () => {
    const pattern = { state: [{ "anything-but": ["stopped", "overloaded"] }] };
    expect(matches(pattern, { state: "pending" })).toBe(true);
    expect(matches(pattern, { state: "overloaded" })).toBe(false);
  });

  test("anything-but a number, or a list of numbers, excludes those numbers however they are spelled", () => {
    expect(matches({ "x-limit": [{ "anything-but": 123 }] }, { "x-limit": 789 })).toBe(true);
    expect(matchesText({ "x-limit": [{ "anything-but": 123 }] }, '{"x-limit": 123.0}')).toBe(false);
    expect(matches({ "x-limit": [{ "anything-but": [100, 200, 300] }] }, { "x-limit": 200 })).toBe(false);
  });

  test("anything-but matches null but not a missing field", () => {
    const pattern = { detail: { state: [{ "anything-but": "initializing" }] } };
    expect(matches(pattern, { detail: { state: null } })).toBe(true);
    expect(matches(pattern, { detail: {} })).toBe(false);
  });

  test("anything-but on an event array matches when some element is not excluded", () => {
    const pattern = { price: [{ "anything-but": [100, 500] }] };
    expect(matches(pattern, { price: [100, 50] })).toBe(true);
    expect(matches(pattern, { price: [100, 500] })).toBe(false);
  });

  test("anything-but prefix excludes strings that begin with it and lets other values through", () => {
    const pattern = { Region: [{ "anything-but": { prefix: "us-" } }] };
    expect(matches(pattern, { Region: "eu-west-1" })).toBe(true);
    expect(matches(pattern, { Region: "us-east-1" })).toBe(false);
    expect(matches(pattern, { Region: 12 })).toBe(true);
  });

  test("anything-but suffix excludes strings that end with it", () => {
    const pattern = { FileName: [{ "anything-but": { suffix: ".png" } }] };
    expect(matches(pattern, { FileName: "notes.txt" })).toBe(true);
    expect(matches(pattern, { FileName: "image.png" })).toBe(false);
  });

  test("anything-but equals-ignore-case excludes every casing of the value", () => {
    const pattern = { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] };
    expect(matches(pattern, { state: "INITIALIZING" })).toBe(false);
    expect(matches(pattern, { state: "pending" })).toBe(true);
  });

  test("anything-but wildcard excludes strings the wildcard matches", () => {
    const pattern = { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] };
    expect(matches(pattern, { FilePath: "src/lib/index.js" })).toBe(false);
    expect(matches(pattern, { FilePath: "src/bin/index.js" })).toBe(true);
  });

  test("anything-but lists hold only strings or only numbers", () => {
    expect(rejection({ state: [{ "anything-but": ["stopped", null] }] })).toBe(
      "Inside anything but list, start|null|boolean is not supported.",
    );
    expect(() => compileEventPattern('{"state": [{"anything-but": ["stopped", 1]}]}')).toThrow(
      InvalidEventPatternError,
    );
  });
});

describe("numeric", () => {
  test("numeric matching accepts 300.0 for 300", () => {
    const pattern = { price: [{ numeric: ["=", 300] }] };
    expect(matchesText(pattern, '{"price": 300.0}')).toBe(true);
    expect(matchesText(pattern, '{"price": 3.0e2}')).toBe(true);
    expect(matchesText(pattern, '{"price": 300.1}')).toBe(false);
  });

  test("numeric ranges honour open and closed bounds", () => {
    const pattern = { Price: [{ numeric: [">", 10, "<=", 20] }] };
    expect(matches(pattern, { Price: 10 })).toBe(false);
    expect(matches(pattern, { Price: 10.5 })).toBe(true);
    expect(matches(pattern, { Price: 20 })).toBe(true);
    expect(matches(pattern, { Price: 20.000001 })).toBe(false);
  });

  test("numeric matching applies to JSON numbers only", () => {
    expect(matches({ Price: [{ numeric: [">", 10] }] }, { Price: "15" })).toBe(false);
    expect(matches({ Price: [{ numeric: [">", 10] }] }, { Price: 15 })).toBe(true);
  });

  test("numeric matching sees six digits after the decimal point", () => {
    expect(matches({ x: [{ numeric: [">", 0] }] }, { x: 0.000001 })).toBe(true);
    expect(matches({ x: [{ numeric: [">", 0] }] }, { x: 0.0000001 })).toBe(false);
  });

  test("numeric operands outside ±5e9 are rejected", () => {
    expect(rejection({ x: [{ numeric: [">", 5_000_000_001] }] })).toBe(OUT_OF_RANGE_REASON);
    expect(rejection({ x: [{ numeric: ["<", -5_000_000_001] }] })).toBe(OUT_OF_RANGE_REASON);
    expect(matches({ x: [{ numeric: [">=", -5e9, "<=", 5e9] }] }, { x: 5e9 })).toBe(true);
  });

  test("event numbers outside ±5e9 match no numeric condition", () => {
    expect(matches({ x: [{ numeric: [">", 0] }] }, { x: 6e9 })).toBe(false);
    expect(matches({ x: [{ numeric: ["<", 0] }] }, { x: -6e9 })).toBe(false);
  });

  test("a numeric range's bottom must be below its top", () => {
    expect(rejection({ x: [{ numeric: [">", 5, "<", 5] }] })).toBe("Bottom must be less than top");
  });
});

describe("exists", () => {
  test("exists true matches a present field and exists false an absent one", () => {
    expect(matches({ detail: { state: [{ exists: true }] } }, { detail: { state: "pending" } })).toBe(true);
    expect(matches({ detail: { state: [{ exists: true }] } }, { detail: {} })).toBe(false);
    expect(matches({ detail: { state: [{ exists: false }] } }, { detail: {} })).toBe(true);
    expect(matches({ detail: { state: [{ exists: false }] } }, { detail: { state: "pending" } })).toBe(false);
  });

  test("exists looks at leaves only: an object at the path counts as absent", () => {
    // AWS conformance exists_dynamodb_NEG: exists true on a key holding an object does not match.
    const event = { dynamodb: { presentKey: { S: "test" } } };
    expect(matches({ dynamodb: { presentKey: [{ exists: true }] } }, event)).toBe(false);
    expect(matches({ dynamodb: { presentKey: [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ dynamodb: { presentKey: { S: [{ exists: true }] } } }, event)).toBe(true);
  });

  test("an empty event array counts as absent", () => {
    // AWS conformance exists_list_empty_NEG.
    expect(matches({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(matches({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
  });
});

describe("cidr", () => {
  test("cidr v4: the first and last address of the block match, the next address out does not", () => {
    const pattern = { sourceIPAddress: [{ cidr: "10.0.0.0/24" }] };
    for (const inside of ["10.0.0.0", "10.0.0.255"])
      expect(matches(pattern, { sourceIPAddress: inside })).toBe(true);
    for (const outside of ["10.0.1.0", "9.255.255.255", "10.0.0.256"]) {
      expect(matches(pattern, { sourceIPAddress: outside })).toBe(false);
    }
  });

  test("cidr v6: the first and last address of the block match, the next address out does not", () => {
    const pattern = { sourceIPAddress: [{ cidr: "2001:db8::/32" }] };
    const inside = [
      "2001:db8::",
      "2001:0db8:0000:0000:0000:0000:0000:0000",
      "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
    ];
    const outside = ["2001:db9::", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "10.0.0.1"];
    for (const address of inside) expect(matches(pattern, { sourceIPAddress: address })).toBe(true);
    for (const address of outside) expect(matches(pattern, { sourceIPAddress: address })).toBe(false);
  });

  test("a /32 or /128 block holds exactly one address", () => {
    expect(matches({ ip: [{ cidr: "10.0.0.1/32" }] }, { ip: "10.0.0.1" })).toBe(true);
    expect(matches({ ip: [{ cidr: "10.0.0.1/32" }] }, { ip: "10.0.0.2" })).toBe(false);
    expect(matches({ ip: [{ cidr: "::1/128" }] }, { ip: "0:0:0:0:0:0:0:1" })).toBe(true);
    expect(matches({ ip: [{ cidr: "::1/128" }] }, { ip: "::2" })).toBe(false);
  });

  test("cidr matches only strings that are IP addresses", () => {
    expect(matches({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: 123 })).toBe(false);
    expect(matches({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "not-an-ip" })).toBe(false);
  });

  test("a malformed cidr block is rejected with AWS's reason", () => {
    expect(rejection({ ip: [{ cidr: "bad-filter" }] })).toBe("Malformed CIDR, one '/' required");
    expect(rejection({ ip: [{ cidr: "bad-/64filter" }] })).toBe(
      "Malformed CIDR, mask bits must be an integer",
    );
    expect(rejection({ ip: [{ cidr: "xx.11.xx/8" }] })).toBe("Nonstandard IP address: xx.11.xx");
  });
});

describe("wildcard", () => {
  test("a star matches any run of characters, including none", () => {
    const pattern = { FileName: [{ wildcard: "dir/*.png" }] };
    expect(matches(pattern, { FileName: "dir/a/b.png" })).toBe(true);
    expect(matches(pattern, { FileName: "dir/.png" })).toBe(true);
    expect(matches(pattern, { FileName: "dir/a.jpg" })).toBe(false);
  });

  test("wildcard matches strings only", () => {
    expect(matches({ code: [{ wildcard: "1*" }] }, { code: 123 })).toBe(false);
    expect(matches({ code: [{ wildcard: "1*" }] }, { code: "123" })).toBe(true);
  });

  test("an escaped star \\* matches a literal star only", () => {
    const pattern = { value: [{ wildcard: "a\\*b" }] };
    expect(matches(pattern, { value: "a*b" })).toBe(true);
    expect(matches(pattern, { value: "axb" })).toBe(false);
  });

  test("an escaped backslash \\\\ matches one literal backslash", () => {
    const pattern = { value: [{ wildcard: "a\\\\*" }] };
    expect(matches(pattern, { value: "a\\b" })).toBe(true);
    expect(matches(pattern, { value: "ab" })).toBe(false);
  });

  test("any other escape is rejected", () => {
    expect(rejection({ value: [{ wildcard: "a\\b" }] })).toMatch(/^Invalid escape character at pos \d+$/);
  });

  test("consecutive wildcard characters are rejected with the position of the second", () => {
    expect(rejection({ EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:**:event-bus/*" }] })).toBe(
      "Consecutive wildcard characters at pos 26",
    );
    expect(rejection({ value: [{ wildcard: "**" }] })).toBe("Consecutive wildcard characters at pos 1");
  });
});

describe("$or", () => {
  test("$or matches when any alternative matches", () => {
    const pattern = {
      detail: {
        $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }],
      },
    };
    expect(matches(pattern, { detail: { "d-count": 3 } })).toBe(true);
    expect(matches(pattern, { detail: { "c-count": 7, "d-count": 12 } })).toBe(false);
  });

  test("$or with nested $or expands to the product of alternatives", () => {
    const compiled = compileEventPattern(
      JSON.stringify({
        $or: [{ a: ["1"] }, { b: ["2"] }],
        detail: { $or: [{ c: ["3"] }, { $or: [{ d: ["4"] }, { e: ["5"] }] }] },
      }),
    );
    const keys = compiled.subRules.map((subRule) => subRule.fields.map((f) => f.pathKey).join("&")).sort();
    expect(keys).toEqual([
      "a&detail.c",
      "a&detail.d",
      "a&detail.e",
      "b&detail.c",
      "b&detail.d",
      "b&detail.e",
    ]);
    expect(matchesPattern(compiled, { b: "2", detail: { e: "5" } })).toBe(true);
    expect(matchesPattern(compiled, { b: "2", detail: { e: "4" } })).toBe(false);
  });

  test("$or needs at least two alternatives", () => {
    expect(() => compileEventPattern('{"$or": [{"a": ["1"]}]}')).toThrow(InvalidEventPatternError);
  });
});

describe("pattern validation", () => {
  test("a pattern longer than 2,048 characters is rejected", () => {
    const sized = (length: number) => `{"source":["${"x".repeat(length - 15)}"]}`;
    expect(sized(DEFAULT_MAX_PATTERN_LENGTH)).toHaveLength(2048);
    expect(() => compileEventPattern(sized(2048))).not.toThrow();
    expect(rejection(sized(2049))).toContain("2049");
    expect(() => compileEventPattern(sized(2049), { maxPatternLength: 4096 })).not.toThrow();
  });

  test("a rejection carries the code InvalidEventPattern and AWS's message prefix", () => {
    let caught: unknown;
    try {
      compileEventPattern('{"resources": []}');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect((caught as InvalidEventPatternError).code).toBe("InvalidEventPattern");
    expect((caught as Error).message).toBe(
      "Event pattern is not valid. Reason: Empty arrays are not allowed",
    );
  });

  test("an unknown operator is rejected by name", () => {
    expect(rejection({ x: [{ NUMERIC: [">", 1] }] })).toBe("Unrecognized match type NUMERIC");
  });
});

describe("RuleSet", () => {
  const order = compileEventPattern('{"source": ["shop.orders"]}');
  const refund = compileEventPattern('{"source": ["shop.refunds"]}');

  test("an added rule matches until it is removed", () => {
    const rules = new RuleSet<string>();
    rules.add("orders", order);
    expect(rules.match({ source: "shop.orders" })).toEqual(["orders"]);
    expect(rules.remove("orders")).toBe(true);
    expect(rules.match({ source: "shop.orders" })).toEqual([]);
    expect(rules.remove("orders")).toBe(false);
    expect(rules.size).toBe(0);
  });

  test("adding under an existing id replaces the rule", () => {
    const rules = new RuleSet<string>();
    rules.add("rule", order);
    rules.add("rule", refund);
    expect(rules.size).toBe(1);
    expect(rules.match({ source: "shop.orders" })).toEqual([]);
    expect(rules.match({ source: "shop.refunds" })).toEqual(["rule"]);
  });

  test("rules with the same pattern match independently; removing one keeps the other", () => {
    const rules = new RuleSet<string>();
    rules.add("first", order);
    rules.add("second", compileEventPattern('{"source": ["shop.orders"]}'));
    expect(rules.match({ source: "shop.orders" }).sort()).toEqual(["first", "second"]);
    rules.remove("first");
    expect(rules.has("first")).toBe(false);
    expect(rules.match({ source: "shop.orders" })).toEqual(["second"]);
  });

  test("a rule is reported once even when several of its alternatives match", () => {
    const rules = new RuleSet<string>();
    rules.add("either", compileEventPattern('{"$or": [{"a": ["1"]}, {"b": ["2"]}]}'));
    expect(rules.match({ a: "1", b: "2" })).toEqual(["either"]);
  });
});
