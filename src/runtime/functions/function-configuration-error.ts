import { ErrorCode, SwitchyardError } from "../../core/errors.js";

/**
 * A function setting Lambda refuses with InvalidParameterValueException (reserved environment keys, an
 * environment over 4 KB, a reservation that leaves the account too little unreserved concurrency).
 * Range and pattern checks are ValidationErrors instead, as Lambda answers them with ValidationException.
 */
export class FunctionConfigurationError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.InvalidParameterValue, message, { context });
  }
}
