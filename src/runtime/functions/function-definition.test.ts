import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { FUNCTION_DEFAULTS } from "../../core/app/index.js";
import { ValidationError } from "../../core/errors.js";
import { FunctionConfigurationError } from "./function-configuration-error.js";
import { type FunctionDefinitionOptions, resolveFunctionDefinition } from "./function-definition.js";

const base: FunctionDefinitionOptions = {
  name: "place-order",
  handler: "orders.place",
  baseDirectory: "/app",
};
const refusal = (options: Partial<FunctionDefinitionOptions>) =>
  thrownBy(() => resolveFunctionDefinition({ ...base, ...options }), ValidationError).message;
const configurationRefusal = (options: Partial<FunctionDefinitionOptions>) =>
  thrownBy(() => resolveFunctionDefinition({ ...base, ...options }), FunctionConfigurationError);

describe("a function definition", () => {
  test("gets Lambda's defaults: a 3-second timeout, 128 MB, no reserved concurrency, no variables", () => {
    const definition = resolveFunctionDefinition(base);
    expect(definition).toEqual({
      name: "place-order",
      handler: "orders.place",
      baseDirectory: "/app",
      environment: {},
      timeoutSeconds: FUNCTION_DEFAULTS.timeoutSeconds,
      memorySizeMb: FUNCTION_DEFAULTS.memorySizeMb,
      reservedConcurrency: undefined,
    });
    expect(FUNCTION_DEFAULTS).toMatchObject({ timeoutSeconds: 3, memorySizeMb: 128 });
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.environment)).toBe(true);
  });

  test("keeps values at the ends of Lambda's ranges and resolves a relative base directory", () => {
    const low = resolveFunctionDefinition({
      ...base,
      timeoutSeconds: 1,
      memorySizeMb: 128,
      reservedConcurrency: 0,
    });
    const high = resolveFunctionDefinition({
      ...base,
      timeoutSeconds: 900,
      memorySizeMb: 10_240,
      reservedConcurrency: 900,
    });
    expect([low.timeoutSeconds, low.memorySizeMb, low.reservedConcurrency]).toEqual([1, 128, 0]);
    expect([high.timeoutSeconds, high.memorySizeMb, high.reservedConcurrency]).toEqual([900, 10_240, 900]);
    expect(resolveFunctionDefinition({ ...base, baseDirectory: "dist" }).baseDirectory).toBe(resolve("dist"));
  });

  test("a timeout or memory size out of range is refused with Lambda's ValidationException wording", () => {
    expect(refusal({ timeoutSeconds: 901 })).toBe(
      "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    );
    expect(refusal({ timeoutSeconds: 0 })).toBe(
      "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(refusal({ memorySizeMb: 64 })).toBe(
      "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
    expect(refusal({ memorySizeMb: 10_241 })).toBe(
      "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
    expect(refusal({ reservedConcurrency: -1 })).toBe(
      "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    expect(refusal({ timeoutSeconds: 2.5 })).toBe(
      "1 validation error detected: Value '2.5' at 'timeout' failed to satisfy constraint: Member must be an integer",
    );
  });

  test("names follow Lambda's rules: 1–64 letters, digits, hyphens and underscores", () => {
    expect(resolveFunctionDefinition({ ...base, name: `A_b-9${"x".repeat(59)}` }).name).toHaveLength(64);
    expect(refusal({ name: "x".repeat(65) })).toBe(
      `1 validation error detected: Value '${"x".repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    expect(refusal({ name: "place order" })).toMatch(
      /^1 validation error detected: Value 'place order' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:/,
    );
    expect(refusal({ name: "" })).toBe(
      "1 validation error detected: Value '' at 'functionName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  test("a handler has no whitespace and at most 128 characters", () => {
    expect(refusal({ handler: "orders .place" })).toBe(
      "1 validation error detected: Value 'orders .place' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+",
    );
    expect(refusal({ handler: `${"a".repeat(126)}.fn` })).toMatch(
      /Member must have length less than or equal to 128$/,
    );
  });

  test("several problems are reported together, as Lambda counts them", () => {
    expect(refusal({ timeoutSeconds: 1000, memorySizeMb: 1 })).toBe(
      "2 validation errors detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900; " +
        "Value '1' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
  });

  test("environment keys follow Lambda's pattern, and the message names neither key nor value", () => {
    expect(refusal({ environment: { "BAD-KEY": "secret" } })).toBe(
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    );
    expect(refusal({ environment: { A: "single-character keys do not match" } })).toMatch(
      /Map keys must satisfy/,
    );
  });

  test("reserved environment keys are refused as InvalidParameterValue, naming them", () => {
    const error = configurationRefusal({
      environment: { AWS_REGION: "eu-west-1", GREETING: "hi", AWS_LAMBDA_FUNCTION_NAME: "other" },
    });
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION, AWS_LAMBDA_FUNCTION_NAME",
    );
  });

  test("variables over 4 KB in all are refused; exactly 4 KB is kept", () => {
    const padding = 4096 - JSON.stringify({ BIG: "" }).length;
    expect(
      resolveFunctionDefinition({ ...base, environment: { BIG: "x".repeat(padding) } }).environment.BIG,
    ).toHaveLength(padding);
    const error = configurationRefusal({ environment: { BIG: "x".repeat(padding + 1) } });
    expect(error.message).toMatch(
      /^Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit\. String measured: \{"BIG":"x+"\}$/,
    );
  });

  test("a reservation may leave no less than 100 of the account's 1,000 unreserved", () => {
    expect(configurationRefusal({ reservedConcurrency: 901 }).message).toBe(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
  });
});
