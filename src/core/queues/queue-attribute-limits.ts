/**
 * Every queue attribute name SQS knows (API_GetQueueAttributes' QueueAttributeName, without `All`), in the
 * order GetQueueAttributes lists them.
 */
export const QUEUE_ATTRIBUTE_NAMES = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "Policy",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "FifoQueue",
  "ContentBasedDeduplication",
  "DeduplicationScope",
  "FifoThroughputLimit",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
] as const;

/** A queue attribute name as SQS spells it. */
export type QueueAttributeName = (typeof QUEUE_ATTRIBUTE_NAMES)[number];

/** Attributes SQS computes; CreateQueue and SetQueueAttributes answer "Unknown Attribute" for them. */
export const READ_ONLY_QUEUE_ATTRIBUTE_NAMES = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
] as const satisfies readonly QueueAttributeName[];

/** A queue attribute SQS computes rather than stores. */
export type ReadOnlyQueueAttributeName = (typeof READ_ONLY_QUEUE_ATTRIBUTE_NAMES)[number];

/** A queue attribute a queue stores: set by CreateQueue or SetQueueAttributes. */
export type StoredQueueAttributeName = Exclude<QueueAttributeName, ReadOnlyQueueAttributeName>;

/**
 * SQS's defaults for a new queue. MaximumMessageSize is 1 MiB since SQS raised the message size limit from
 * 256 KiB (CreateQueue reference: "Valid values: An integer from 1,024 bytes (1 KiB) to 1,048,576 bytes
 * (1 MiB). Default: 1,048,576 bytes (1 MiB)"; https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb).
 * New queues get SSE-SQS unless told otherwise (SqsManagedSseEnabled "true" on a fresh queue, as AWS answers
 * GetQueueAttributes since 2022).
 */
export const QUEUE_DEFAULTS = Object.freeze({
  visibilityTimeoutSeconds: 30,
  messageRetentionPeriodSeconds: 345_600,
  delaySeconds: 0,
  maximumMessageSizeBytes: 1_048_576,
  receiveMessageWaitTimeSeconds: 0,
  kmsDataKeyReusePeriodSeconds: 300,
  sqsManagedSseEnabled: true,
  contentBasedDeduplication: false,
  deduplicationScope: "queue",
  fifoThroughputLimit: "perQueue",
} as const);

/** An inclusive integer range. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** The ranges SQS accepts for its integer attributes and inside its redrive policies (CreateQueue reference). */
export const QUEUE_ATTRIBUTE_LIMITS = Object.freeze({
  visibilityTimeoutSeconds: Object.freeze({ min: 0, max: 43_200 }),
  messageRetentionPeriodSeconds: Object.freeze({ min: 60, max: 1_209_600 }),
  delaySeconds: Object.freeze({ min: 0, max: 900 }),
  maximumMessageSizeBytes: Object.freeze({ min: 1_024, max: 1_048_576 }),
  receiveMessageWaitTimeSeconds: Object.freeze({ min: 0, max: 20 }),
  kmsDataKeyReusePeriodSeconds: Object.freeze({ min: 60, max: 86_400 }),
  maxReceiveCount: Object.freeze({ min: 1, max: 1_000 }),
  sourceQueueArnsMax: 10,
} satisfies Record<string, IntegerRange | number>);

/** FIFO high-throughput settings (API_SetQueueAttributes). */
export const DEDUPLICATION_SCOPES = ["messageGroup", "queue"] as const;
/** Where a FIFO queue deduplicates: within a message group or across the queue. */
export type DeduplicationScope = (typeof DEDUPLICATION_SCOPES)[number];

/** Whether a FIFO queue's throughput quota applies per queue or per message group. */
export const FIFO_THROUGHPUT_LIMITS = ["perQueue", "perMessageGroupId"] as const;
/** A FIFO queue's throughput quota scope. */
export type FifoThroughputLimit = (typeof FIFO_THROUGHPUT_LIMITS)[number];
