import { describe, expect, test } from "vitest";
import { queueAttributesFromRecord, queueAttributesToRecord } from "./queue-attribute-record.js";
import { type ResolvedQueueAttributes, resolveQueueAttributes } from "./queue-attributes.js";

function create(attributes: Record<string, string>, name = "orders"): ResolvedQueueAttributes {
  return resolveQueueAttributes({ name, attributes });
}

function createFifo(attributes: Record<string, string> = {}): ResolvedQueueAttributes {
  return resolveQueueAttributes({ name: "orders.fifo", attributes: { FifoQueue: "true", ...attributes } });
}

function record(attributes: Record<string, string>, name = "orders"): Record<string, string> {
  return queueAttributesToRecord(create(attributes, name));
}

describe("the stored attribute map", () => {
  const arn = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";

  test.each([
    ["a standard queue with defaults", create({})],
    [
      "a standard queue with every attribute",
      create({
        VisibilityTimeout: "45",
        MessageRetentionPeriod: "60",
        DelaySeconds: "900",
        MaximumMessageSize: "1024",
        ReceiveMessageWaitTimeSeconds: "20",
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: "3" }),
        RedriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arn] }),
        Policy: '{"Version":"2012-10-17","Statement":[]}',
        KmsMasterKeyId: "alias/aws/sqs",
        KmsDataKeyReusePeriodSeconds: "600",
      }),
    ],
    [
      "a queue without encryption but a reuse period",
      create({ SqsManagedSseEnabled: "false", KmsDataKeyReusePeriodSeconds: "900" }),
    ],
    [
      "a high-throughput FIFO queue",
      createFifo({
        ContentBasedDeduplication: "true",
        DeduplicationScope: "messageGroup",
        FifoThroughputLimit: "perMessageGroupId",
      }),
    ],
  ])("reads back as the same attributes: %s", (_case, attributes) => {
    const name = attributes.fifo ? "orders.fifo" : "orders";
    expect(queueAttributesFromRecord(name, queueAttributesToRecord(attributes))).toEqual(attributes);
  });

  test("numbers are spelled canonically", () => {
    expect(record({ VisibilityTimeout: "045" }).VisibilityTimeout).toBe("45");
  });
});
