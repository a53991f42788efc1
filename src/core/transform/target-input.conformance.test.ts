import { expect, test } from "vitest";
import { loadConformance, withConformance } from "../../../test/support/conformance.js";
import type { JsonObject, JsonValue } from "../json.js";
import {
  compileTargetInput,
  InvalidTargetInputError,
  type TargetInputContext,
  type TargetInputSettings,
  validateTargetInput,
} from "./index.js";

/** One case of eventbridge-input-transformers.json (see ../shared/conformance/README.md). */
interface InputTransformerCase {
  readonly id: string;
  readonly kind: "inputTransformer" | "inputPath" | "putTargetsValidation";
  readonly inputPathsMap?: Record<string, string>;
  readonly inputTemplate?: string;
  readonly inputPath?: string | null;
  readonly event: JsonObject | null;
  readonly context?: TargetInputContext;
  readonly expectedOutputType?: "text" | "json" | "none";
  readonly expectedOutput?: JsonValue;
  readonly expectedDelivery?: boolean;
  readonly expectedError?: { readonly code: string; readonly message: string; readonly httpStatus: number };
}

const TARGET_ID = "target-1";

/** Only cases with predefined variables carry a context; the others never read it. */
const UNUSED_CONTEXT: TargetInputContext = {
  ruleArn: "arn:aws:events:us-east-1:111111111111:rule/unused",
  ruleName: "unused",
  ingestionTime: "1970-01-01T00:00:00Z",
};

function settingsOf(c: InputTransformerCase): TargetInputSettings {
  const transformer =
    c.inputTemplate === undefined
      ? {}
      : { InputTransformer: { InputPathsMap: c.inputPathsMap ?? {}, InputTemplate: c.inputTemplate } };
  const path = typeof c.inputPath === "string" ? { InputPath: c.inputPath } : {};
  return { Id: TARGET_ID, ...path, ...transformer };
}

function runDeliveryCase(c: InputTransformerCase): void {
  if (c.event === null) throw new Error(`case ${c.id} has no event`);
  const result = compileTargetInput(settingsOf(c))(c.event, c.context ?? UNUSED_CONTEXT);
  switch (c.expectedOutputType) {
    case "none":
      expect(c.expectedDelivery).toBe(false);
      expect(result.delivered).toBe(false);
      return;
    case "text":
      expect(result).toEqual({ delivered: true, body: c.expectedOutput });
      return;
    case "json": {
      if (!result.delivered) throw new Error(`not delivered: ${result.message}`);
      expect(JSON.parse(result.body)).toEqual(c.expectedOutput);
      return;
    }
    default:
      throw new Error(`case ${c.id} has no expectedOutputType`);
  }
}

function runValidationCase(c: InputTransformerCase): void {
  const expected = c.expectedError;
  if (expected === undefined) throw new Error(`case ${c.id} has no expectedError`);
  let thrown: unknown;
  try {
    validateTargetInput(settingsOf(c));
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidTargetInputError);
  const error = thrown as InvalidTargetInputError;
  expect({ code: error.awsErrorCode, message: error.message, httpStatus: error.httpStatus }).toEqual({
    ...expected,
    message: expected.message.replaceAll("<target-id>", TARGET_ID),
  });
}

await withConformance("input transformer conformance (eventbridge-input-transformers.json)", () => {
  const cases = loadConformance<InputTransformerCase[]>("eventbridge-input-transformers.json");

  test("the corpus holds the 35 cases its README counts", () => {
    expect(cases).toHaveLength(35);
  });

  for (const c of cases) {
    test(`${c.kind}: ${c.id}`, () => {
      if (c.kind === "putTargetsValidation") runValidationCase(c);
      else runDeliveryCase(c);
    });
  }
});
