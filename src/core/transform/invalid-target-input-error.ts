import { type ErrorCode, SwitchyardError } from "../errors.js";

/** The error codes a rejected target input setting carries. */
export type TargetInputErrorCode = Extract<
  ErrorCode,
  "InvalidInputTransformer" | "InvalidInputPath" | "Validation"
>;

/**
 * A target's Input, InputPath or InputTransformer breaks one of AWS's rules; PutTargets answers it as AWS does,
 * with a `ValidationException` (HTTP 400) whose message is this error's message.
 */
export class InvalidTargetInputError extends SwitchyardError {
  /** AWS's error type on the wire, as recorded in the AWS-validated corpus for these rejections. */
  readonly awsErrorCode = "ValidationException";
  /** AWS's HTTP status for it. */
  readonly httpStatus = 400;

  constructor(code: TargetInputErrorCode, message: string, context: Record<string, unknown>) {
    super(code, message, { context });
  }
}
