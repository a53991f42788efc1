import { ErrorCode, QueueRequestError } from "../errors.js";
import type { IntegerRange } from "./queue-attribute-limits.js";

// SQS words its attribute errors two ways, and the error code follows the wording: "Invalid value for the
// parameter X." comes as InvalidAttributeValue (AWS's answer for a bad Policy, RedrivePolicy or
// FifoThroughputLimit, as Terraform prints it from real queues), "Value V for parameter X is invalid.
// Reason: …" as InvalidParameterValue (AWS's answer for a bad deadLetterTargetArn, recorded by LocalStack's
// AWS-validated snapshot test_invalid_dead_letter_arn_rejected_before_lookup).

/** SQS's InvalidAttributeName for a name it does not know here: "Unknown Attribute X.". */
export function unknownAttributeError(attribute: string): QueueRequestError {
  return new QueueRequestError(ErrorCode.InvalidAttributeName, `Unknown Attribute ${attribute}.`, {
    attribute,
  });
}

/** SQS's InvalidAttributeValue "Invalid value for the parameter X." with an optional " Reason: …". */
export function invalidAttributeValueError(
  attribute: string,
  value: string,
  reason?: string,
): QueueRequestError {
  const message = `Invalid value for the parameter ${attribute}.${reason === undefined ? "" : ` Reason: ${reason}`}`;
  return new QueueRequestError(ErrorCode.InvalidAttributeValue, message, { attribute, value });
}

/** SQS's InvalidParameterValue "Value V for parameter X is invalid. Reason: …". */
export function invalidParameterValueError(
  attribute: string,
  value: string,
  reason: string,
): QueueRequestError {
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${value} for parameter ${attribute} is invalid. Reason: ${reason}`,
    { attribute, value },
  );
}

const INTEGER = /^-?\d+$/;

/**
 * An integer attribute within its range. SQS refuses anything but plain decimal digits (an empty value,
 * " 2", "2.5", "true") with the same "Invalid value for the parameter X." as an out-of-range number.
 */
export function parseIntegerAttribute(attribute: string, value: string, range: IntegerRange): number {
  const parsed = INTEGER.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
    throw invalidAttributeValueError(attribute, value);
  }
  return parsed;
}

/** A boolean attribute: "true" or "false" in any case. */
export function parseBooleanAttribute(attribute: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidAttributeValueError(attribute, value);
}

/** An attribute that takes one of a few words, spelled exactly. */
export function parseEnumAttribute<const T extends string>(
  attribute: string,
  value: string,
  allowed: readonly T[],
): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw invalidAttributeValueError(attribute, value);
  return found;
}
