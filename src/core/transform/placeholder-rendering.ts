import type { JsonValue } from "../json.js";
import { TemplateFormat } from "./input-template.js";

/**
 * How a variable's value is written into a template, decided once per placeholder at compile time.
 * - `jsonValue`: a JSON template, outside quotes — the value as JSON.
 * - `jsonString`: a JSON template, inside quotes — the value's text, NOT escaped.
 * - `text`: a text template — the value's text, objects and arrays with their quotes removed.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html#eb-transform-input-issues
 */
export const PlaceholderRendering = Object.freeze({
  JsonValue: "jsonValue",
  JsonString: "jsonString",
  Text: "text",
} as const);
/** One of the three ways a placeholder is written. */
export type PlaceholderRendering = (typeof PlaceholderRendering)[keyof typeof PlaceholderRendering];

/** The rendering for a placeholder of a template of the given format. */
export function renderingFor(format: TemplateFormat, inString: boolean): PlaceholderRendering {
  if (format === TemplateFormat.Text) return PlaceholderRendering.Text;
  return inString ? PlaceholderRendering.JsonString : PlaceholderRendering.JsonValue;
}

/**
 * Writes a value (or `undefined`, a path that matched nothing) for one placeholder.
 *
 * AWS quirks, each recorded in the AWS-validated corpus (localstack `test_events_inputs.py` snapshots):
 * - a missing value is `""` outside quotes in a JSON template and empty text elsewhere;
 * - in a text template an object or array loses every `"`: `{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`
 *   (the docs: "EventBridge removes any internal quotes to ensure a valid string");
 * - inside quotes in a JSON template an object or array is written as JSON, which breaks the JSON, so AWS drops
 *   the delivery;
 * - a string inside quotes is written raw: "EventBridge doesn't escape values extracted by Input Path, when
 *   populating the Input Template" (docs, Common Issues), so a `"` or a control character in it also breaks a
 *   JSON template.
 */
export function renderPlaceholder(value: JsonValue | undefined, rendering: PlaceholderRendering): string {
  if (value === undefined) return rendering === PlaceholderRendering.JsonValue ? '""' : "";
  if (rendering === PlaceholderRendering.JsonValue) return JSON.stringify(value);
  if (typeof value === "string") return value;
  const json = JSON.stringify(value);
  if (rendering === PlaceholderRendering.Text && typeof value === "object" && value !== null) {
    return json.replaceAll('"', "");
  }
  return json;
}
