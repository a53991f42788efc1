import { describe, expect, test } from "vitest";
import { ErrorCode } from "../errors.js";
import { InvalidTargetInputError } from "./invalid-target-input-error.js";
import { type TargetInputSettings, validateTargetInput } from "./resolve-target-input.js";
import { TARGET_INPUT_LIMITS } from "./target-input-limits.js";

function rejection(settings: TargetInputSettings, targetPosition?: number): InvalidTargetInputError {
  try {
    validateTargetInput(settings, targetPosition === undefined ? {} : { targetPosition });
  } catch (error) {
    if (error instanceof InvalidTargetInputError) return error;
    throw error;
  }
  throw new Error("expected the settings to be rejected");
}

function transformer(InputTemplate: string, InputPathsMap?: Record<string, string>): TargetInputSettings {
  return {
    Id: "t1",
    InputTransformer: InputPathsMap === undefined ? { InputTemplate } : { InputPathsMap, InputTemplate },
  };
}

function pathsMap(size: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, `$.detail.k${i}`]));
}

describe("a target sets at most one of Input, InputPath and InputTransformer", () => {
  test.each<TargetInputSettings>([
    { Id: "t1", Input: "{}", InputPath: "$.detail" },
    { Id: "t1", Input: "{}", InputTransformer: { InputTemplate: '"x"' } },
    { Id: "t1", InputPath: "$.detail", InputTransformer: { InputTemplate: '"x"' } },
    { Id: "t1", Input: "{}", InputPath: "$", InputTransformer: { InputTemplate: '"x"' } },
  ])("%j is rejected with AWS's message", (settings) => {
    const error = rejection(settings);
    expect(error.message).toBe(
      "Only one of Input, InputPath, or InputTransformer must be provided for target t1.",
    );
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.awsErrorCode).toBe("ValidationException");
    expect(error.httpStatus).toBe(400);
  });

  test.each<TargetInputSettings>([
    { Id: "t1" },
    { Id: "t1", Input: '{"a": 1}' },
    { Id: "t1", InputPath: "$.detail" },
    { Id: "t1", InputTransformer: { InputTemplate: '"x"' } },
  ])("%j is accepted", (settings) => {
    expect(() => validateTargetInput(settings)).not.toThrow();
  });
});

describe("Input", () => {
  test("is valid JSON text of up to 8192 characters", () => {
    const atLimit = JSON.stringify("x".repeat(TARGET_INPUT_LIMITS.inputMaxLength - 2));
    expect(() => validateTargetInput({ Id: "t1", Input: atLimit })).not.toThrow();
    const error = rejection({ Id: "t1", Input: `${atLimit} ` });
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'targets\.1\.member\.input' failed to satisfy constraint: Member must have length less than or equal to 8192$/,
    );
  });

  test("that is not JSON is rejected", () => {
    const error = rejection({ Id: "t1", Input: "not json" });
    expect(error.message).toBe("Input for target t1 is not valid JSON.");
    expect(error.code).toBe(ErrorCode.Validation);
  });
});

describe("InputPath", () => {
  test("is at most 256 characters", () => {
    const atLimit = `$.${"a".repeat(TARGET_INPUT_LIMITS.inputPathMaxLength - 2)}`;
    expect(() => validateTargetInput({ Id: "t1", InputPath: atLimit })).not.toThrow();
    const error = rejection({ Id: "t1", InputPath: `${atLimit}b` }, 3);
    expect(error.code).toBe(ErrorCode.InvalidInputPath);
    expect(error.message).toBe(
      `1 validation error detected: Value '${atLimit}b' at 'targets.3.member.inputPath' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });

  test("must be a JSON path EventBridge supports", () => {
    const error = rejection({ Id: "t1", InputPath: "detail" });
    expect(error.code).toBe(ErrorCode.InvalidInputPath);
    expect(error.message).toBe(
      "InputPath for target t1 is not a valid JSON path: a JSON path must start with $.",
    );
  });
});

describe("InputTransformer", () => {
  test("InputPathsMap may hold 100 entries but not 101", () => {
    const template = '"<k0>"';
    expect(() => validateTargetInput(transformer(template, pathsMap(100)))).not.toThrow();
    const error = rejection(transformer(template, pathsMap(101)));
    expect(error.code).toBe(ErrorCode.InvalidInputTransformer);
    expect(error.message).toMatch(
      /^1 validation error detected: Value '\{k0=\$\.detail\.k0, .*\}' at 'targets\.1\.member\.inputTransformer\.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
  });

  test.each([
    "aws.events.rule-name",
    "aws.events.event",
    "AWS.custom",
    "has space",
    "dotted.key",
    'quo"te',
    "",
  ])("InputPathsMap key %j is rejected (the pattern allows no reserved aws.* names)", (key) => {
    const error = rejection(transformer('"x"', { [key]: "$.detail" }));
    expect(error.code).toBe(ErrorCode.InvalidInputTransformer);
    expect(error.message).toContain("Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+");
  });

  test("InputPathsMap keys of letters, digits, _ and - up to 256 characters are accepted", () => {
    const longKey = "k".repeat(TARGET_INPUT_LIMITS.inputPathsMapKeyMaxLength);
    expect(() => validateTargetInput(transformer('"x"', { "Key_1-a": "$", [longKey]: "$" }))).not.toThrow();
    const error = rejection(transformer('"x"', { [`${longKey}k`]: "$" }));
    expect(error.message).toContain(
      "Map keys must satisfy constraint: [Member must have length less than or equal to 256]",
    );
  });

  test("InputPathsMap values are at most 256 characters and valid JSON paths", () => {
    const long = `$.${"a".repeat(TARGET_INPUT_LIMITS.inputPathMaxLength - 1)}`;
    expect(rejection(transformer('"x"', { a: long })).message).toContain(
      "Map value must satisfy constraint: [Member must have length less than or equal to 256]",
    );
    expect(rejection(transformer('"x"', { a: "$..b" })).message).toBe(
      "InputPathsMap for target t1 has an invalid JSON path for key a: recursive descent (..) at position 1 is not supported.",
    );
  });

  test("InputTemplate is 1 to 8192 characters", () => {
    const atLimit = `"${"x".repeat(TARGET_INPUT_LIMITS.inputTemplateMaxLength - 2)}"`;
    expect(() => validateTargetInput(transformer(atLimit))).not.toThrow();
    expect(rejection(transformer(`${atLimit} `)).message).toMatch(
      /at 'targets\.1\.member\.inputTransformer\.inputTemplate' failed to satisfy constraint: Member must have length less than or equal to 8192$/,
    );
    expect(rejection(transformer("")).message).toBe(
      "1 validation error detected: Value '' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  test("a missing InputTemplate (possible in a request body) is rejected as null", () => {
    const settings = { Id: "t1", InputTransformer: {} } as unknown as TargetInputSettings;
    expect(rejection(settings).message).toBe(
      "1 validation error detected: Value 'null' at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null",
    );
  });

  test("several broken constraints are reported together", () => {
    const error = rejection({
      Id: "t1",
      InputPath: `$.${"a".repeat(300)}`,
      InputTransformer: { InputTemplate: "" },
    });
    expect(error.message).toMatch(/^2 validation errors detected: .*inputPath.*; .*inputTemplate.*/);
  });

  test("a placeholder that is neither in InputPathsMap nor predefined is rejected with AWS's message", () => {
    const error = rejection(
      transformer('"Event of <detail-type>, <notdefinedkey>"', { "detail-type": "$.detail-type" }),
    );
    expect(error.message).toBe("InputTemplate for target t1 contains invalid placeholder notdefinedkey.");
    expect(error.code).toBe(ErrorCode.InvalidInputTransformer);
    expect(error.context).toEqual({ targetId: "t1", placeholder: "notdefinedkey" });
  });

  test("the five predefined variables need no InputPathsMap entry", () => {
    const template =
      '{"a": <aws.events.rule-arn>, "b": <aws.events.rule-name>, "c": <aws.events.event.ingestion-time>, "d": <aws.events.event>, "e": <aws.events.event.json>}';
    expect(() => validateTargetInput(transformer(template))).not.toThrow();
    expect(rejection(transformer('"<aws.events.rule>"')).message).toBe(
      "InputTemplate for target t1 contains invalid placeholder aws.events.rule.",
    );
  });

  test("a placeholder used as an object key in a JSON template is rejected", () => {
    const error = rejection(transformer("{<k>: 1}", { k: "$.detail.k" }));
    expect(error.message).toBe(
      "InputTemplate for target t1 uses placeholder k as an object key, which is not allowed.",
    );
  });

  test("an InputPathsMap entry the template does not use is allowed", () => {
    expect(() => validateTargetInput(transformer('"static"', { unused: "$.detail" }))).not.toThrow();
  });
});
