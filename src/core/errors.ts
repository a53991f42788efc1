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
  // SQS request errors, named as SQS names them (the api layer maps each to its wire form).
  QueueNameExists: "QueueNameExists",
  InvalidAttributeName: "InvalidAttributeName",
  InvalidAttributeValue: "InvalidAttributeValue",
  InvalidParameterValue: "InvalidParameterValue",
  MissingParameter: "MissingParameter",
  InvalidMessageContents: "InvalidMessageContents",
  ReceiptHandleIsInvalid: "ReceiptHandleIsInvalid",
  MessageNotInflight: "MessageNotInflight",
  EmptyBatchRequest: "EmptyBatchRequest",
  TooManyEntriesInBatchRequest: "TooManyEntriesInBatchRequest",
  BatchEntryIdsNotDistinct: "BatchEntryIdsNotDistinct",
  InvalidBatchEntryId: "InvalidBatchEntryId",
  BatchRequestTooLong: "BatchRequestTooLong",
  PurgeQueueInProgress: "PurgeQueueInProgress",
  // EventBridge.
  ResourceNotFound: "ResourceNotFound",
  ResourceAlreadyExists: "ResourceAlreadyExists",
  IllegalStatus: "IllegalStatus",
  LimitExceeded: "LimitExceeded",
  // Lambda.
  ResourceConflict: "ResourceConflict",
  ResourceInUse: "ResourceInUse",
  RequestTooLarge: "RequestTooLarge",
  EmptyValue: "EmptyValue",
  UnsupportedOperation: "UnsupportedOperation",
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

/** A request SQS would refuse, with SQS's error code and message (InvalidParameterValue, …). */
export class QueueRequestError extends SwitchyardError {
  constructor(code: ErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(code, message, { context });
  }
}

/** An EventBridge resource (bus, rule) that does not exist (EventBridge's ResourceNotFoundException). */
export class ResourceNotFoundError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.ResourceNotFound, message, { context });
  }
}

/** A bus that does not exist: EventBridge's "Event bus NAME does not exist.". */
export class EventBusNotFoundError extends ResourceNotFoundError {
  constructor(bus: string) {
    super(`Event bus ${bus} does not exist.`, { bus });
  }
}

/** A rule that does not exist on its bus: EventBridge's "Rule NAME does not exist on EventBus BUS.". */
export class RuleNotFoundError extends ResourceNotFoundError {
  constructor(bus: string, rule: string) {
    super(`Rule ${rule} does not exist on EventBus ${bus}.`, { bus, rule });
  }
}

/** An EventBridge resource that already exists (ResourceAlreadyExistsException): a bus, an archive, a replay. */
export class ResourceAlreadyExistsError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.ResourceAlreadyExists, message, { context });
  }
}

/** An operation the resource's state does not allow (EventBridge's IllegalStatusException), e.g. cancelling a finished replay. */
export class IllegalStatusError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.IllegalStatus, message, { context });
  }
}
