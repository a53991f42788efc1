export type { AsyncDestinations } from "./async-destinations.js";
export {
  asyncInvocationQueueName,
  ensureAsyncInvocationQueue,
} from "./async-invocation-queue.js";
export {
  AsyncInvocationCondition,
  type AsyncInvocationRecord,
  DESTINATION_EVENT,
} from "./async-invocation-record.js";
export type { AsyncInvocationSettingsInput } from "./async-invocation-settings.js";
export {
  type AsyncInvokeContext,
  type AsyncInvokeResult,
  invokeAsync,
} from "./async-invoke.js";
export {
  ASYNC_INVOKER_DEFAULTS,
  type AsyncDropReason,
  type AsyncInvocationDrop,
  type AsyncInvoker,
  type AsyncInvokerOptions,
  startAsyncInvoker,
} from "./async-invoker.js";
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
  SerializedEvent,
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
