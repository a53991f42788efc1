import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import { assertSameQueueAttributes, findDifferingQueueAttribute } from "./create-queue-conflict.js";
import {
  applyQueueAttributes,
  type ResolvedQueueAttributes,
  resolveQueueAttributes,
} from "./queue-attributes.js";

const refusal = (action: () => unknown): QueueRequestError => thrownBy(action, QueueRequestError);

function create(attributes: Record<string, string>, name = "orders"): ResolvedQueueAttributes {
  return resolveQueueAttributes({ name, attributes });
}

function createFifo(attributes: Record<string, string> = {}): ResolvedQueueAttributes {
  return resolveQueueAttributes({ name: "orders.fifo", attributes: { FifoQueue: "true", ...attributes } });
}

describe("CreateQueue for a queue that exists", () => {
  const existing = create({ ReceiveMessageWaitTimeSeconds: "1", DelaySeconds: "1" });

  test("without attributes, or with the same values for the ones named, it matches", () => {
    expect(findDifferingQueueAttribute(existing, { name: "orders" })).toBeUndefined();
    expect(
      findDifferingQueueAttribute(existing, { name: "orders", attributes: { DelaySeconds: "1" } }),
    ).toBeUndefined();
    expect(() =>
      assertSameQueueAttributes(existing, { name: "orders", attributes: { DelaySeconds: "1" } }),
    ).not.toThrow();
  });

  test("a different value is answered with QueueNameExists naming the attribute", () => {
    const input = { name: "orders", attributes: { ReceiveMessageWaitTimeSeconds: "1", DelaySeconds: "2" } };
    expect(findDifferingQueueAttribute(existing, input)).toBe("DelaySeconds");
    const error = refusal(() => assertSameQueueAttributes(existing, input));
    expect(error.code).toBe("QueueNameExists");
    expect(error.message).toBe(
      "A queue already exists with the same name and a different value for attribute DelaySeconds",
    );
  });

  test("the comparison is with the values SetQueueAttributes left", () => {
    const changed = applyQueueAttributes(existing, { DelaySeconds: "2" });
    expect(
      findDifferingQueueAttribute(changed, { name: "orders", attributes: { DelaySeconds: "2" } }),
    ).toBeUndefined();
    expect(findDifferingQueueAttribute(changed, { name: "orders", attributes: { DelaySeconds: "1" } })).toBe(
      "DelaySeconds",
    );
  });

  test("the first differing attribute in the request is named", () => {
    const input = { name: "orders", attributes: { VisibilityTimeout: "31", DelaySeconds: "2" } };
    expect(findDifferingQueueAttribute(existing, input)).toBe("VisibilityTimeout");
  });

  test("values are compared as SQS stores them", () => {
    const arn = "arn:aws:sqs:us-east-1:123456789012:dlq";
    const withRedrive = create({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 }),
    });
    const input = {
      name: "orders",
      attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: "5" }) },
    };
    expect(findDifferingQueueAttribute(withRedrive, input)).toBeUndefined();
    // A request naming only the reuse period is compared by its value, not by what a queue without KMS would show.
    const kms = create({ KmsMasterKeyId: "key" });
    expect(
      findDifferingQueueAttribute(kms, {
        name: "orders",
        attributes: { KmsDataKeyReusePeriodSeconds: "300" },
      }),
    ).toBeUndefined();
    expect(
      findDifferingQueueAttribute(kms, {
        name: "orders",
        attributes: { KmsDataKeyReusePeriodSeconds: "600" },
      }),
    ).toBe("KmsDataKeyReusePeriodSeconds");
  });

  test("a request SQS would refuse gets that error, not QueueNameExists", () => {
    const error = refusal(() =>
      assertSameQueueAttributes(existing, { name: "orders", attributes: { DelaySeconds: "901" } }),
    );
    expect(error.code).toBe("InvalidAttributeValue");
  });

  test("a FIFO queue asked again with FifoQueue true matches", () => {
    const fifo = createFifo({ ContentBasedDeduplication: "true" });
    const again = { name: "orders.fifo", attributes: { FifoQueue: "true" } };
    expect(findDifferingQueueAttribute(fifo, again)).toBeUndefined();
    expect(
      findDifferingQueueAttribute(fifo, {
        name: "orders.fifo",
        attributes: { FifoQueue: "true", ContentBasedDeduplication: "false" },
      }),
    ).toBe("ContentBasedDeduplication");
  });
});
