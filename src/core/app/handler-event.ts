import type { EventBridgeEvent, SQSBatchResponse, SQSEvent } from "aws-lambda";

/** The functions an app's event source mappings feed. */
type MappedFunctions<App> = App extends { readonly eventSourceMappings?: infer Mappings }
  ? NonNullable<Mappings> extends readonly (infer Mapping)[]
    ? Mapping extends { readonly function: infer Fn }
      ? Fn
      : never
    : never
  : never;

/** What a rule target of function `Fn` delivers: the event itself, or (with an input setting) any JSON. */
type TargetPayload<Target, Fn> = Target extends { readonly function: Fn }
  ? Target extends
      | { readonly input: unknown }
      | { readonly inputPath: string }
      | { readonly inputTransformer: unknown }
    ? unknown
    : EventBridgeEvent<string, unknown>
  : never;

/** What the rules of an app deliver to function `Fn`, as a union over its targets. */
type RulePayloads<App, Fn> = App extends { readonly rules?: infer Rules }
  ? {
      // Only the rules written out: the definition's Record<string, …> index adds nothing to learn from.
      [Rule in keyof NonNullable<Rules> as string extends Rule
        ? never
        : Rule]: NonNullable<Rules>[Rule] extends {
        readonly targets: readonly (infer Target)[];
      }
        ? TargetPayload<Target, Fn>
        : never;
    }[LiteralKeys<NonNullable<Rules>>]
  : never;

/** The keys of a type but for an index signature's. */
type LiteralKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: true };

/**
 * The event a function of an app receives, from what feeds it: `SQSEvent` from an event source mapping,
 * `EventBridgeEvent` from a rule target without an input setting, `unknown` from one with Input, InputPath or an
 * input transformer (any JSON) — a union when several feed it, `unknown` when nothing in the app does (Invoke, an
 * async destination).
 * @example
 * import app from "./app.js";
 * export const handler = async (event: HandlerEvent<typeof app, "SendEmail">) => { event.Records; };
 */
export type HandlerEvent<App, Fn extends string> = [
  (Fn extends MappedFunctions<App> ? SQSEvent : never) | RulePayloads<App, Fn>,
] extends [never]
  ? unknown
  : (Fn extends MappedFunctions<App> ? SQSEvent : never) | RulePayloads<App, Fn>;

/** What a handler fed by an event source mapping may answer: nothing, or its partial batch failures. */
export type HandlerResult<App, Fn extends string> =
  Fn extends MappedFunctions<App> ? SQSBatchResponse | undefined : unknown;
