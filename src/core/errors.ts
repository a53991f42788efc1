/**
 * Error codes Switchyard raises. Each maps to exactly one AWS wire error (type, message, HTTP status)
 * in the api layer's table, typed `Record<ErrorCode, …>`, so a code without a wire form does not compile.
 */
export const ErrorCode = {
  InvalidEventPattern: "InvalidEventPattern",
  InvalidInputTransformer: "InvalidInputTransformer",
  InvalidInputPath: "InvalidInputPath",
  Validation: "Validation",
  QueueDoesNotExist: "QueueDoesNotExist",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error Switchyard raises on purpose: a stable `code` plus the offending values. */
export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = Object.freeze({ ...options.context });
  }
}

/** A request parameter breaks a documented constraint (AWS's ValidationException). */
export class ValidationError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.Validation, message, { context });
  }
}

/** A call named a queue that does not exist (SQS's QueueDoesNotExist). */
export class QueueDoesNotExistError extends SwitchyardError {
  constructor(queue: string) {
    super(ErrorCode.QueueDoesNotExist, "The specified queue does not exist.", { context: { queue } });
  }
}
