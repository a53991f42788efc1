import { ErrorCode, QueueRequestError } from "../errors.js";
import { isJsonObject } from "../json.js";
import {
  DEDUPLICATION_SCOPES,
  type DeduplicationScope,
  FIFO_THROUGHPUT_LIMITS,
  type FifoThroughputLimit,
  QUEUE_ATTRIBUTE_LIMITS,
  QUEUE_DEFAULTS,
} from "./queue-attribute-limits.js";
import {
  invalidAttributeValueError,
  parseBooleanAttribute,
  parseEnumAttribute,
  parseIntegerAttribute,
  unknownAttributeError,
} from "./queue-attribute-values.js";
import { changeQueueEncryption, type QueueEncryption } from "./queue-encryption.js";
import { validateQueueName } from "./queue-name.js";
import {
  parseRedriveAllowPolicy,
  parseRedrivePolicy,
  type RedriveAllowPolicy,
  type RedrivePolicy,
} from "./redrive-policy.js";

/** What every queue has. */
interface QueueAttributesBase {
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionPeriodSeconds: number;
  readonly delaySeconds: number;
  readonly maximumMessageSizeBytes: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly redrivePolicy?: RedrivePolicy;
  readonly redriveAllowPolicy?: RedriveAllowPolicy;
  /** The access policy, as the JSON text it was set to. */
  readonly policy?: string;
  readonly encryption: QueueEncryption;
  readonly kmsDataKeyReusePeriodSeconds: number;
}

/** A standard queue's attributes. */
export interface StandardQueueAttributes extends QueueAttributesBase {
  readonly fifo: false;
}

/** A FIFO queue's attributes: the standard ones plus deduplication and throughput settings. */
export interface FifoQueueAttributes extends QueueAttributesBase {
  readonly fifo: true;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: DeduplicationScope;
  readonly fifoThroughputLimit: FifoThroughputLimit;
}

/** A queue's attributes, validated, with units in their names. */
export type ResolvedQueueAttributes = StandardQueueAttributes | FifoQueueAttributes;

/** What CreateQueue is given: the name and the attribute map, as SQS names them. */
export interface CreateQueueAttributesInput {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<FifoQueueAttributes, "fifo">> & { readonly fifo: boolean };

/**
 * Validates CreateQueue's name and attributes as SQS does and gives the queue's attributes, defaults filled
 * in. Throws QueueRequestError with SQS's code and message for the first thing SQS would refuse.
 * @example
 * const attributes = resolveQueueAttributes({ name: "orders.fifo", attributes: { FifoQueue: "true" } });
 * attributes.fifo && attributes.deduplicationScope; // "queue"
 */
export function resolveQueueAttributes(input: CreateQueueAttributesInput): ResolvedQueueAttributes {
  const attributes = input.attributes ?? {};
  const fifoQueue = Object.hasOwn(attributes, "FifoQueue") ? attributes.FifoQueue : undefined;
  // Only "true" is a FifoQueue value CreateQueue knows: a standard queue is made by leaving it out, and
  // "false" is refused as an unknown attribute, whatever the name (AWS SDK users hit this as
  // "InvalidAttributeName: Unknown Attribute FifoQueue.").
  const fifo = fifoQueue !== undefined && fifoQueue.toLowerCase() === "true";
  if (fifoQueue !== undefined && !fifo) throw unknownAttributeError("FifoQueue");
  validateQueueName(input.name, { fifo });
  return applyChanges(defaultAttributes(fifo), attributes, "create");
}

/**
 * Applies SetQueueAttributes' changes to a queue's attributes, validated as SQS does; the queue's kind never
 * changes. Throws QueueRequestError, changing nothing, for the first thing SQS would refuse.
 * @example
 * const next = applyQueueAttributes(current, { VisibilityTimeout: "60", RedrivePolicy: "" });
 */
export function applyQueueAttributes(
  current: ResolvedQueueAttributes,
  changes: Readonly<Record<string, string>>,
): ResolvedQueueAttributes {
  return applyChanges(current, changes, "set");
}

function defaultAttributes(fifo: boolean): ResolvedQueueAttributes {
  const base = {
    visibilityTimeoutSeconds: QUEUE_DEFAULTS.visibilityTimeoutSeconds,
    messageRetentionPeriodSeconds: QUEUE_DEFAULTS.messageRetentionPeriodSeconds,
    delaySeconds: QUEUE_DEFAULTS.delaySeconds,
    maximumMessageSizeBytes: QUEUE_DEFAULTS.maximumMessageSizeBytes,
    receiveMessageWaitTimeSeconds: QUEUE_DEFAULTS.receiveMessageWaitTimeSeconds,
    encryption: QUEUE_DEFAULTS.sqsManagedSseEnabled ? { type: "sqsManaged" } : { type: "none" },
    kmsDataKeyReusePeriodSeconds: QUEUE_DEFAULTS.kmsDataKeyReusePeriodSeconds,
  } satisfies QueueAttributesBase;
  if (!fifo) return { ...base, fifo: false };
  return {
    ...base,
    fifo: true,
    contentBasedDeduplication: QUEUE_DEFAULTS.contentBasedDeduplication,
    deduplicationScope: QUEUE_DEFAULTS.deduplicationScope,
    fifoThroughputLimit: QUEUE_DEFAULTS.fifoThroughputLimit,
  };
}

function applyChanges(
  current: ResolvedQueueAttributes,
  changes: Readonly<Record<string, string>>,
  operation: "create" | "set",
): ResolvedQueueAttributes {
  const draft: Draft = { ...defaultFifoFields(), ...current };
  const limits = QUEUE_ATTRIBUTE_LIMITS;
  let kmsMasterKeyId: string | undefined;
  let sqsManagedSseEnabled: boolean | undefined;
  for (const [attribute, value] of Object.entries(changes)) {
    switch (attribute) {
      case "FifoQueue":
        if (operation === "set") checkFifoQueueChange(current.fifo, value);
        break;
      case "VisibilityTimeout":
        draft.visibilityTimeoutSeconds = parseIntegerAttribute(
          attribute,
          value,
          limits.visibilityTimeoutSeconds,
        );
        break;
      case "MessageRetentionPeriod":
        draft.messageRetentionPeriodSeconds = parseIntegerAttribute(
          attribute,
          value,
          limits.messageRetentionPeriodSeconds,
        );
        break;
      case "DelaySeconds":
        draft.delaySeconds = parseIntegerAttribute(attribute, value, limits.delaySeconds);
        break;
      case "MaximumMessageSize":
        draft.maximumMessageSizeBytes = parseIntegerAttribute(
          attribute,
          value,
          limits.maximumMessageSizeBytes,
        );
        break;
      case "ReceiveMessageWaitTimeSeconds":
        draft.receiveMessageWaitTimeSeconds = parseIntegerAttribute(
          attribute,
          value,
          limits.receiveMessageWaitTimeSeconds,
        );
        break;
      // An empty value removes a policy (SetQueueAttributes reference: set RedrivePolicy to "" to stop
      // redriving); at creation it is the same as leaving the attribute out.
      case "RedrivePolicy":
        draft.redrivePolicy = value === "" ? undefined : parseRedrivePolicy(value);
        break;
      case "RedriveAllowPolicy":
        draft.redriveAllowPolicy = value === "" ? undefined : parseRedriveAllowPolicy(value);
        break;
      case "Policy":
        draft.policy = value === "" ? undefined : checkPolicy(value);
        break;
      case "ContentBasedDeduplication":
        // On a standard queue SQS does not know this name at all, unlike the two below.
        if (!current.fifo) throw unknownAttributeError(attribute);
        draft.contentBasedDeduplication = parseBooleanAttribute(attribute, value);
        break;
      case "DeduplicationScope":
        if (!current.fifo) throw fifoOnlyError(attribute);
        draft.deduplicationScope = parseEnumAttribute(attribute, value, DEDUPLICATION_SCOPES);
        break;
      case "FifoThroughputLimit":
        if (!current.fifo) throw fifoOnlyError(attribute);
        draft.fifoThroughputLimit = parseEnumAttribute(attribute, value, FIFO_THROUGHPUT_LIMITS);
        break;
      case "KmsMasterKeyId":
        kmsMasterKeyId = value;
        break;
      case "KmsDataKeyReusePeriodSeconds":
        draft.kmsDataKeyReusePeriodSeconds = parseIntegerAttribute(
          attribute,
          value,
          limits.kmsDataKeyReusePeriodSeconds,
        );
        break;
      case "SqsManagedSseEnabled":
        sqsManagedSseEnabled = parseBooleanAttribute(attribute, value);
        break;
      default:
        // Unknown names, "All", and the attributes SQS computes (QueueArn, ApproximateNumberOfMessages, …).
        throw unknownAttributeError(attribute);
    }
  }
  draft.encryption = changeQueueEncryption(current.encryption, { kmsMasterKeyId, sqsManagedSseEnabled });
  if (
    draft.fifo &&
    draft.fifoThroughputLimit === "perMessageGroupId" &&
    draft.deduplicationScope !== "messageGroup"
  ) {
    // AWS's answer, as Terraform prints it from a real CreateQueue (cloud-service-broker's SQS FIFO notes).
    throw invalidAttributeValueError(
      "FifoThroughputLimit",
      draft.fifoThroughputLimit,
      "To set FifoThroughputLimit to perMessageGroupId, the DeduplicationScope must be messageGroup.",
    );
  }
  return finish(draft);
}

function defaultFifoFields(): Pick<
  FifoQueueAttributes,
  "contentBasedDeduplication" | "deduplicationScope" | "fifoThroughputLimit"
> {
  return {
    contentBasedDeduplication: QUEUE_DEFAULTS.contentBasedDeduplication,
    deduplicationScope: QUEUE_DEFAULTS.deduplicationScope,
    fifoThroughputLimit: QUEUE_DEFAULTS.fifoThroughputLimit,
  };
}

function finish(draft: Draft): ResolvedQueueAttributes {
  const { fifo, contentBasedDeduplication, deduplicationScope, fifoThroughputLimit, ...base } = draft;
  const common: QueueAttributesBase = {
    visibilityTimeoutSeconds: base.visibilityTimeoutSeconds,
    messageRetentionPeriodSeconds: base.messageRetentionPeriodSeconds,
    delaySeconds: base.delaySeconds,
    maximumMessageSizeBytes: base.maximumMessageSizeBytes,
    receiveMessageWaitTimeSeconds: base.receiveMessageWaitTimeSeconds,
    ...(base.redrivePolicy === undefined ? {} : { redrivePolicy: base.redrivePolicy }),
    ...(base.redriveAllowPolicy === undefined ? {} : { redriveAllowPolicy: base.redriveAllowPolicy }),
    ...(base.policy === undefined ? {} : { policy: base.policy }),
    encryption: base.encryption,
    kmsDataKeyReusePeriodSeconds: base.kmsDataKeyReusePeriodSeconds,
  };
  if (!fifo) return Object.freeze({ ...common, fifo: false });
  return Object.freeze({
    ...common,
    fifo: true,
    contentBasedDeduplication,
    deduplicationScope,
    fifoThroughputLimit,
  });
}

// SetQueueAttributes on a FIFO queue accepts FifoQueue "true" (nothing changes) and refuses "false" with
// InvalidAttributeValue; on a standard queue FifoQueue is an unknown attribute (LocalStack's AWS-validated
// test_set_unsupported_attribute_fifo).
function checkFifoQueueChange(fifo: boolean, value: string): void {
  if (!fifo) throw unknownAttributeError("FifoQueue");
  if (value.toLowerCase() !== "true") throw invalidAttributeValueError("FifoQueue", value);
}

// AWS's wording for DeduplicationScope and FifoThroughputLimit on a standard queue, as Terraform prints it
// from a real CreateQueue (cloud-service-broker's SQS FIFO notes).
function fifoOnlyError(attribute: string): QueueRequestError {
  return new QueueRequestError(
    ErrorCode.InvalidAttributeName,
    `You can specify the ${attribute} only when FifoQueue is set to true.`,
    { attribute },
  );
}

// SQS refuses a Policy that is not a JSON object with InvalidAttributeValue "Invalid value for the parameter
// Policy."; the IAM policy grammar inside is not checked here.
function checkPolicy(value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidAttributeValueError("Policy", value);
  }
  if (!isJsonObject(parsed)) throw invalidAttributeValueError("Policy", value);
  return value;
}
