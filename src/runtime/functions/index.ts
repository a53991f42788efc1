export type { LambdaCallback, LambdaContext } from "./call-handler.js";
export { FunctionConfigurationError } from "./function-configuration-error.js";
export {
  FUNCTION_DEFAULTS,
  FUNCTION_LIMITS,
  type FunctionDefinition,
  type FunctionDefinitionOptions,
  resolveFunctionDefinition,
} from "./function-definition.js";
export {
  createFunctionRunner,
  type FunctionRunner,
  type FunctionRunnerMode,
  type FunctionRunnerOptions,
  type InvokeOptions,
  RUNNER_DEFAULTS,
} from "./function-runner.js";
export { type HandlerLocation, locateHandler } from "./handler-loader.js";
export type {
  InvocationFailure,
  InvocationRecord,
  InvocationResult,
  InvocationSuccess,
  InvocationThrottle,
} from "./invocation-result.js";
export { functionArn, RESERVED_ENVIRONMENT_KEYS } from "./lambda-environment.js";
export type { FunctionErrorPayload } from "./lambda-errors.js";
