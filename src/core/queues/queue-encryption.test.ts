import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
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

function record(attributes: Record<string, string>, name = "orders"): Record<string, string> {
  return queueAttributesToRecord(create(attributes, name));
}

describe("server-side encryption", () => {
  const BOTH_MESSAGE =
    "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.";

  test("a KMS key turns SSE-SQS off and shows the default data key reuse period", () => {
    expect(record({ KmsMasterKeyId: "alias/aws/sqs" })).toMatchObject({
      KmsMasterKeyId: "alias/aws/sqs",
      KmsDataKeyReusePeriodSeconds: "300",
      SqsManagedSseEnabled: "false",
    });
  });

  test("SetQueueAttributes with a KMS key, reuse period and SSE-SQS off answers them back", () => {
    const next = queueAttributesToRecord(
      applyQueueAttributes(create({}), {
        KmsMasterKeyId: "testKeyId",
        KmsDataKeyReusePeriodSeconds: "6000",
        SqsManagedSseEnabled: "false",
      }),
    );
    expect(next).toMatchObject({
      KmsMasterKeyId: "testKeyId",
      KmsDataKeyReusePeriodSeconds: "6000",
      SqsManagedSseEnabled: "false",
    });
  });

  test("asking for KMS and SSE-SQS at once is refused with InvalidAttributeName", () => {
    const both = { KmsMasterKeyId: "testKeyId", SqsManagedSseEnabled: "true" };
    for (const action of [() => create(both), () => applyQueueAttributes(create({}), both)]) {
      const error = refusal(action);
      expect(error.code).toBe("InvalidAttributeName");
      expect(error.message).toBe(BOTH_MESSAGE);
    }
  });

  test("SSE-SQS can be switched off, and an empty KMS key removes KMS encryption", () => {
    expect(record({ SqsManagedSseEnabled: "false" })).toMatchObject({ SqsManagedSseEnabled: "false" });
    const kms = create({ KmsMasterKeyId: "key" });
    const cleared = queueAttributesToRecord(applyQueueAttributes(kms, { KmsMasterKeyId: "" }));
    expect(cleared.KmsMasterKeyId).toBeUndefined();
    expect(cleared.SqsManagedSseEnabled).toBe("false");
  });

  test("turning SSE-SQS on replaces a KMS key", () => {
    const next = applyQueueAttributes(create({ KmsMasterKeyId: "key" }), { SqsManagedSseEnabled: "true" });
    expect(next.encryption).toEqual({ type: "sqsManaged" });
  });

  test("SqsManagedSseEnabled other than true or false is refused with InvalidAttributeValue", () => {
    const error = refusal(() => create({ SqsManagedSseEnabled: "yes" }));
    expect(error.code).toBe("InvalidAttributeValue");
    expect(error.message).toBe("Invalid value for the parameter SqsManagedSseEnabled.");
  });
});
