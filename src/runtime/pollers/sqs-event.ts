import type { MessageAttributes } from "../../core/queues/index.js";
import type { ReceivedMessage } from "../queues/receive-messages.js";

/** One message attribute as a record carries it: exactly one value, and SQS's never-used list members, empty. */
export type SqsRecordMessageAttribute =
  | {
      readonly stringValue: string;
      readonly stringListValues: readonly [];
      readonly binaryListValues: readonly [];
      readonly dataType: string;
    }
  | {
      /** Base64. */
      readonly binaryValue: string;
      readonly stringListValues: readonly [];
      readonly binaryListValues: readonly [];
      readonly dataType: string;
    };

/** One message as Lambda passes it to a function (the `SQSRecord` of @types/aws-lambda). */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SqsRecordMessageAttribute>>;
  /** Null when the message has no attributes. */
  readonly md5OfMessageAttributes: string | null;
  readonly md5OfBody: string;
  readonly eventSource: "aws:sqs";
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** The event an SQS event source mapping invokes its function with. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** Where records come from. */
export interface RecordSource {
  readonly queueArn: string;
  readonly region: string;
}

/**
 * The system attributes Lambda passes, in the order its records show them (captured events: a redriven message
 * starts with DeadLetterQueueSourceArn; AWSTraceHeader follows ApproximateReceiveCount; a FIFO queue's SequenceNumber
 * and MessageGroupId follow SentTimestamp, its MessageDeduplicationId follows SenderId).
 */
const ATTRIBUTE_ORDER = [
  "DeadLetterQueueSourceArn",
  "ApproximateReceiveCount",
  "AWSTraceHeader",
  "SentTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "SenderId",
  "MessageDeduplicationId",
  "ApproximateFirstReceiveTimestamp",
] as const;

/**
 * A received message as a record of the event Lambda builds, member for member and in Lambda's order
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, and events Lambda delivered as recorded in
 * localstack/localstack's AWS-validated snapshots): message attributes as `{ stringValue | binaryValue (base64),
 * stringListValues: [], binaryListValues: [], dataType }`, `md5OfMessageAttributes` null for a message without
 * attributes. The message must have been received with every system and message attribute ("All").
 * @example
 * const record = toSqsRecord(message, { queueArn: "arn:aws:sqs:us-east-1:000000000000:orders", region: "us-east-1" });
 */
export function toSqsRecord(message: ReceivedMessage, source: RecordSource): SqsRecord {
  const received = message.Attributes ?? {};
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_ORDER) {
    const value = received[name];
    if (value !== undefined) attributes[name] = value;
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes,
    messageAttributes: recordMessageAttributes(message.MessageAttributes ?? {}),
    md5OfMessageAttributes: message.MD5OfMessageAttributes ?? null,
    md5OfBody: message.MD5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
}

function recordMessageAttributes(attributes: MessageAttributes): Record<string, SqsRecordMessageAttribute> {
  const result: Record<string, SqsRecordMessageAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    result[name] =
      value.BinaryValue === undefined
        ? {
            stringValue: value.StringValue,
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          }
        : {
            binaryValue: Buffer.from(value.BinaryValue).toString("base64"),
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          };
  }
  return result;
}

/** The bytes `{"Records":[…]}` adds around its records. */
export const EVENT_ENVELOPE_BYTES = Buffer.byteLength('{"Records":[]}');
