/**
 * The app definition: `defineApp` for typed app files, `checkApp` to check one as AWS would and resolve it with
 * every default applied. Pure: no I/O; the loader and the runtime live above.
 */

export type {
  AppDefinition,
  AsyncInvocationDefinition,
  BusDefinition,
  DeadLetterDefinition,
  DestinationDefinition,
  EventSourceMappingDefinition,
  FunctionDefinition,
  InputTransformerDefinition,
  QueueDefinition,
  RuleDefinition,
  TargetDefinition,
  TargetSettings,
} from "./app-definition.js";
export { defineApp } from "./app-definition.js";
export type { AppProblem, AppWarning } from "./app-definition-error.js";
export { AppDefinitionError, AppWarningCode } from "./app-definition-error.js";
export type { CheckedApp } from "./check-app.js";
export { checkApp } from "./check-app.js";
export type { HandlerEvent, HandlerResult } from "./handler-event.js";
export {
  ENVIRONMENT_KEY_PATTERN,
  EVENT_SOURCE_MAPPING_DEFAULTS,
  EVENT_SOURCE_MAPPING_LIMITS,
  FUNCTION_DEFAULTS,
  FUNCTION_LIMITS,
  FUNCTION_NAME_PATTERN,
  RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR,
  RESERVED_ENVIRONMENT_KEYS,
} from "./lambda-limits.js";
export type {
  ResolvedApp,
  ResolvedAsyncInvocation,
  ResolvedBus,
  ResolvedDeadLetter,
  ResolvedEventSourceMapping,
  ResolvedFunction,
  ResolvedHandler,
  ResolvedInputTransformer,
  ResolvedQueue,
  ResolvedRule,
  ResolvedTarget,
  ResourceRef,
} from "./resolved-app.js";
