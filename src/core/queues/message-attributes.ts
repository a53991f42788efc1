import { ErrorCode, QueueRequestError } from "../errors.js";
import { utf8ByteLength } from "../events/index.js";
import { ALLOWED_CHARACTERS_TEXT, firstInvalidCodePoint, formatCodePoint } from "./message-characters.js";
import { SEND_MESSAGE_LIMITS } from "./message-limits.js";

/**
 * One message attribute as a SendMessage request carries it (API_MessageAttributeValue), BinaryValue already
 * decoded from base64. Members are optional because a missing one has its own SQS error.
 */
export interface MessageAttributeValueInput {
  readonly DataType?: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
  /** "Not implemented. Reserved for future use." — a non-empty list is refused. */
  readonly StringListValues?: readonly string[];
  /** "Not implemented. Reserved for future use." — a non-empty list is refused. */
  readonly BinaryListValues?: readonly Uint8Array[];
}

/** A request's MessageAttributes (or MessageSystemAttributes), by attribute name. */
export type MessageAttributesInput = Readonly<Record<string, MessageAttributeValueInput>>;

/** A validated message attribute: its data type and exactly one value, a string or bytes. */
export type MessageAttributeValue =
  | { readonly DataType: string; readonly StringValue: string; readonly BinaryValue?: undefined }
  | { readonly DataType: string; readonly BinaryValue: Uint8Array; readonly StringValue?: undefined };

/** Validated message attributes by name, as stored with the message and returned on receive. */
export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** The only message system attribute SendMessage accepts (API_SendMessage, MessageSystemAttributes). */
export const AWS_TRACE_HEADER = "AWSTraceHeader";

type AttributeKind = "(user)" | "system";

const DATA_TYPE = /^(String|Number|Binary)(\..*)?$/s;
// The guide lists A-Z, a-z, 0-9, "_", "-" and "."; AWS also accepts other letters: LocalStack's test
// test_send_message_with_invalid_string_attributes, validated against AWS, sends "attr.1øßä" successfully and
// has "§" refused. Letters and decimal digits of any script are accepted here (Java's isLetterOrDigit).
const NAME_CHARACTERS = /^[\p{L}\p{Nd}_.-]+$/u;
const RESERVED_NAME_PREFIXES = ["aws.", "amazon."] as const;
const NUMBER_SYNTAX = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const NUMBER_MAX_PRECISION = 38;
const NUMBER_MIN_MAGNITUDE = -128;
const NUMBER_MAX_MAGNITUDE = 126;

/**
 * Validates a SendMessage request's MessageAttributes the way SQS does and returns them with exactly one
 * value each; any broken rule throws QueueRequestError with SQS's code (InvalidParameterValue, or
 * UnsupportedOperation for list values) and message. Absent attributes validate to an empty map.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * @example
 * const attributes = validateMessageAttributes({ tenant: { DataType: "String", StringValue: "acme" } });
 */
export function validateMessageAttributes(input: MessageAttributesInput | undefined): MessageAttributes {
  const entries = Object.entries(input ?? {});
  if (entries.length > SEND_MESSAGE_LIMITS.maxMessageAttributes) {
    // Wording as a capture of AWS's answer reproduces it (scttfrdmn/substrate, sqs message attribute tests).
    throw invalid(
      `Number of message attributes [${String(entries.length)}] exceeds the allowed maximum ` +
        `[${String(SEND_MESSAGE_LIMITS.maxMessageAttributes)}].`,
      { count: entries.length, limit: SEND_MESSAGE_LIMITS.maxMessageAttributes },
    );
  }
  return Object.freeze(
    Object.fromEntries(entries.map(([name, value]) => [name, validateAttribute(name, value, "(user)")])),
  );
}

/**
 * Validates a request's MessageSystemAttributes: only AWSTraceHeader, a String, is accepted ("Its type must
 * be String", API_SendMessage); the same structural rules as message attributes apply.
 * @example
 * const system = validateMessageSystemAttributes({
 *   AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793" },
 * });
 */
export function validateMessageSystemAttributes(
  input: MessageAttributesInput | undefined,
): MessageAttributes {
  const validated: [string, MessageAttributeValue][] = [];
  for (const [name, value] of Object.entries(input ?? {})) {
    if (name !== AWS_TRACE_HEADER) {
      throw invalid(`Message system attribute name '${name}' is invalid.`, { name });
    }
    const attribute = validateAttribute(name, value, "system");
    if (attribute.DataType !== "String") {
      // Guessed wording (AWS's answer is unrecorded), modelled on its message for an invalid user type.
      throw invalid(
        `The type of message system attribute '${name}' is invalid. ` +
          "You must use only the following supported type prefixes: String.",
        { name, dataType: attribute.DataType },
      );
    }
    validated.push([name, attribute]);
  }
  return Object.freeze(Object.fromEntries(validated));
}

/**
 * The bytes message attributes add to a message's size: every name, data type and value ("All parts of
 * the message attribute, including Name, Type, and Value, are part of the message size restriction",
 * API_MessageAttributeValue), strings as UTF-8. Counts whatever is present, so it also sizes invalid input.
 */
export function messageAttributesSizeBytes(input: MessageAttributesInput | undefined): number {
  let sizeBytes = 0;
  for (const [name, value] of Object.entries(input ?? {})) {
    sizeBytes += utf8ByteLength(name);
    if (typeof value.DataType === "string") sizeBytes += utf8ByteLength(value.DataType);
    if (typeof value.StringValue === "string") sizeBytes += utf8ByteLength(value.StringValue);
    if (value.BinaryValue instanceof Uint8Array) sizeBytes += value.BinaryValue.byteLength;
  }
  return sizeBytes;
}

// The order of the checks follows the SQS emulator Inqnuam/local-aws-sqs (verifyMessageAttributes),
// whose messages match the ones AWS is recorded answering; AWS only ever reports the first broken rule.
function validateAttribute(
  name: string,
  value: MessageAttributeValueInput,
  kind: AttributeKind,
): MessageAttributeValue {
  if (nonEmpty(value.StringListValues) || nonEmpty(value.BinaryListValues)) {
    // AWS's code and message as a published 2018 boto3 traceback quotes them
    // ("AWS.SimpleQueueService.UnsupportedOperation … are not supported.").
    throw new QueueRequestError(
      ErrorCode.UnsupportedOperation,
      "Message attribute list values in SendMessage operation are not supported.",
      { name },
    );
  }
  validateName(name, kind);

  const { DataType: dataType, StringValue: stringValue, BinaryValue: binaryValue } = value;
  if (dataType === undefined && stringValue === undefined && binaryValue === undefined) {
    throw invalid(
      `The message ${kind} attribute '${name}' must contain a non-empty message attribute value.`,
      {
        name,
      },
    );
  }
  if (dataType === undefined || dataType === "") {
    throw invalid(
      `The message ${kind} attribute '${name}' must contain a non-empty message attribute type.`,
      {
        name,
      },
    );
  }
  const baseType = DATA_TYPE.exec(dataType)?.[1];
  if (baseType === undefined) {
    // Verified: AWS's answer quoted by ballerina-platform's SQS connector tests and grafana/k6-jslib-aws#65.
    throw invalid(
      `The type of message ${kind} attribute '${name}' is invalid. ` +
        "You must use only the following supported type prefixes: Binary, Number, String.",
      { name, dataType },
    );
  }
  if (
    stringValue === "" ||
    binaryValue?.byteLength === 0 ||
    (stringValue === undefined && binaryValue === undefined)
  ) {
    // Verified for an empty String value: LocalStack's test_send_message_with_empty_string_attribute, which
    // is validated against AWS.
    throw invalid(
      `Message ${kind} attribute '${name}' must contain a non-empty value of type '${dataType}'.`,
      {
        name,
        dataType,
      },
    );
  }
  if (stringValue !== undefined && binaryValue !== undefined) {
    throw invalid(`Message ${kind} attribute '${name}' must have a single value.`, { name });
  }
  if (codePointLength(dataType) > SEND_MESSAGE_LIMITS.attributeDataTypeMaxLength) {
    // "Shorter than 256" is SQS's phrase for "at most 256": its size errors say the same of limits it accepts,
    // and the guide allows "up to 256 characters".
    throw invalid(`Message ${kind} attribute type must be shorter than 256 bytes.`, { name, dataType });
  }
  // "The same restrictions as the message body" apply to the data type (the guide); AWS's wording for a type
  // is unrecorded, so this one follows its wording for a value.
  rejectInvalidCharacters(dataType, `the message attribute '${name}' type`, name);

  if (baseType === "Binary") {
    if (binaryValue === undefined) {
      throw invalid(`Message ${kind} attribute '${name}' with type 'Binary' must use field 'Binary'.`, {
        name,
      });
    }
    return { DataType: dataType, BinaryValue: binaryValue };
  }
  if (stringValue === undefined) {
    throw invalid(`Message ${kind} attribute '${name}' with type '${baseType}' must use field 'String'.`, {
      name,
    });
  }
  rejectInvalidCharacters(stringValue, `the message attribute '${name}' value`, name);
  if (baseType === "Number" && !isSqsNumber(stringValue)) {
    throw invalid(`Can't cast the value of message ${kind} attribute '${name}' to a number.`, {
      name,
      value: stringValue,
    });
  }
  return { DataType: dataType, StringValue: stringValue };
}

function validateName(name: string, kind: AttributeKind): void {
  if (codePointLength(name) > SEND_MESSAGE_LIMITS.attributeNameMaxLength) {
    throw invalid(`Message ${kind} attribute name must be shorter than 256 bytes.`, { name });
  }
  if (name.trim() === "") {
    throw invalid(`The request must contain non-empty message ${kind} attribute names.`, { name });
  }
  const lowerCase = name.toLowerCase();
  if (RESERVED_NAME_PREFIXES.some((prefix) => lowerCase.startsWith(prefix))) {
    throw invalid(
      "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. " +
        "These strings are reserved for internal use.",
      { name },
    );
  }
  if (name.startsWith("."))
    throw invalid(`Message ${kind} attribute name must not begin with character '.'.`, { name });
  if (name.endsWith("."))
    throw invalid(`Message ${kind} attribute name must not end with character '.'.`, { name });
  if (name.includes("..")) {
    throw invalid(`Message ${kind} attribute name must not have successive '.' characters.`, { name });
  }
  if (!NAME_CHARACTERS.test(name)) {
    // LocalStack's wording, trailing space included, which another emulator pins as AWS's verbatim text.
    throw invalid(
      `Message ${kind} attributes name can only contain upper and lower score characters, digits, periods, ` +
        "hyphens and underscores. ",
      { name },
    );
  }
}

function rejectInvalidCharacters(text: string, where: string, name: string): void {
  const codePoint = firstInvalidCodePoint(text);
  if (codePoint === undefined) return;
  // AWS answers InvalidParameterValue here, not the body's InvalidMessageContents (LocalStack's provider
  // notes it); the wording is the body's with the place named, as Eucalyptus's SQS reproduces it.
  throw invalid(
    `Invalid binary character '${formatCodePoint(codePoint)}' was found in ${where}, ` +
      `the set of allowed characters is ${ALLOWED_CHARACTERS_TEXT}.`,
    { name, codePoint },
  );
}

/**
 * A Number attribute's value: a decimal with an optional exponent, "up to 38 digits of precision, and it
 * can be between 10^-128 and 10^+126" (the guide's data types). Leading and trailing zeros do not count.
 */
function isSqsNumber(text: string): boolean {
  const match = NUMBER_SYNTAX.exec(text);
  if (match === null) return false;
  const integerDigits = match[1] ?? "";
  const digits = integerDigits + (match[2] ?? match[3] ?? "");
  const withoutLeadingZeros = digits.replace(/^0+/, "");
  const significant = withoutLeadingZeros.replace(/0+$/, "");
  if (significant === "") return true;
  if (significant.length > NUMBER_MAX_PRECISION) return false;
  // |value| = 0.<significant> × 10^magnitude, so 10^(magnitude-1) <= |value| < 10^magnitude.
  const leadingZeros = digits.length - withoutLeadingZeros.length;
  const magnitude = integerDigits.length - leadingZeros + Number(match[4] ?? "0");
  if (magnitude - 1 < NUMBER_MIN_MAGNITUDE) return false;
  return magnitude <= NUMBER_MAX_MAGNITUDE || (magnitude === NUMBER_MAX_MAGNITUDE + 1 && significant === "1");
}

function nonEmpty(list: readonly unknown[] | undefined): boolean {
  return list !== undefined && list.length > 0;
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function invalid(message: string, context: Record<string, unknown>): QueueRequestError {
  return new QueueRequestError(ErrorCode.InvalidParameterValue, message, context);
}
