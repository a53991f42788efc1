import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { JsonObject, JsonValue } from "../json.js";
import { compileTargetInput, TargetInputDropReason, type TargetInputResult } from "./compile-target-input.js";
import type { TargetInputContext } from "./predefined-variables.js";
import type { TargetInputSettings } from "./resolve-target-input.js";

/** fast-check JSON values, typed as ours (fast-check types its arrays and objects more loosely). */
const jsonValue = fc.jsonValue() as fc.Arbitrary<JsonValue>;

/** The example event of the AWS input transformation page (eb-transform-target-input.html). */
const ec2Event: JsonObject = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-0123456789", state: "RUNNING" },
};

const context: TargetInputContext = {
  ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
  ruleName: "example",
  ingestionTime: "2015-11-11T21:29:55Z",
};

const docsPathsMap = {
  timestamp: "$.time",
  instance: "$.detail.instance-id",
  state: "$.detail.state",
  resource: "$.resources[0]",
};

function transform(
  InputTemplate: string,
  InputPathsMap: Record<string, string> = docsPathsMap,
  event: JsonObject = ec2Event,
): TargetInputResult {
  return compileTargetInput({ Id: "t1", InputTransformer: { InputPathsMap, InputTemplate } })(event, context);
}

function body(result: TargetInputResult): string {
  if (!result.delivered) throw new Error(`not delivered: ${result.message}`);
  return result.body;
}

describe("the examples of the AWS input transformation page", () => {
  test.each([
    ["simple string", '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    [
      "string with escaped quotes",
      '"instance \\"<instance>\\" is in <state>"',
      '"instance \\"i-0123456789\\" is in RUNNING"',
    ],
    [
      "simple JSON",
      '{\n  "instance" : <instance>,\n  "state": <state>\n}',
      '{"instance":"i-0123456789","state":"RUNNING"}',
    ],
    [
      "JSON with strings and variables",
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}',
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    ],
    [
      "JSON with a mix of variables and static information",
      '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}',
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    ],
    [
      "reserved variables in JSON",
      '{"ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>}',
      '{"ruleArn":"arn:aws:events:us-east-2:123456789012:rule/example","ruleName":"example","at":"2015-11-11T21:29:55Z"}',
    ],
    ["reserved variables in a string", '"<aws.events.rule-name> triggered"', '"example triggered"'],
    [
      "array index in InputPathsMap",
      '{"r": <resource>}',
      '{"r":"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}',
    ],
  ])("%s", (_name, template, expected) => {
    expect(body(transform(template))).toBe(expected);
  });
});

describe("JSON templates", () => {
  const pathsMap = {
    s: "$.detail.s",
    n: "$.detail.n",
    b: "$.detail.b",
    z: "$.detail.z",
    o: "$.detail.o",
    a: "$.detail.a",
    missing: "$.detail.missing",
  };
  const event: JsonObject = {
    detail: { s: "text", n: 1.5, b: false, z: null, o: { k: "v" }, a: [1, "two"] },
  };
  const run = (template: string): TargetInputResult => transform(template, pathsMap, event);

  test("outside quotes every value is written as JSON", () => {
    expect(JSON.parse(body(run('{"s": <s>, "n": <n>, "b": <b>, "z": <z>, "o": <o>, "a": <a>}')))).toEqual(
      event.detail,
    );
  });

  test("outside quotes a path that matches nothing becomes an empty string (corpus, not the docs' 'won't appear')", () => {
    expect(body(run('{"m": <missing>, "s": <s>}'))).toBe('{"m":"","s":"text"}');
  });

  test("inside quotes strings, numbers, booleans and null are written as their text", () => {
    expect(body(run('{"v": "<s>|<n>|<b>|<z>"}'))).toBe('{"v":"text|1.5|false|null"}');
  });

  test("inside quotes a path that matches nothing becomes nothing", () => {
    expect(body(run('{"v": "[<missing>]"}'))).toBe('{"v":"[]"}');
  });

  test.each(['{"v": "<o>"}', '{"v": "items: <a>"}'])(
    "inside quotes an object or array breaks the JSON, so %j is not delivered",
    (template) => {
      expect(run(template)).toMatchObject({ delivered: false, reason: TargetInputDropReason.InvalidJson });
    },
  );

  test.each([
    ['a " quote', 'say "hi"'],
    ["a backslash that starts no JSON escape", "C:\\xyz"],
    ["a newline", "two\nlines"],
  ])(
    "a string value with %s is not escaped inside quotes, so the broken JSON is not delivered",
    (_what, value) => {
      const result = transform('{"v": "<v>"}', { v: "$.detail.v" }, { detail: { v: value } });
      expect(result).toMatchObject({ delivered: false, reason: TargetInputDropReason.InvalidJson });
    },
  );

  test("a backslash that happens to form a JSON escape is delivered, but as the character it escapes", () => {
    const result = transform('{"v": "<v>"}', { v: "$.detail.v" }, { detail: { v: "C:\\temp" } });
    expect(JSON.parse(body(result))).toEqual({ v: "C:\temp" });
  });

  test("the same string value outside quotes is written as an escaped JSON string", () => {
    const result = transform('{"v": <v>}', { v: "$.detail.v" }, { detail: { v: 'say "hi"\n' } });
    expect(JSON.parse(body(result))).toEqual({ v: 'say "hi"\n' });
  });

  test("the delivered JSON is minified, keeping the text of numbers written in the template", () => {
    expect(body(run('{ "n" : 1.0 ,\n "big": 12345678901234567890, "s" : "a  b" }'))).toBe(
      '{"n":1.0,"big":12345678901234567890,"s":"a  b"}',
    );
  });

  test("a template that is not valid JSON is never delivered", () => {
    expect(run('{"s": <s>')).toMatchObject({ delivered: false, reason: TargetInputDropReason.InvalidJson });
  });

  test("<aws.events.event> is the envelope without detail, with detailType and the ingestion time", () => {
    const result = transform('{"e": <aws.events.event>, "j": <aws.events.event.json>}', {});
    const { detail: _detail, "detail-type": detailType, time: _time, ...rest } = ec2Event;
    expect(JSON.parse(body(result))).toEqual({
      e: { ...rest, detailType, time: context.ingestionTime },
      j: ec2Event,
    });
  });
});

describe("text templates", () => {
  const pathsMap = { o: "$.detail.o", a: "$.detail.a", n: "$.detail.n", s: "$.detail.s", missing: "$.nope" };
  const event: JsonObject = { detail: { o: { k: "v", nested: ["x"] }, a: ["A", 2], n: 3, s: 'say "hi"' } };
  const run = (template: string): TargetInputResult => transform(template, pathsMap, event);

  test("objects and arrays lose their quotes; strings and numbers are written as text", () => {
    expect(body(run('"<o> <a> <n> <s>"'))).toBe('"{k:v,nested:[x]} [A,2] 3 say "hi""');
  });

  test("a path that matches nothing is written as nothing", () => {
    expect(body(run('"before<missing>after"'))).toBe('"beforeafter"');
  });

  test("the body is the filled-in template as written: no quotes added or removed, no minifying", () => {
    expect(body(run("<n> is  the count\n<s>"))).toBe('3 is  the count\nsay "hi"');
  });
});

describe("Input, InputPath and no input setting", () => {
  const compile = (settings: Omit<TargetInputSettings, "Id">) =>
    compileTargetInput({ Id: "t1", ...settings });

  test("without an input setting the whole event is delivered as JSON", () => {
    expect(JSON.parse(body(compile({})(ec2Event, context))) as JsonValue).toEqual(ec2Event);
  });

  test("Input is delivered exactly as configured, whatever the event", () => {
    const toTarget = compile({ Input: '{ "constant" : true }' });
    expect(body(toTarget(ec2Event, context))).toBe('{ "constant" : true }');
    expect(body(toTarget({}, context))).toBe('{ "constant" : true }');
  });

  test("InputPath delivers the selected value as JSON, a string with its quotes", () => {
    expect(body(compile({ InputPath: "$.detail" })(ec2Event, context))).toBe(JSON.stringify(ec2Event.detail));
    expect(body(compile({ InputPath: "$.detail.state" })(ec2Event, context))).toBe('"RUNNING"');
    expect(body(compile({ InputPath: "$['detail']['instance-id']" })(ec2Event, context))).toBe(
      '"i-0123456789"',
    );
  });

  test("InputPath that selects nothing is not delivered, with the reason", () => {
    expect(compile({ InputPath: "$.detail.nope" })(ec2Event, context)).toEqual({
      delivered: false,
      reason: TargetInputDropReason.InputPathNoMatch,
      message: "InputPath $.detail.nope selects nothing in the event",
    });
  });
});

describe("compiled once, applied many times", () => {
  test("one compiled transform gives each event its own values", () => {
    const toTarget = compileTargetInput({
      Id: "t1",
      InputTransformer: {
        InputPathsMap: { id: "$.detail.id" },
        InputTemplate: '{"id": <id>, "again": "<id>"}',
      },
    });
    const bodies = [1, 2, 3].map((id) => body(toTarget({ detail: { id } }, context)));
    expect(bodies).toEqual(['{"id":1,"again":"1"}', '{"id":2,"again":"2"}', '{"id":3,"again":"3"}']);
    expect(body(toTarget({ detail: {} }, context))).toBe('{"id":"","again":""}');
  });
});

describe("properties against a simple reference", () => {
  test("a JSON template of unquoted placeholders delivers exactly the selected values", () => {
    fc.assert(
      fc.property(fc.array(jsonValue, { maxLength: 6 }), (values) => {
        const pathsMap = Object.fromEntries(values.map((_, i) => [`v${i}`, `$.detail.v${i}`]));
        const template = `{${values.map((_, i) => `"k${i}": <v${i}>`).join(", ")}}`;
        const event: JsonObject = { detail: Object.fromEntries(values.map((value, i) => [`v${i}`, value])) };
        const expected = Object.fromEntries(
          values.map((value, i) => [`k${i}`, JSON.parse(JSON.stringify(value))]),
        );
        expect(JSON.parse(body(transform(template, pathsMap, event)))).toEqual(expected);
      }),
    );
  });

  test("a quoted string placeholder is written unescaped: plain strings arrive intact, a quote or control character drops it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const result = transform('{"v": "<v>"}', { v: "$.v" }, { v: value });
        if (![...value].some((char) => char === '"' || char === "\\" || char < " ")) {
          expect(result.delivered && JSON.parse(result.body)).toEqual({ v: value });
        } else if (!value.includes("\\")) {
          expect(result.delivered).toBe(false);
        }
      }),
    );
  });
});
