import { ErrorCode } from "../core/errors.js";

/** How one of our error codes travels on the wire: AWS's error type and HTTP status. */
export interface WireError {
  /** The error type as the JSON protocols name it (`__type`), e.g. "QueueDoesNotExist". */
  readonly type: string;
  /** The error code the SQS query protocol writes, when it differs from `type`. */
  readonly queryCode?: string;
  readonly status: number;
}

/**
 * Every error code's wire form, in one table: a new code without one does not compile. The SQS types are the
 * AWS JSON protocol's short names (the query protocol's `AWS.SimpleQueueService.*` codes where SQS uses them).
 */
export const WIRE_ERRORS: Readonly<Record<ErrorCode, WireError>> = Object.freeze({
  [ErrorCode.InvalidEventPattern]: { type: "InvalidEventPatternException", status: 400 },
  [ErrorCode.InvalidInputTransformer]: { type: "ValidationException", status: 400 },
  [ErrorCode.InvalidInputPath]: { type: "ValidationException", status: 400 },
  [ErrorCode.Validation]: { type: "ValidationException", status: 400 },
  [ErrorCode.QueueDoesNotExist]: {
    type: "QueueDoesNotExist",
    queryCode: "AWS.SimpleQueueService.NonExistentQueue",
    status: 400,
  },
  [ErrorCode.QueueNameExists]: { type: "QueueNameExists", queryCode: "QueueAlreadyExists", status: 400 },
  [ErrorCode.InvalidAttributeName]: { type: "InvalidAttributeName", status: 400 },
  [ErrorCode.InvalidAttributeValue]: { type: "InvalidAttributeValue", status: 400 },
  [ErrorCode.InvalidParameterValue]: { type: "InvalidParameterValue", status: 400 },
  [ErrorCode.MissingParameter]: { type: "MissingParameter", status: 400 },
  [ErrorCode.InvalidMessageContents]: { type: "InvalidMessageContents", status: 400 },
  [ErrorCode.ReceiptHandleIsInvalid]: { type: "ReceiptHandleIsInvalid", status: 400 },
  [ErrorCode.MessageNotInflight]: {
    type: "MessageNotInflight",
    queryCode: "AWS.SimpleQueueService.MessageNotInflight",
    status: 400,
  },
  [ErrorCode.EmptyBatchRequest]: {
    type: "EmptyBatchRequest",
    queryCode: "AWS.SimpleQueueService.EmptyBatchRequest",
    status: 400,
  },
  [ErrorCode.TooManyEntriesInBatchRequest]: {
    type: "TooManyEntriesInBatchRequest",
    queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    status: 400,
  },
  [ErrorCode.BatchEntryIdsNotDistinct]: {
    type: "BatchEntryIdsNotDistinct",
    queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    status: 400,
  },
  [ErrorCode.InvalidBatchEntryId]: {
    type: "InvalidBatchEntryId",
    queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId",
    status: 400,
  },
  [ErrorCode.BatchRequestTooLong]: {
    type: "BatchRequestTooLong",
    queryCode: "AWS.SimpleQueueService.BatchRequestTooLong",
    status: 400,
  },
  [ErrorCode.PurgeQueueInProgress]: {
    type: "PurgeQueueInProgress",
    queryCode: "AWS.SimpleQueueService.PurgeQueueInProgress",
    status: 403,
  },
  [ErrorCode.ResourceNotFound]: { type: "ResourceNotFoundException", status: 404 },
  [ErrorCode.EmptyValue]: { type: "EmptyValue", status: 400 },
  [ErrorCode.UnsupportedOperation]: {
    type: "UnsupportedOperation",
    queryCode: "AWS.SimpleQueueService.UnsupportedOperation",
    status: 400,
  },
  [ErrorCode.ResourceAlreadyExists]: { type: "ResourceAlreadyExistsException", status: 400 },
  [ErrorCode.IllegalStatus]: { type: "IllegalStatusException", status: 400 },
  [ErrorCode.LimitExceeded]: { type: "LimitExceededException", status: 400 },
  [ErrorCode.ResourceConflict]: { type: "ResourceConflictException", status: 409 },
  [ErrorCode.ResourceInUse]: { type: "ResourceInUseException", status: 400 },
  [ErrorCode.RequestTooLarge]: { type: "RequestEntityTooLargeException", status: 413 },
});
