import type { JsonObject, JsonValue } from "../json.js";

/** What EventBridge knows about a delivery besides the event: the facts behind the predefined variables. */
export interface TargetInputContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** When EventBridge received the event, ISO 8601 as EventBridge renders times (e.g. `2025-10-08T11:10:25Z`). */
  readonly ingestionTime: string;
}

/**
 * The reserved variables an InputTemplate may use without an InputPathsMap entry.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-predefined
 */
export const PREDEFINED_VARIABLES = Object.freeze({
  ruleArn: "aws.events.rule-arn",
  ruleName: "aws.events.rule-name",
  ingestionTime: "aws.events.event.ingestion-time",
  event: "aws.events.event",
  eventJson: "aws.events.event.json",
} as const);

/** Computes one variable's value for one delivery; `undefined` means the event has nothing there. */
export type VariableSource = (event: JsonObject, context: TargetInputContext) => JsonValue | undefined;

/**
 * `<aws.events.event>` is the envelope without `detail`, with `detail-type` renamed `detailType` and `time`
 * set to the ingestion time, in this key order — as AWS delivered it in the corpus case
 * `test_input_transformer_predefined_variables` (localstack snapshot). The docs say only "without the detail
 * field"; the renaming and the time come from that recorded delivery.
 */
const EVENT_VARIABLE_FIELDS: ReadonlyArray<readonly [from: string, to: string]> = [
  ["id", "id"],
  ["account", "account"],
  ["detail-type", "detailType"],
  ["time", "time"],
  ["source", "source"],
  ["region", "region"],
  ["resources", "resources"],
  ["version", "version"],
];

function eventWithoutDetail(event: JsonObject, context: TargetInputContext): JsonObject {
  const rendered: JsonObject = {};
  for (const [from, to] of EVENT_VARIABLE_FIELDS) {
    if (from === "time") {
      rendered[to] = context.ingestionTime;
      continue;
    }
    const value = event[from];
    if (value !== undefined) rendered[to] = value;
  }
  return rendered;
}

const SOURCES: ReadonlyMap<string, VariableSource> = new Map<string, VariableSource>([
  [PREDEFINED_VARIABLES.ruleArn, (_event, context) => context.ruleArn],
  [PREDEFINED_VARIABLES.ruleName, (_event, context) => context.ruleName],
  [PREDEFINED_VARIABLES.ingestionTime, (_event, context) => context.ingestionTime],
  [PREDEFINED_VARIABLES.event, eventWithoutDetail],
  [PREDEFINED_VARIABLES.eventJson, (event) => event],
]);

/** The source of a predefined variable, or `undefined` when the name is not one. */
export function predefinedVariableSource(name: string): VariableSource | undefined {
  return SOURCES.get(name);
}
