import type { SqsInput } from "./sqs-input.js";

/** Reads one member from the query protocol's flattened form parameters, at a key prefix. */
type FormDecoder = (params: URLSearchParams, key: string) => unknown;

const text: FormDecoder = (params, key) => params.get(key) ?? undefined;

/** The N of `key.N…` parameters, in order: the query protocol numbers list items and map entries from 1. */
function indices(params: URLSearchParams, key: string): number[] {
  const found = new Set<number>();
  const prefix = `${key}.`;
  for (const name of params.keys()) {
    if (!name.startsWith(prefix)) continue;
    const segment = name.slice(prefix.length).split(".", 1)[0] ?? "";
    if (/^\d+$/.test(segment)) found.add(Number(segment));
  }
  return [...found].sort((a, b) => a - b);
}

/** A flattened list: `AttributeName.1=All&AttributeName.2=…`. */
function list(item: FormDecoder): FormDecoder {
  return (params, key) => {
    const found = indices(params, key);
    return found.length === 0 ? undefined : found.map((index) => item(params, `${key}.${index}`));
  };
}

/** A flattened map: `Attribute.1.Name=…&Attribute.1.Value=…` (Tag.N.Key for tags). */
function map(keyName: string, valueName: string, value: FormDecoder): FormDecoder {
  return (params, key) => {
    const found = indices(params, key);
    if (found.length === 0) return undefined;
    const result: Record<string, unknown> = {};
    for (const index of found) {
      const name = params.get(`${key}.${index}.${keyName}`);
      if (name !== null) result[name] = value(params, `${key}.${index}.${valueName}`);
    }
    return result;
  };
}

/** A structure: each JSON member read from its form name (the same unless given as [formName, decoder]). */
function struct(members: Record<string, FormDecoder | readonly [string, FormDecoder]>): FormDecoder {
  return (params, key) => {
    const result: Record<string, unknown> = {};
    for (const [jsonName, member] of Object.entries(members)) {
      const [formName, decode] = typeof member === "function" ? [jsonName, member] : member;
      const value = decode(params, key === "" ? formName : `${key}.${formName}`);
      if (value !== undefined) result[jsonName] = value;
    }
    return result;
  };
}

/** Members whose form and JSON names agree and whose values are text (numbers included). */
function texts(...names: string[]): Record<string, FormDecoder> {
  return Object.fromEntries(names.map((name) => [name, text]));
}

const attributes = ["Attribute", map("Name", "Value", text)] as const;
const tags = ["Tag", map("Key", "Value", text)] as const;
const messageAttributeMap = map(
  "Name",
  "Value",
  struct({
    ...texts("DataType", "StringValue", "BinaryValue"),
    StringListValues: ["StringListValue", list(text)],
    BinaryListValues: ["BinaryListValue", list(text)],
  }),
);
const messageMembers = {
  ...texts("MessageBody", "DelaySeconds", "MessageDeduplicationId", "MessageGroupId"),
  MessageAttributes: ["MessageAttribute", messageAttributeMap],
  MessageSystemAttributes: ["MessageSystemAttribute", messageAttributeMap],
} as const;

/**
 * Each operation's parameters as the query protocol flattens them (the 2012-11-05 API's names:
 * `Attribute.N.Name`, `MessageAttribute.N.Value.StringValue`, `SendMessageBatchRequestEntry.N.Id`), read into
 * the members the JSON protocol would send, so both protocols share one operation table.
 */
const OPERATION_FORMS: Readonly<Record<string, FormDecoder>> = {
  CreateQueue: struct({ ...texts("QueueName"), Attributes: attributes, tags }),
  GetQueueUrl: struct(texts("QueueName", "QueueOwnerAWSAccountId")),
  ListQueues: struct(texts("QueueNamePrefix", "NextToken", "MaxResults")),
  DeleteQueue: struct(texts("QueueUrl")),
  GetQueueAttributes: struct({ ...texts("QueueUrl"), AttributeNames: ["AttributeName", list(text)] }),
  SetQueueAttributes: struct({ ...texts("QueueUrl"), Attributes: attributes }),
  SendMessage: struct({ ...texts("QueueUrl"), ...messageMembers }),
  SendMessageBatch: struct({
    ...texts("QueueUrl"),
    Entries: ["SendMessageBatchRequestEntry", list(struct({ ...texts("Id"), ...messageMembers }))],
  }),
  ReceiveMessage: struct({
    ...texts(
      "QueueUrl",
      "MaxNumberOfMessages",
      "VisibilityTimeout",
      "WaitTimeSeconds",
      "ReceiveRequestAttemptId",
    ),
    AttributeNames: ["AttributeName", list(text)],
    MessageSystemAttributeNames: ["MessageSystemAttributeName", list(text)],
    MessageAttributeNames: ["MessageAttributeName", list(text)],
  }),
  DeleteMessage: struct(texts("QueueUrl", "ReceiptHandle")),
  DeleteMessageBatch: struct({
    ...texts("QueueUrl"),
    Entries: ["DeleteMessageBatchRequestEntry", list(struct(texts("Id", "ReceiptHandle")))],
  }),
  ChangeMessageVisibility: struct(texts("QueueUrl", "ReceiptHandle", "VisibilityTimeout")),
  ChangeMessageVisibilityBatch: struct({
    ...texts("QueueUrl"),
    Entries: [
      "ChangeMessageVisibilityBatchRequestEntry",
      list(struct(texts("Id", "ReceiptHandle", "VisibilityTimeout"))),
    ],
  }),
  PurgeQueue: struct(texts("QueueUrl")),
  ListDeadLetterSourceQueues: struct(texts("QueueUrl", "NextToken", "MaxResults")),
  StartMessageMoveTask: struct(texts("SourceArn", "DestinationArn", "MaxNumberOfMessagesPerSecond")),
  ListMessageMoveTasks: struct(texts("SourceArn", "MaxResults")),
  CancelMessageMoveTask: struct(texts("TaskHandle")),
  TagQueue: struct({ ...texts("QueueUrl"), Tags: tags }),
  UntagQueue: struct({ ...texts("QueueUrl"), TagKeys: ["TagKey", list(text)] }),
  ListQueueTags: struct(texts("QueueUrl")),
};

/** An operation's members read from its form parameters; undefined for an action the protocol does not know. */
export function decodeQueryForm(action: string, params: URLSearchParams): SqsInput | undefined {
  const decode = Object.hasOwn(OPERATION_FORMS, action) ? OPERATION_FORMS[action] : undefined;
  return decode === undefined ? undefined : (decode(params, "") as SqsInput);
}
