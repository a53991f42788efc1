import { describe, expect, test } from "vitest";
import type { ReceivedMessage } from "../queues/receive-messages.js";
import { toSqsRecord } from "./sqs-event.js";

const SOURCE = { queueArn: "arn:aws:sqs:us-east-1:000000000000:orders-dlq", region: "us-east-1" };

describe("an SQS record", () => {
  test("orders the system attributes as Lambda's records show them, whatever order they came in", () => {
    const message: ReceivedMessage = {
      MessageId: "m-1",
      ReceiptHandle: "handle",
      MD5OfBody: "body-digest",
      Body: "b",
      Attributes: {
        ApproximateFirstReceiveTimestamp: "3",
        SenderId: "AIDA",
        SentTimestamp: "1",
        AWSTraceHeader: "Root=1-x",
        ApproximateReceiveCount: "4",
        DeadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:orders",
      },
    };
    expect(Object.keys(toSqsRecord(message, SOURCE).attributes)).toEqual([
      "DeadLetterQueueSourceArn",
      "ApproximateReceiveCount",
      "AWSTraceHeader",
      "SentTimestamp",
      "SenderId",
      "ApproximateFirstReceiveTimestamp",
    ]);
  });

  test("carries binary attributes in base64 and the digest of the attributes", () => {
    const record = toSqsRecord(
      {
        MessageId: "m-2",
        ReceiptHandle: "handle",
        MD5OfBody: "body-digest",
        Body: "b",
        Attributes: {},
        MD5OfMessageAttributes: "attributes-digest",
        MessageAttributes: { raw: { DataType: "Binary.gzip", BinaryValue: new Uint8Array([0, 255, 16]) } },
      },
      SOURCE,
    );
    expect(record.messageAttributes).toEqual({
      raw: { binaryValue: "AP8Q", stringListValues: [], binaryListValues: [], dataType: "Binary.gzip" },
    });
    expect(record.md5OfMessageAttributes).toBe("attributes-digest");
    expect(record.eventSourceARN).toBe(SOURCE.queueArn);
  });
});
