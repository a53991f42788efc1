export { assertSameQueueAttributes, findDifferingQueueAttribute } from "./create-queue-conflict.js";
export type {
  MessageAttributes,
  MessageAttributesInput,
  MessageAttributeValue,
  MessageAttributeValueInput,
} from "./message-attributes.js";
export {
  AWS_TRACE_HEADER,
  messageAttributesSizeBytes,
  validateMessageAttributes,
  validateMessageSystemAttributes,
} from "./message-attributes.js";
export type {
  BatchRequestEntry,
  BatchResultErrorEntry,
  SendMessageBatchEntryValidation,
  SendMessageBatchRequestEntry,
} from "./message-batch.js";
export { validateBatchEntries, validateBatchRequestEntries } from "./message-batch.js";
export {
  contentDeduplicationId,
  md5OfMessageAttributes,
  md5OfMessageBody,
  md5OfMessageSystemAttributes,
} from "./message-checksums.js";
export { SEND_MESSAGE_LIMITS } from "./message-limits.js";
export type { SendMessageInput, SendMessageQueue, ValidatedMessage } from "./message-validation.js";
export { validateSendMessage } from "./message-validation.js";
export type {
  DeduplicationScope,
  FifoThroughputLimit,
  IntegerRange,
  QueueAttributeName,
  ReadOnlyQueueAttributeName,
  StoredQueueAttributeName,
} from "./queue-attribute-limits.js";
export {
  DEDUPLICATION_SCOPES,
  FIFO_THROUGHPUT_LIMITS,
  QUEUE_ATTRIBUTE_LIMITS,
  QUEUE_ATTRIBUTE_NAMES,
  QUEUE_DEFAULTS,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
} from "./queue-attribute-limits.js";
export { queueAttributesFromRecord, queueAttributesToRecord } from "./queue-attribute-record.js";
export type {
  CreateQueueAttributesInput,
  FifoQueueAttributes,
  ResolvedQueueAttributes,
  StandardQueueAttributes,
} from "./queue-attributes.js";
export { applyQueueAttributes, resolveQueueAttributes } from "./queue-attributes.js";
export type { QueueComputedAttributes } from "./queue-attributes-get.js";
export { queueAttributesForGet } from "./queue-attributes-get.js";
export type { QueueEncryption } from "./queue-encryption.js";
export type { QueueNameOptions } from "./queue-name.js";
export {
  FIFO_QUEUE_NAME_SUFFIX,
  isFifoQueueName,
  QUEUE_NAME_MAX_LENGTH,
  validateQueueName,
} from "./queue-name.js";
export {
  RECEIVE_REQUEST_ATTEMPT_ID_MAX_LENGTH,
  RECEIVE_REQUEST_ATTEMPT_WINDOW_MS,
  receiveAttemptNotRetryableError,
  validateReceiveRequestAttemptId,
} from "./receive-request-attempt-id.js";
export type { RedriveAllowPolicy, RedrivePolicy, SqsQueueArn } from "./redrive-policy.js";
export {
  allowsDeadLetterSource,
  DeadLetterTargetProblem,
  deadLetterSourceNotAllowedError,
  deadLetterTargetError,
  formatRedriveAllowPolicy,
  formatRedrivePolicy,
  parseRedriveAllowPolicy,
  parseRedrivePolicy,
  parseSqsQueueArn,
} from "./redrive-policy.js";
export type { VisibilityChange } from "./visibility-timeout.js";
export { checkVisibilityWithinReceiveLimit, validateVisibilityTimeout } from "./visibility-timeout.js";
