export type { LambdaCallback, LambdaContext } from "./call-handler.js";
export { FunctionConfigurationError } from "./function-configuration-error.js";
export {
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
export { functionArn } from "./lambda-environment.js";
export type { FunctionErrorPayload } from "./lambda-errors.js";
