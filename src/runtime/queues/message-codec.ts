import type { MessageAttributes, MessageAttributeValue } from "../../core/queues/index.js";

/** How message attributes are kept in the store: JSON, binary values as base64. */
type StoredAttribute = { DataType: string; StringValue: string } | { DataType: string; BinaryValue: string };

/** Encodes validated message attributes for the store (null when there are none). */
export function encodeMessageAttributes(attributes: MessageAttributes): string | null {
  const names = Object.keys(attributes);
  if (names.length === 0) return null;
  const stored: Record<string, StoredAttribute> = {};
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    stored[name] =
      value.BinaryValue === undefined
        ? { DataType: value.DataType, StringValue: value.StringValue }
        : { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString("base64") };
  }
  return JSON.stringify(stored);
}

/** Decodes what encodeMessageAttributes stored. */
export function decodeMessageAttributes(text: string | null): MessageAttributes {
  if (text === null) return {};
  const stored = JSON.parse(text) as Record<string, StoredAttribute>;
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(stored)) {
    attributes[name] =
      "BinaryValue" in value
        ? { DataType: value.DataType, BinaryValue: new Uint8Array(Buffer.from(value.BinaryValue, "base64")) }
        : { DataType: value.DataType, StringValue: value.StringValue };
  }
  return attributes;
}

/** The system attributes a message carries from its sending (SQS's names). */
export interface MessageSystemFields {
  /** Absent: the queue's own account sent it (most messages; not storing it saves ~30 bytes a message). */
  readonly SenderId?: string;
  readonly AWSTraceHeader?: string;
  readonly DeadLetterQueueSourceArn?: string;
}

/** Encodings of frozen field sets, which senders share across messages (EventBridge's sender). */
const ENCODED_SHARED_FIELDS = new WeakMap<MessageSystemFields, string | null>();

/** Encodes the system fields kept with a message; null when there are none to keep. */
export function encodeSystemFields(fields: MessageSystemFields): string | null {
  if (!Object.isFrozen(fields)) return encodeFields(fields);
  let encoded = ENCODED_SHARED_FIELDS.get(fields);
  if (encoded === undefined) {
    encoded = encodeFields(fields);
    ENCODED_SHARED_FIELDS.set(fields, encoded);
  }
  return encoded;
}

function encodeFields(fields: MessageSystemFields): string | null {
  return Object.keys(fields).length === 0 ? null : JSON.stringify(fields);
}

/** Decodes the system fields kept with a message. */
export function decodeSystemFields(text: string | null): MessageSystemFields {
  return text === null ? {} : (JSON.parse(text) as MessageSystemFields);
}
