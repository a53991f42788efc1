import { ErrorCode, QueueRequestError } from "../errors.js";
import type { StoredQueueAttributeName } from "./queue-attribute-limits.js";
import { isStoredQueueAttributeName, storedAttributeValue } from "./queue-attribute-record.js";
import {
  type CreateQueueAttributesInput,
  type ResolvedQueueAttributes,
  resolveQueueAttributes,
} from "./queue-attributes.js";

/**
 * For a CreateQueue naming an existing queue: the first attribute the request gives a value different from
 * the queue's current one, or undefined when CreateQueue should answer the existing queue's URL. SQS compares
 * only the attributes the request names, against their current values (after any SetQueueAttributes); a
 * request without attributes always matches (LocalStack's AWS-validated
 * test_create_queue_with_different_attributes_raises_exception). The request is validated first, with SQS's
 * errors, and values are compared as SQS stores them (maxReceiveCount "5" is 5).
 */
export function findDifferingQueueAttribute(
  existing: ResolvedQueueAttributes,
  input: CreateQueueAttributesInput,
): StoredQueueAttributeName | undefined {
  const requested = resolveQueueAttributes(input);
  for (const name of Object.keys(input.attributes ?? {})) {
    if (!isStoredQueueAttributeName(name)) continue;
    if (comparableValue(requested, name) !== comparableValue(existing, name)) return name;
  }
  return undefined;
}

/**
 * Throws SQS's QueueNameExists ("A queue already exists with the same name and a different value for
 * attribute X") when a CreateQueue for an existing queue asks for different attribute values.
 * @example
 * const existing = queueAttributesFromRecord(record.name, record.attributes);
 * assertSameQueueAttributes(existing, { name, attributes }); // then answer the existing queue's URL
 */
export function assertSameQueueAttributes(
  existing: ResolvedQueueAttributes,
  input: CreateQueueAttributesInput,
): void {
  const attribute = findDifferingQueueAttribute(existing, input);
  if (attribute === undefined) return;
  // AWS's wording (wire code QueueAlreadyExists), with no final period.
  throw new QueueRequestError(
    ErrorCode.QueueNameExists,
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
    { queueName: input.name, attribute },
  );
}

// The reuse period is hidden from the stored map at its default, but a request naming it compares its value.
function comparableValue(
  attributes: ResolvedQueueAttributes,
  name: StoredQueueAttributeName,
): string | undefined {
  return name === "KmsDataKeyReusePeriodSeconds"
    ? String(attributes.kmsDataKeyReusePeriodSeconds)
    : storedAttributeValue(attributes, name);
}
