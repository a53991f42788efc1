import type { JsonObject, JsonValue } from "../json.js";
import { TemplateFormat } from "./input-template.js";
import type { JsonPath } from "./json-path.js";
import { minifyJson } from "./minify-json.js";
import { type PlaceholderRendering, renderingFor, renderPlaceholder } from "./placeholder-rendering.js";
import {
  predefinedVariableSource,
  type TargetInputContext,
  type VariableSource,
} from "./predefined-variables.js";
import {
  type ResolvedTargetInput,
  resolveTargetInput,
  type TargetInputSettings,
  type ValidateTargetInputOptions,
} from "./resolve-target-input.js";

/** Why EventBridge delivers nothing to a target for an event that matched its rule. */
export const TargetInputDropReason = Object.freeze({
  /** A JSON InputTemplate became invalid JSON once filled in; AWS drops such deliveries silently (corpus). */
  InvalidJson: "InvalidJson",
  /** The InputPath selects nothing in this event. */
  InputPathNoMatch: "InputPathNoMatch",
} as const);
/** One of the reasons a matched event is not delivered. */
export type TargetInputDropReason = (typeof TargetInputDropReason)[keyof typeof TargetInputDropReason];

/** What a target receives for one matched event: the body to deliver, or why nothing is delivered. */
export type TargetInputResult =
  | { readonly delivered: true; readonly body: string }
  | { readonly delivered: false; readonly reason: TargetInputDropReason; readonly message: string };

/** A target's compiled input settings, applied to every event its rule matches. */
export type TargetInputTransform = (event: JsonObject, context: TargetInputContext) => TargetInputResult;

type CompiledSegment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "placeholder"; readonly slot: number; readonly rendering: PlaceholderRendering };

function delivered(body: string): TargetInputResult {
  return { delivered: true, body };
}

function pathSource(path: JsonPath): VariableSource {
  return (event) => path.select(event);
}

function compileTransformer(
  resolved: Extract<ResolvedTargetInput, { kind: "transformer" }>,
): TargetInputTransform {
  const { template, paths } = resolved;
  const slots = new Map<string, number>();
  const sources: VariableSource[] = [];
  for (const name of template.placeholderNames) {
    const path = paths.get(name);
    // resolveTargetInput has rejected any name that is neither mapped nor predefined.
    const source = path === undefined ? predefinedVariableSource(name) : pathSource(path);
    if (source === undefined) throw new Error(`unreachable: unresolved placeholder ${name}`);
    slots.set(name, sources.length);
    sources.push(source);
  }
  const segments: CompiledSegment[] = template.segments.map((segment) =>
    segment.kind === "literal"
      ? segment
      : {
          kind: "placeholder",
          slot: slots.get(segment.name) ?? 0,
          rendering: renderingFor(template.format, segment.inString),
        },
  );
  const isJson = template.format === TemplateFormat.Json;

  return (event, context) => {
    // Each variable is looked up once per event, however often the template uses it.
    const values: (JsonValue | undefined)[] = sources.map((source) => source(event, context));
    let body = "";
    for (const segment of segments) {
      body +=
        segment.kind === "literal"
          ? segment.text
          : renderPlaceholder(values[segment.slot], segment.rendering);
    }
    if (!isJson) return delivered(body);
    try {
      JSON.parse(body);
    } catch (error) {
      return {
        delivered: false,
        reason: TargetInputDropReason.InvalidJson,
        message: `InputTemplate produced invalid JSON (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    return delivered(minifyJson(body));
  };
}

function compileResolved(resolved: ResolvedTargetInput): TargetInputTransform {
  switch (resolved.kind) {
    case "event":
      // No input setting: the whole event, as JSON, in the key order of the envelope given.
      return (event) => delivered(JSON.stringify(event));
    case "constant": {
      const result = delivered(resolved.body);
      return () => result;
    }
    case "path": {
      const { path } = resolved;
      // A selected string is delivered as JSON text, with its quotes (corpus:
      // test_put_events_with_input_path_max_level_depth delivers "baz" as `"baz"`).
      return (event) => {
        const value = path.select(event);
        if (value === undefined) {
          return {
            delivered: false,
            reason: TargetInputDropReason.InputPathNoMatch,
            message: `InputPath ${path.text} selects nothing in the event`,
          };
        }
        return delivered(JSON.stringify(value));
      };
    }
    case "transformer":
      return compileTransformer(resolved);
  }
}

/**
 * Validates a target's Input / InputPath / InputTransformer as PutTargets does (throwing
 * {@link InvalidTargetInputError}) and compiles them once into the function fan-out calls for every matched event.
 *
 * @example
 * const toTarget = compileTargetInput({
 *   Id: "email",
 *   InputTransformer: {
 *     InputPathsMap: { orderId: "$.detail.orderId" },
 *     InputTemplate: '{"order": <orderId>, "rule": "<aws.events.rule-name>"}',
 *   },
 * });
 * toTarget(event, { ruleArn, ruleName: "orders", ingestionTime: "2025-10-08T11:10:25Z" });
 * // { delivered: true, body: '{"order":"o-1","rule":"orders"}' }
 */
export function compileTargetInput(
  settings: TargetInputSettings,
  options: ValidateTargetInputOptions = {},
): TargetInputTransform {
  return compileResolved(resolveTargetInput(settings, options));
}
