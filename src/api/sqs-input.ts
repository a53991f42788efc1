import { ErrorCode, QueueRequestError } from "../core/errors.js";
import type { MessageAttributesInput, MessageAttributeValueInput } from "../core/queues/index.js";

/** A request's members in the JSON protocol's shape, whichever protocol carried them. */
export type SqsInput = Readonly<Record<string, unknown>>;

function invalid(name: string, value: unknown, reason: string): QueueRequestError {
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
    { [name]: value },
  );
}

/** A string member; absent stays undefined. */
export function optionalString(input: SqsInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(name, value, "Must be a string.");
  return value;
}

/** A string member SQS requires (MissingParameter without it). */
export function requiredString(input: SqsInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) {
    throw new QueueRequestError(
      ErrorCode.MissingParameter,
      `The request must contain the parameter ${name}.`,
    );
  }
  return value;
}

/** An integer member: a JSON number, or the query protocol's decimal text. */
export function optionalInteger(input: SqsInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  throw invalid(name, value, "Must be an integer.");
}

/** An integer member SQS requires (MissingParameter without it). */
export function requiredInteger(input: SqsInput, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined) {
    throw new QueueRequestError(
      ErrorCode.MissingParameter,
      `The request must contain the parameter ${name}.`,
    );
  }
  return value;
}

/** A list of strings. */
export function stringList(input: SqsInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalid(name, value, "Must be a list of strings.");
  }
  return value;
}

/** A map of strings to strings (Attributes, tags). */
export function stringMap(input: SqsInput, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, value, "Must be a map.");
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw invalid(`${name}.${key}`, item, "Must be a string.");
    result[key] = item;
  }
  return result;
}

/** A list of structures (batch entries). */
export function structList(input: SqsInput, name: string): SqsInput[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "object" && item !== null)) {
    throw invalid(name, value, "Must be a list of structures.");
  }
  return value as SqsInput[];
}

function bytes(name: string, value: unknown): Uint8Array {
  // Blobs travel as base64 in both the JSON and the query protocol.
  if (typeof value !== "string") throw invalid(name, value, "Must be base64-encoded binary data.");
  return new Uint8Array(Buffer.from(value, "base64"));
}

/** MessageAttributes / MessageSystemAttributes, binary values decoded from base64. */
export function messageAttributes(input: SqsInput, name: string): MessageAttributesInput | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(name, value, "Must be a map.");
  const result: Record<string, MessageAttributeValueInput> = {};
  for (const [attribute, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== "object" || raw === null) throw invalid(`${name}.${attribute}`, raw, "Must be a map.");
    const member = raw as SqsInput;
    const where = `${name}.${attribute}`;
    const DataType = optionalString(member, "DataType");
    const StringValue = optionalString(member, "StringValue");
    const binary = member.BinaryValue;
    const stringListValues = stringList(member, "StringListValues");
    const binaryListValues = member.BinaryListValues;
    result[attribute] = {
      ...(DataType === undefined ? {} : { DataType }),
      ...(StringValue === undefined ? {} : { StringValue }),
      ...(binary === undefined || binary === null
        ? {}
        : { BinaryValue: bytes(`${where}.BinaryValue`, binary) }),
      ...(stringListValues === undefined ? {} : { StringListValues: stringListValues }),
      ...(Array.isArray(binaryListValues)
        ? { BinaryListValues: binaryListValues.map((item) => bytes(`${where}.BinaryListValues`, item)) }
        : {}),
    };
  }
  return result;
}
