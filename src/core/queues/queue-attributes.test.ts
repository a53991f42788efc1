import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import { QUEUE_DEFAULTS, READ_ONLY_QUEUE_ATTRIBUTE_NAMES } from "./queue-attribute-limits.js";
import { queueAttributesToRecord } from "./queue-attribute-record.js";
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

describe("defaults", () => {
  test("a standard queue created without attributes has SQS's defaults, message size 1 MiB, SSE-SQS on", () => {
    expect(queueAttributesToRecord(create({}))).toEqual({
      VisibilityTimeout: "30",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
      SqsManagedSseEnabled: "true",
    });
    expect(create({})).toEqual({
      fifo: false,
      visibilityTimeoutSeconds: 30,
      messageRetentionPeriodSeconds: 345_600,
      delaySeconds: 0,
      maximumMessageSizeBytes: 1_048_576,
      receiveMessageWaitTimeSeconds: 0,
      encryption: { type: "sqsManaged" },
      kmsDataKeyReusePeriodSeconds: 300,
    });
  });

  test("a FIFO queue adds FifoQueue, ContentBasedDeduplication false, scope queue and limit perQueue", () => {
    expect(queueAttributesToRecord(createFifo())).toEqual({
      VisibilityTimeout: "30",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      DelaySeconds: "0",
      ReceiveMessageWaitTimeSeconds: "0",
      FifoQueue: "true",
      ContentBasedDeduplication: "false",
      DeduplicationScope: "queue",
      FifoThroughputLimit: "perQueue",
      SqsManagedSseEnabled: "true",
    });
  });

  test("QUEUE_DEFAULTS cannot be changed", () => {
    expect(Object.isFrozen(QUEUE_DEFAULTS)).toBe(true);
  });

  test("resolved attributes cannot be changed", () => {
    expect(Object.isFrozen(create({}))).toBe(true);
  });
});

const INTEGER_ATTRIBUTES = [
  { attribute: "VisibilityTimeout", field: "visibilityTimeoutSeconds", min: 0, max: 43_200 },
  { attribute: "MessageRetentionPeriod", field: "messageRetentionPeriodSeconds", min: 60, max: 1_209_600 },
  { attribute: "DelaySeconds", field: "delaySeconds", min: 0, max: 900 },
  { attribute: "MaximumMessageSize", field: "maximumMessageSizeBytes", min: 1_024, max: 1_048_576 },
  { attribute: "ReceiveMessageWaitTimeSeconds", field: "receiveMessageWaitTimeSeconds", min: 0, max: 20 },
  { attribute: "KmsDataKeyReusePeriodSeconds", field: "kmsDataKeyReusePeriodSeconds", min: 60, max: 86_400 },
] as const;

describe.each(INTEGER_ATTRIBUTES)("$attribute ($min to $max)", ({ attribute, field, min, max }) => {
  test("both ends of the range are accepted by CreateQueue and SetQueueAttributes", () => {
    for (const value of [min, max]) {
      expect(create({ [attribute]: String(value) })[field]).toBe(value);
      expect(applyQueueAttributes(create({}), { [attribute]: String(value) })[field]).toBe(value);
    }
  });

  test.each([
    ["one below the range", String(min - 1)],
    ["one above the range", String(max + 1)],
    ["empty", ""],
    ["padded with a space", ` ${String(min)}`],
    ["a decimal", `${String(min)}.5`],
    ["in exponent notation", "1e3"],
    ["a word", "true"],
    ["beyond a safe integer", "99999999999999999999"],
  ])("a value %s is refused with InvalidAttributeValue", (_case, value) => {
    const message = `Invalid value for the parameter ${attribute}.`;
    for (const action of [
      () => create({ [attribute]: value }),
      () => applyQueueAttributes(create({}), { [attribute]: value }),
    ]) {
      const error = refusal(action);
      expect(error.code).toBe("InvalidAttributeValue");
      expect(error.message).toBe(message);
    }
  });
});

describe("queue kind: FifoQueue and the name", () => {
  test("FifoQueue true with a .fifo name makes a FIFO queue, in any letter case", () => {
    expect(createFifo().fifo).toBe(true);
    expect(create({ FifoQueue: "TRUE" }, "orders.fifo").fifo).toBe(true);
  });

  test("FifoQueue true with a name lacking .fifo is refused with the FIFO name message", () => {
    const error = refusal(() => create({ FifoQueue: "true" }, "orders"));
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toMatch(/^The name of a FIFO queue can only include/);
  });

  test("a .fifo name without FifoQueue is refused as a standard queue name", () => {
    const error = refusal(() => create({}, "orders.fifo"));
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
    );
  });

  test.each([
    ["a standard name", "orders"],
    ["a .fifo name", "orders.fifo"],
  ])("FifoQueue false with %s is an unknown attribute", (_case, name) => {
    const error = refusal(() => create({ FifoQueue: "false" }, name));
    expect(error.code).toBe("InvalidAttributeName");
    expect(error.message).toBe("Unknown Attribute FifoQueue.");
  });

  test("SetQueueAttributes FifoQueue true on a FIFO queue changes nothing", () => {
    const fifo = createFifo();
    expect(applyQueueAttributes(fifo, { FifoQueue: "true" })).toEqual(fifo);
  });

  test("SetQueueAttributes FifoQueue false on a FIFO queue is an invalid value", () => {
    const error = refusal(() => applyQueueAttributes(createFifo(), { FifoQueue: "false" }));
    expect(error.code).toBe("InvalidAttributeValue");
    expect(error.message).toBe("Invalid value for the parameter FifoQueue.");
  });

  test("SetQueueAttributes FifoQueue on a standard queue is an unknown attribute", () => {
    const error = refusal(() => applyQueueAttributes(create({}), { FifoQueue: "true" }));
    expect(error.code).toBe("InvalidAttributeName");
    expect(error.message).toBe("Unknown Attribute FifoQueue.");
  });
});

describe("FIFO-only attributes on a standard queue", () => {
  test.each([
    ["ContentBasedDeduplication", "true", "Unknown Attribute ContentBasedDeduplication."],
    [
      "DeduplicationScope",
      "messageGroup",
      "You can specify the DeduplicationScope only when FifoQueue is set to true.",
    ],
    [
      "FifoThroughputLimit",
      "perQueue",
      "You can specify the FifoThroughputLimit only when FifoQueue is set to true.",
    ],
  ])(
    "%s is refused with InvalidAttributeName by CreateQueue and SetQueueAttributes",
    (attribute, value, message) => {
      for (const action of [
        () => create({ [attribute]: value }),
        () => applyQueueAttributes(create({}), { [attribute]: value }),
      ]) {
        const error = refusal(action);
        expect(error.code).toBe("InvalidAttributeName");
        expect(error.message).toBe(message);
      }
    },
  );
});

describe("FIFO settings", () => {
  test("ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit are kept", () => {
    const fifo = createFifo({
      ContentBasedDeduplication: "true",
      DeduplicationScope: "messageGroup",
      FifoThroughputLimit: "perMessageGroupId",
    });
    expect(fifo).toMatchObject({
      contentBasedDeduplication: true,
      deduplicationScope: "messageGroup",
      fifoThroughputLimit: "perMessageGroupId",
    });
  });

  test("booleans are read in any letter case, as FifoQueue is", () => {
    expect(createFifo({ ContentBasedDeduplication: "TRUE" })).toMatchObject({
      contentBasedDeduplication: true,
    });
    expect(create({ SqsManagedSseEnabled: "False" }).encryption).toEqual({ type: "none" });
  });

  test("ContentBasedDeduplication can be switched off later", () => {
    const fifo = applyQueueAttributes(createFifo({ ContentBasedDeduplication: "true" }), {
      ContentBasedDeduplication: "false",
    });
    expect(fifo.fifo && fifo.contentBasedDeduplication).toBe(false);
  });

  test.each([
    ["ContentBasedDeduplication", "yes"],
    ["DeduplicationScope", "group"],
    ["DeduplicationScope", "MessageGroup"],
    ["FifoThroughputLimit", "perGroup"],
  ])("%s %s is refused with InvalidAttributeValue", (attribute, value) => {
    const error = refusal(() => createFifo({ [attribute]: value }));
    expect(error.code).toBe("InvalidAttributeValue");
    expect(error.message).toBe(`Invalid value for the parameter ${attribute}.`);
  });

  const PER_GROUP_MESSAGE =
    "Invalid value for the parameter FifoThroughputLimit. Reason: To set FifoThroughputLimit to perMessageGroupId, " +
    "the DeduplicationScope must be messageGroup.";

  test("perMessageGroupId with the queue deduplication scope is refused", () => {
    const error = refusal(() => createFifo({ FifoThroughputLimit: "perMessageGroupId" }));
    expect(error.code).toBe("InvalidAttributeValue");
    expect(error.message).toBe(PER_GROUP_MESSAGE);
  });

  test("messageGroup scope with perQueue throughput is allowed", () => {
    expect(createFifo({ DeduplicationScope: "messageGroup" })).toMatchObject({
      fifoThroughputLimit: "perQueue",
    });
  });

  test("SetQueueAttributes checks the pair as it will be after the change", () => {
    const highThroughput = applyQueueAttributes(createFifo(), {
      FifoThroughputLimit: "perMessageGroupId",
      DeduplicationScope: "messageGroup",
    });
    expect(highThroughput).toMatchObject({ fifoThroughputLimit: "perMessageGroupId" });
    expect(refusal(() => applyQueueAttributes(highThroughput, { DeduplicationScope: "queue" })).message).toBe(
      PER_GROUP_MESSAGE,
    );
    expect(
      refusal(() => applyQueueAttributes(createFifo(), { FifoThroughputLimit: "perMessageGroupId" })).message,
    ).toBe(PER_GROUP_MESSAGE);
  });
});

describe("attribute names SQS does not take", () => {
  test.each(["Foo", "visibilitytimeout", "All", ...READ_ONLY_QUEUE_ATTRIBUTE_NAMES])(
    "%s is an unknown attribute for CreateQueue and SetQueueAttributes",
    (attribute) => {
      for (const action of [
        () => create({ [attribute]: "1" }),
        () => applyQueueAttributes(create({}), { [attribute]: "1" }),
      ]) {
        const error = refusal(action);
        expect(error.code).toBe("InvalidAttributeName");
        expect(error.message).toBe(`Unknown Attribute ${attribute}.`);
      }
    },
  );
});

describe("SetQueueAttributes", () => {
  test("changes only the attributes it names", () => {
    const current = create({ VisibilityTimeout: "45", DelaySeconds: "10" });
    const next = applyQueueAttributes(current, { DelaySeconds: "20" });
    expect(next).toMatchObject({ visibilityTimeoutSeconds: 45, delaySeconds: 20 });
  });

  test("a refused change leaves the queue's attributes as they were", () => {
    const current = create({ VisibilityTimeout: "45" });
    expect(() => applyQueueAttributes(current, { VisibilityTimeout: "60", DelaySeconds: "901" })).toThrow(
      QueueRequestError,
    );
    expect(current.visibilityTimeoutSeconds).toBe(45);
  });
});

describe("Policy", () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*" }],
  });

  test("is stored as the JSON text it was given, and an empty value removes it", () => {
    const withPolicy = create({ Policy: policy });
    expect(queueAttributesToRecord(withPolicy).Policy).toBe(policy);
    expect(queueAttributesToRecord(applyQueueAttributes(withPolicy, { Policy: "" })).Policy).toBeUndefined();
  });

  test.each(["badjson", "[]", '"string"', "533", "null"])(
    "%s is refused with InvalidAttributeValue",
    (value) => {
      const error = refusal(() => create({ Policy: value }));
      expect(error.code).toBe("InvalidAttributeValue");
      expect(error.message).toBe("Invalid value for the parameter Policy.");
    },
  );
});
