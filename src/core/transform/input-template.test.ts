import { describe, expect, test } from "vitest";
import { parseInputTemplate, TemplateFormat } from "./input-template.js";

describe("a template's format", () => {
  test.each([
    ['{"a": <x>}', TemplateFormat.Json],
    [' \n\t{"a": <x>}', TemplateFormat.Json],
    ['"instance <instance> is in <state>"', TemplateFormat.Text],
    ["<instance> is in state <status>", TemplateFormat.Text],
    ['"line 1 <a>"\n"line 2 <b>"', TemplateFormat.Text],
    // Only a JSON object counts as a JSON template (API_InputTransformer: "surrounded by curly braces").
    ["[<a>, <b>]", TemplateFormat.Text],
  ])("%j is %s", (template, format) => {
    expect(parseInputTemplate(template).format).toBe(format);
  });
});

describe("splitting a template into literals and placeholders", () => {
  test("placeholders are found in and out of JSON strings, and each name is listed once", () => {
    const parsed = parseInputTemplate(
      '{"path": "users/<id>/<id>", "id": <id>, "arn": <aws.events.rule-arn>}',
    );
    expect(parsed.segments).toEqual([
      { kind: "literal", text: '{"path": "users/' },
      { kind: "placeholder", name: "id", inString: true },
      { kind: "literal", text: "/" },
      { kind: "placeholder", name: "id", inString: true },
      { kind: "literal", text: '", "id": ' },
      { kind: "placeholder", name: "id", inString: false },
      { kind: "literal", text: ', "arn": ' },
      { kind: "placeholder", name: "aws.events.rule-arn", inString: false },
      { kind: "literal", text: "}" },
    ]);
    expect(parsed.placeholderNames).toEqual(["id", "aws.events.rule-arn"]);
  });

  test("an escaped quote does not end a JSON string", () => {
    const parsed = parseInputTemplate('{"s": "instance \\"<instance>\\" is <state>", "v": <state>}');
    const placeholders = parsed.segments.filter((s) => s.kind === "placeholder");
    expect(placeholders).toEqual([
      { kind: "placeholder", name: "instance", inString: true },
      { kind: "placeholder", name: "state", inString: true },
      { kind: "placeholder", name: "state", inString: false },
    ]);
  });

  test("an escaped backslash before a quote still ends the string", () => {
    const parsed = parseInputTemplate('{"s": "a\\\\", "v": <x>}');
    expect(parsed.segments).toContainEqual({ kind: "placeholder", name: "x", inString: false });
  });

  test("a text template's placeholders are never treated as inside a JSON string", () => {
    const parsed = parseInputTemplate('"Event of <detail-type> type"');
    expect(parsed.segments).toContainEqual({ kind: "placeholder", name: "detail-type", inString: false });
  });

  test("< without a closing > stays literal text; <…> with anything inside is a placeholder to be checked", () => {
    expect(parseInputTemplate('"a < b"').placeholderNames).toEqual([]);
    expect(parseInputTemplate('"a < b <c>"').placeholderNames).toEqual(["c"]);
    expect(parseInputTemplate('"x < y and y > z"').placeholderNames).toEqual([" y and y "]);
    expect(parseInputTemplate('"<b>bold</b>"').placeholderNames).toEqual(["b", "/b"]);
    expect(parseInputTemplate('"<>"').placeholderNames).toEqual([""]);
  });

  test("a template without placeholders is one literal", () => {
    expect(parseInputTemplate('"hello"').segments).toEqual([{ kind: "literal", text: '"hello"' }]);
  });
});

describe("placeholders used as object keys (API_InputTransformer: not allowed)", () => {
  test.each([
    ["{<k>: 1}", ["k"]],
    ['{"a": 1, <k> : 2}', ["k"]],
    ['{"<k>": 1}', ["k"]],
    ['{"prefix-<k>" :1}', ["k"]],
    ['{"a": <v>, "b": "<w>"}', []],
    ['{"a": "<v>:"}', []],
    ['"<k>": 1', []],
  ])("%j uses %j as keys", (template, keys) => {
    expect(parseInputTemplate(template).objectKeyPlaceholders).toEqual(keys);
  });
});
