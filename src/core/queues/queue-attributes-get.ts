import { QUEUE_ATTRIBUTE_NAMES } from "./queue-attribute-limits.js";
import { queueAttributesToRecord } from "./queue-attribute-record.js";
import { unknownAttributeError } from "./queue-attribute-values.js";
import type { ResolvedQueueAttributes } from "./queue-attributes.js";

/** The attributes SQS computes for GetQueueAttributes, as the runtime knows them now. */
export interface QueueComputedAttributes {
  readonly queueArn: string;
  readonly approximateNumberOfMessages: number;
  readonly approximateNumberOfMessagesNotVisible: number;
  readonly approximateNumberOfMessagesDelayed: number;
  readonly createdAtMs: number;
  readonly lastModifiedAtMs: number;
}

const ALL = "All";

// FIFO-only names a standard queue does not know: asking a standard queue for FifoQueue answers
// "Unknown Attribute FifoQueue." on AWS (the trap tools fall into when they probe a queue's kind that way).
const UNKNOWN_ON_STANDARD_QUEUES: readonly string[] = ["FifoQueue", "ContentBasedDeduplication"];

/**
 * The `Attributes` map GetQueueAttributes answers for `requestedNames` (SQS names, "All" for every one the
 * queue has). Attributes the queue has no value for (no RedrivePolicy, no KMS key) are left out, as SQS does;
 * no names, no attributes. A name SQS does not know throws InvalidAttributeName "Unknown Attribute X.".
 * Timestamps are epoch seconds, as SQS gives them.
 * @example
 * queueAttributesForGet(attributes, ["All"], computed).VisibilityTimeout; // "30"
 */
export function queueAttributesForGet(
  attributes: ResolvedQueueAttributes,
  requestedNames: readonly string[],
  computed: QueueComputedAttributes,
): Record<string, string> {
  for (const name of requestedNames) {
    const known = name === ALL || (QUEUE_ATTRIBUTE_NAMES as readonly string[]).includes(name);
    if (!known || (!attributes.fifo && UNKNOWN_ON_STANDARD_QUEUES.includes(name))) {
      throw unknownAttributeError(name);
    }
  }
  const every: Record<string, string> = {
    QueueArn: computed.queueArn,
    ApproximateNumberOfMessages: String(computed.approximateNumberOfMessages),
    ApproximateNumberOfMessagesNotVisible: String(computed.approximateNumberOfMessagesNotVisible),
    ApproximateNumberOfMessagesDelayed: String(computed.approximateNumberOfMessagesDelayed),
    CreatedTimestamp: String(Math.floor(computed.createdAtMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(computed.lastModifiedAtMs / 1000)),
    ...queueAttributesToRecord(attributes),
  };
  if (requestedNames.includes(ALL)) return every;
  const answer: Record<string, string> = {};
  for (const name of requestedNames) {
    const value = every[name];
    if (value !== undefined) answer[name] = value;
  }
  return answer;
}
