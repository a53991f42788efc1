import {
  QUEUE_ATTRIBUTE_NAMES,
  QUEUE_DEFAULTS,
  READ_ONLY_QUEUE_ATTRIBUTE_NAMES,
  type StoredQueueAttributeName,
} from "./queue-attribute-limits.js";
import { type ResolvedQueueAttributes, resolveQueueAttributes } from "./queue-attributes.js";
import { formatRedriveAllowPolicy, formatRedrivePolicy } from "./redrive-policy.js";

/** The stored attributes in the order GetQueueAttributes lists them: every name but the read-only ones. */
const STORED_ATTRIBUTE_ORDER = QUEUE_ATTRIBUTE_NAMES.filter(
  (name): name is StoredQueueAttributeName =>
    !(READ_ONLY_QUEUE_ATTRIBUTE_NAMES as readonly string[]).includes(name),
);

/**
 * The attribute map the store keeps and GetQueueAttributes answers (less the computed ones), string values
 * spelled as SQS returns them; attributes without a value (no RedrivePolicy, no KMS key) are left out.
 * @example
 * queueAttributesToRecord(resolveQueueAttributes({ name: "orders" })).VisibilityTimeout; // "30"
 */
export function queueAttributesToRecord(attributes: ResolvedQueueAttributes): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of STORED_ATTRIBUTE_ORDER) {
    const value = storedAttributeValue(attributes, name);
    if (value !== undefined) record[name] = value;
  }
  return record;
}

/** Reads back a map `queueAttributesToRecord` made (as the store keeps it) for the queue of that name. */
export function queueAttributesFromRecord(
  name: string,
  record: Readonly<Record<string, string>>,
): ResolvedQueueAttributes {
  return resolveQueueAttributes({ name, attributes: record });
}

/** Whether a name is one of the attributes a queue stores (not computed, not "All"). */
export function isStoredQueueAttributeName(name: string): name is StoredQueueAttributeName {
  return (STORED_ATTRIBUTE_ORDER as readonly string[]).includes(name);
}

/** One stored attribute as SQS spells it, or undefined when the queue has no value for it. */
export function storedAttributeValue(
  attributes: ResolvedQueueAttributes,
  name: StoredQueueAttributeName,
): string | undefined {
  switch (name) {
    case "Policy":
      return attributes.policy;
    case "VisibilityTimeout":
      return String(attributes.visibilityTimeoutSeconds);
    case "MaximumMessageSize":
      return String(attributes.maximumMessageSizeBytes);
    case "MessageRetentionPeriod":
      return String(attributes.messageRetentionPeriodSeconds);
    case "DelaySeconds":
      return String(attributes.delaySeconds);
    case "ReceiveMessageWaitTimeSeconds":
      return String(attributes.receiveMessageWaitTimeSeconds);
    case "RedrivePolicy":
      return attributes.redrivePolicy === undefined
        ? undefined
        : formatRedrivePolicy(attributes.redrivePolicy);
    case "RedriveAllowPolicy":
      return attributes.redriveAllowPolicy === undefined
        ? undefined
        : formatRedriveAllowPolicy(attributes.redriveAllowPolicy);
    case "FifoQueue":
      return attributes.fifo ? "true" : undefined;
    case "ContentBasedDeduplication":
      return attributes.fifo ? String(attributes.contentBasedDeduplication) : undefined;
    case "DeduplicationScope":
      return attributes.fifo ? attributes.deduplicationScope : undefined;
    case "FifoThroughputLimit":
      return attributes.fifo ? attributes.fifoThroughputLimit : undefined;
    case "KmsMasterKeyId":
      return attributes.encryption.type === "kms" ? attributes.encryption.kmsMasterKeyId : undefined;
    // Shown with SSE-KMS (AWS answers the default 300 there); kept otherwise only when set to something else,
    // so that reading the stored map back loses nothing.
    case "KmsDataKeyReusePeriodSeconds":
      return attributes.encryption.type === "kms" ||
        attributes.kmsDataKeyReusePeriodSeconds !== QUEUE_DEFAULTS.kmsDataKeyReusePeriodSeconds
        ? String(attributes.kmsDataKeyReusePeriodSeconds)
        : undefined;
    case "SqsManagedSseEnabled":
      return String(attributes.encryption.type === "sqsManaged");
  }
}
