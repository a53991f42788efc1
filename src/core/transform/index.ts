/**
 * EventBridge target input: Input, InputPath and InputTransformer, validated as PutTargets does and applied to
 * matched events exactly as AWS delivers them.
 */

export type { TargetInputResult, TargetInputTransform } from "./compile-target-input.js";
export { compileTargetInput, TargetInputDropReason } from "./compile-target-input.js";
export type { TargetInputErrorCode } from "./invalid-target-input-error.js";
export { InvalidTargetInputError } from "./invalid-target-input-error.js";
export type { JsonPath, JsonPathParseResult } from "./json-path.js";
export { parseJsonPath } from "./json-path.js";
export type { TargetInputContext } from "./predefined-variables.js";
export { PREDEFINED_VARIABLES } from "./predefined-variables.js";
export type {
  InputTransformer,
  TargetInputSettings,
  ValidateTargetInputOptions,
} from "./resolve-target-input.js";
export { validateTargetInput } from "./resolve-target-input.js";
export { TARGET_INPUT_LIMITS } from "./target-input-limits.js";
