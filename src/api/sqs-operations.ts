import {
  ErrorCode as Codes,
  type ErrorCode,
  QueueDoesNotExistError,
  QueueRequestError,
} from "../core/errors.js";
import type {
  MessageAttributes,
  SendMessageBatchRequestEntry,
  SendMessageInput,
} from "../core/queues/index.js";
import type { QueueService } from "../runtime/queues/queue-service.js";
import type { ReceivedMessage } from "../runtime/queues/receive-messages.js";
import type { ApiRequest } from "./api-request.js";
import {
  messageAttributes,
  optionalInteger,
  optionalString,
  requiredInteger,
  requiredString,
  type SqsInput,
  stringList,
  stringMap,
  structList,
} from "./sqs-input.js";
import { type ApiPlace, queueNameFromUrl, queueUrlFor } from "./sqs-queue-url.js";

/** One SQS operation: the request's members (JSON protocol shape) in, the answer's members out. */
export type SqsOperation = (input: SqsInput, request: ApiRequest) => Promise<Record<string, unknown>>;

/** How a protocol writes the Code of a failed batch entry (the JSON protocol's short name or the query code). */
export type BatchErrorCode = (code: ErrorCode) => string;

/** SQS's bounds on ListQueues' and ListDeadLetterSourceQueues' MaxResults. */
const LIST_MAX_RESULTS = Object.freeze({ min: 1, max: 1000 });
/** SQS's bounds on ListMessageMoveTasks' MaxResults (default 1). */
const MOVE_TASK_MAX_RESULTS = Object.freeze({ min: 1, max: 10 });

function checkMaxResults(value: number | undefined, bounds: { min: number; max: number }): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new QueueRequestError(
      Codes.InvalidParameterValue,
      `Value ${value} for parameter MaxResults is invalid. Reason: Must be between ${bounds.min} and ${bounds.max}, if provided.`,
      { MaxResults: value },
    );
  }
}

/**
 * A page of names: all of them without MaxResults (SQS's 1,000 cap aside); with it, at most that many and a
 * NextToken — the last name given, opaque to the client — while more remain, as ListQueues pages.
 */
function page(
  names: readonly string[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { names: string[]; nextToken?: string } {
  const sorted = [...names].sort();
  const after = nextToken === undefined ? undefined : Buffer.from(nextToken, "base64url").toString("utf8");
  const rest = after === undefined ? sorted : sorted.filter((name) => name > after);
  const limit = maxResults ?? LIST_MAX_RESULTS.max;
  const taken = rest.slice(0, limit);
  const last = taken.at(-1);
  return maxResults !== undefined && rest.length > limit && last !== undefined
    ? { names: taken, nextToken: Buffer.from(last, "utf8").toString("base64url") }
    : { names: taken };
}

function sendInput(input: SqsInput): SendMessageInput {
  const MessageBody = optionalString(input, "MessageBody");
  const DelaySeconds = optionalInteger(input, "DelaySeconds");
  const MessageAttributes = messageAttributes(input, "MessageAttributes");
  const MessageSystemAttributes = messageAttributes(input, "MessageSystemAttributes");
  const MessageDeduplicationId = optionalString(input, "MessageDeduplicationId");
  const MessageGroupId = optionalString(input, "MessageGroupId");
  return {
    ...(MessageBody === undefined ? {} : { MessageBody }),
    ...(DelaySeconds === undefined ? {} : { DelaySeconds }),
    ...(MessageAttributes === undefined ? {} : { MessageAttributes }),
    ...(MessageSystemAttributes === undefined ? {} : { MessageSystemAttributes }),
    ...(MessageDeduplicationId === undefined ? {} : { MessageDeduplicationId }),
    ...(MessageGroupId === undefined ? {} : { MessageGroupId }),
  };
}

function wireAttributes(attributes: MessageAttributes): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(attributes)) {
    result[name] =
      value.BinaryValue === undefined
        ? { DataType: value.DataType, StringValue: value.StringValue }
        : { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString("base64") };
  }
  return result;
}

function wireMessage(message: ReceivedMessage): Record<string, unknown> {
  // Copied field by field: a rest pattern or a spread followed by more members costs about a microsecond a
  // message on Node 20's V8, and every received message comes through here.
  const wired: Record<string, unknown> = {
    MessageId: message.MessageId,
    ReceiptHandle: message.ReceiptHandle,
    MD5OfBody: message.MD5OfBody,
    Body: message.Body,
  };
  if (message.Attributes !== undefined) wired.Attributes = message.Attributes;
  if (message.MD5OfMessageAttributes !== undefined)
    wired.MD5OfMessageAttributes = message.MD5OfMessageAttributes;
  if (message.MessageAttributes !== undefined)
    wired.MessageAttributes = wireAttributes(message.MessageAttributes);
  return wired;
}

function entriesOf(input: SqsInput): SqsInput[] {
  return structList(input, "Entries") ?? [];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Every SQS operation of the endpoint, shared by the JSON and the query protocol: each turns the request's
 * members into the queue service's input (QueueUrl into a queue name) and its answer into SQS's members.
 * @example
 * const operations = createSqsOperations(switchyard.queues, place, (code) => WIRE_ERRORS[code].type);
 * await operations.SendMessage?.({ QueueUrl, MessageBody: "hi" }, request);
 */
export function createSqsOperations(
  queues: QueueService,
  place: ApiPlace,
  batchErrorCode: BatchErrorCode,
): Readonly<Record<string, SqsOperation>> {
  const nameOf = (input: SqsInput) => queueNameFromUrl(input.QueueUrl, place);
  const failures = (failed: readonly { Id: string; SenderFault: boolean; Code: string; Message: string }[]) =>
    failed.map((entry) => ({ ...entry, Code: batchErrorCode(entry.Code as ErrorCode) }));
  return {
    CreateQueue: async (input, request) => {
      const Attributes = stringMap(input, "Attributes");
      const tags = stringMap(input, "tags");
      const record = await queues.createQueue({
        QueueName: requiredString(input, "QueueName"),
        ...optional("Attributes", Attributes),
        ...optional("tags", tags),
      });
      return { QueueUrl: queueUrlFor(request, place, record.name) };
    },
    GetQueueUrl: async (input, request) => {
      const name = requiredString(input, "QueueName");
      const owner = optionalString(input, "QueueOwnerAWSAccountId");
      if (owner !== undefined && owner !== place.account) throw new QueueDoesNotExistError(name);
      await queues.getQueueAttributes(name, ["QueueArn"]);
      return { QueueUrl: queueUrlFor(request, place, name) };
    },
    ListQueues: async (input, request) => {
      const maxResults = optionalInteger(input, "MaxResults");
      checkMaxResults(maxResults, LIST_MAX_RESULTS);
      const names = await queues.listQueues(optionalString(input, "QueueNamePrefix"));
      const listed = page(names, maxResults, optionalString(input, "NextToken"));
      return {
        ...(listed.names.length === 0
          ? {}
          : { QueueUrls: listed.names.map((name) => queueUrlFor(request, place, name)) }),
        ...optional("NextToken", listed.nextToken),
      };
    },
    DeleteQueue: async (input) => {
      await queues.deleteQueue(nameOf(input));
      return {};
    },
    GetQueueAttributes: async (input) => {
      const Attributes = await queues.getQueueAttributes(nameOf(input), stringList(input, "AttributeNames"));
      return Object.keys(Attributes).length === 0 ? {} : { Attributes };
    },
    SetQueueAttributes: async (input) => {
      await queues.setQueueAttributes(nameOf(input), stringMap(input, "Attributes") ?? {});
      return {};
    },
    SendMessage: async (input) => ({ ...(await queues.sendMessage(nameOf(input), sendInput(input))) }),
    SendMessageBatch: async (input) => {
      const name = nameOf(input);
      const entries = structList(input, "Entries")?.map(
        (entry): SendMessageBatchRequestEntry =>
          Object.assign(sendInput(entry), optional("Id", optionalString(entry, "Id"))),
      );
      const result = await queues.sendMessageBatch(name, entries);
      return { Successful: result.Successful, Failed: failures(result.Failed) };
    },
    ReceiveMessage: async (input) => {
      const name = nameOf(input);
      const MaxNumberOfMessages = optionalInteger(input, "MaxNumberOfMessages");
      const VisibilityTimeout = optionalInteger(input, "VisibilityTimeout");
      const WaitTimeSeconds = optionalInteger(input, "WaitTimeSeconds");
      const AttributeNames = stringList(input, "AttributeNames");
      const MessageSystemAttributeNames = stringList(input, "MessageSystemAttributeNames");
      const MessageAttributeNames = stringList(input, "MessageAttributeNames");
      const ReceiveRequestAttemptId = optionalString(input, "ReceiveRequestAttemptId");
      const messages = await queues.receiveMessage(name, {
        ...optional("MaxNumberOfMessages", MaxNumberOfMessages),
        ...optional("VisibilityTimeout", VisibilityTimeout),
        ...optional("WaitTimeSeconds", WaitTimeSeconds),
        ...optional("AttributeNames", AttributeNames),
        ...optional("MessageSystemAttributeNames", MessageSystemAttributeNames),
        ...optional("MessageAttributeNames", MessageAttributeNames),
        ...optional("ReceiveRequestAttemptId", ReceiveRequestAttemptId),
      });
      return messages.length === 0 ? {} : { Messages: messages.map(wireMessage) };
    },
    DeleteMessage: async (input) => {
      await queues.deleteMessage(nameOf(input), requiredString(input, "ReceiptHandle"));
      return {};
    },
    DeleteMessageBatch: async (input) => {
      const name = nameOf(input);
      const entries = entriesOf(input).map((entry) => ({
        ...optional("Id", optionalString(entry, "Id")),
        ReceiptHandle: requiredString(entry, "ReceiptHandle"),
      }));
      const result = await queues.deleteMessageBatch(name, entries);
      return { Successful: result.Successful, Failed: failures(result.Failed) };
    },
    ChangeMessageVisibility: async (input) => {
      await queues.changeMessageVisibility(
        nameOf(input),
        requiredString(input, "ReceiptHandle"),
        requiredInteger(input, "VisibilityTimeout"),
      );
      return {};
    },
    ChangeMessageVisibilityBatch: async (input) => {
      const name = nameOf(input);
      const entries = entriesOf(input).map((entry) => ({
        ...optional("Id", optionalString(entry, "Id")),
        ReceiptHandle: requiredString(entry, "ReceiptHandle"),
        VisibilityTimeout: requiredInteger(entry, "VisibilityTimeout"),
      }));
      const result = await queues.changeMessageVisibilityBatch(name, entries);
      return { Successful: result.Successful, Failed: failures(result.Failed) };
    },
    PurgeQueue: async (input) => {
      await queues.purgeQueue(nameOf(input));
      return {};
    },
    ListDeadLetterSourceQueues: async (input, request) => {
      const name = nameOf(input);
      const maxResults = optionalInteger(input, "MaxResults");
      checkMaxResults(maxResults, LIST_MAX_RESULTS);
      const listed = page(
        await queues.listDeadLetterSourceQueues(name),
        maxResults,
        optionalString(input, "NextToken"),
      );
      // The JSON model names this member in lower camel case, unlike ListQueues' QueueUrls.
      return {
        queueUrls: listed.names.map((source) => queueUrlFor(request, place, source)),
        ...optional("NextToken", listed.nextToken),
      };
    },
    StartMessageMoveTask: async (input) => {
      const DestinationArn = optionalString(input, "DestinationArn");
      const MaxNumberOfMessagesPerSecond = optionalInteger(input, "MaxNumberOfMessagesPerSecond");
      const TaskHandle = await queues.startMessageMoveTask({
        SourceArn: requiredString(input, "SourceArn"),
        ...optional("DestinationArn", DestinationArn),
        ...optional("MaxNumberOfMessagesPerSecond", MaxNumberOfMessagesPerSecond),
      });
      return { TaskHandle };
    },
    ListMessageMoveTasks: async (input) => {
      const maxResults = optionalInteger(input, "MaxResults");
      checkMaxResults(maxResults, MOVE_TASK_MAX_RESULTS);
      return { Results: queues.listMessageMoveTasks(requiredString(input, "SourceArn"), maxResults) };
    },
    CancelMessageMoveTask: async (input) => ({
      ApproximateNumberOfMessagesMoved: queues.cancelMessageMoveTask(requiredString(input, "TaskHandle")),
    }),
    TagQueue: async (input) => {
      await queues.tagQueue(nameOf(input), stringMap(input, "Tags") ?? {});
      return {};
    },
    UntagQueue: async (input) => {
      await queues.untagQueue(nameOf(input), stringList(input, "TagKeys") ?? []);
      return {};
    },
    ListQueueTags: async (input) => {
      const Tags = await queues.listQueueTags(nameOf(input));
      return Object.keys(Tags).length === 0 ? {} : { Tags };
    },
  };
}
