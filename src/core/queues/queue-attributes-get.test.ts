import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import { QUEUE_ATTRIBUTE_NAMES } from "./queue-attribute-limits.js";
import { resolveQueueAttributes } from "./queue-attributes.js";
import { type QueueComputedAttributes, queueAttributesForGet } from "./queue-attributes-get.js";

const standard = resolveQueueAttributes({ name: "orders" });
const fifo = resolveQueueAttributes({ name: "orders.fifo", attributes: { FifoQueue: "true" } });

const computed: QueueComputedAttributes = {
  queueArn: "arn:aws:sqs:us-east-1:000000000000:orders",
  approximateNumberOfMessages: 3,
  approximateNumberOfMessagesNotVisible: 2,
  approximateNumberOfMessagesDelayed: 1,
  createdAtMs: 1_700_000_000_999,
  lastModifiedAtMs: 1_700_000_123_456,
};

const refusal = (action: () => unknown): QueueRequestError => thrownBy(action, QueueRequestError);

describe("GetQueueAttributes", () => {
  test('"All" answers every attribute a standard queue has, computed ones first, timestamps in seconds', () => {
    const answer = queueAttributesForGet(standard, ["All"], computed);
    expect(answer).toEqual({
      QueueArn: "arn:aws:sqs:us-east-1:000000000000:orders",
      ApproximateNumberOfMessages: "3",
      ApproximateNumberOfMessagesNotVisible: "2",
      ApproximateNumberOfMessagesDelayed: "1",
      CreatedTimestamp: "1700000000",
      LastModifiedTimestamp: "1700000123",
      VisibilityTimeout: "30",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
      SqsManagedSseEnabled: "true",
    });
    expect(Object.keys(answer).slice(0, 6)).toEqual([
      "QueueArn",
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
      "ApproximateNumberOfMessagesDelayed",
      "CreatedTimestamp",
      "LastModifiedTimestamp",
    ]);
  });

  test('"All" on a FIFO queue includes the FIFO attributes', () => {
    expect(queueAttributesForGet(fifo, ["All"], computed)).toMatchObject({
      FifoQueue: "true",
      ContentBasedDeduplication: "false",
      DeduplicationScope: "queue",
      FifoThroughputLimit: "perQueue",
    });
  });

  test("named attributes answer just those, in the order asked", () => {
    const answer = queueAttributesForGet(standard, ["VisibilityTimeout", "QueueArn"], computed);
    expect(answer).toEqual({ VisibilityTimeout: "30", QueueArn: computed.queueArn });
    expect(Object.keys(answer)).toEqual(["VisibilityTimeout", "QueueArn"]);
  });

  test('"All" with other names still answers everything', () => {
    expect(Object.keys(queueAttributesForGet(standard, ["DelaySeconds", "All"], computed))).toHaveLength(12);
  });

  test("attributes the queue has no value for are left out", () => {
    expect(queueAttributesForGet(standard, ["RedrivePolicy", "Policy", "KmsMasterKeyId"], computed)).toEqual(
      {},
    );
  });

  test("no names, no attributes", () => {
    expect(queueAttributesForGet(standard, [], computed)).toEqual({});
  });

  test("every name SQS knows is accepted for a FIFO queue", () => {
    expect(() => queueAttributesForGet(fifo, [...QUEUE_ATTRIBUTE_NAMES], computed)).not.toThrow();
  });

  test.each(["Foobar", "visibilitytimeout", "all"])(
    "the unknown name %s is refused with InvalidAttributeName",
    (name) => {
      const error = refusal(() => queueAttributesForGet(standard, ["QueueArn", name], computed));
      expect(error.code).toBe("InvalidAttributeName");
      expect(error.message).toBe(`Unknown Attribute ${name}.`);
    },
  );

  test.each(["FifoQueue", "ContentBasedDeduplication"])("%s is unknown to a standard queue", (name) => {
    const error = refusal(() => queueAttributesForGet(standard, [name], computed));
    expect(error.code).toBe("InvalidAttributeName");
    expect(error.message).toBe(`Unknown Attribute ${name}.`);
  });
});
