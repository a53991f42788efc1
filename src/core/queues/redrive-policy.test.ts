import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../errors.js";
import { queueAttributesToRecord } from "./queue-attribute-record.js";
import { applyQueueAttributes, resolveQueueAttributes } from "./queue-attributes.js";
import {
  allowsDeadLetterSource,
  DeadLetterTargetProblem,
  deadLetterSourceNotAllowedError,
  deadLetterTargetError,
  formatRedriveAllowPolicy,
  parseRedriveAllowPolicy,
  parseRedrivePolicy,
  parseSqsQueueArn,
} from "./redrive-policy.js";

const DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";

const refusal = (action: () => unknown): QueueRequestError => thrownBy(action, QueueRequestError);

function redriveRefusal(raw: string): QueueRequestError {
  return refusal(() => resolveQueueAttributes({ name: "orders", attributes: { RedrivePolicy: raw } }));
}

function invalidRedrive(raw: string, reason: string): string {
  return `Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`;
}

describe("RedrivePolicy", () => {
  test("is read from CreateQueue and answered back as compact JSON with a numeric maxReceiveCount", () => {
    const raw = `{ "maxReceiveCount": "5", "deadLetterTargetArn": "${DLQ_ARN}" }`;
    const attributes = resolveQueueAttributes({ name: "orders", attributes: { RedrivePolicy: raw } });
    expect(attributes.redrivePolicy).toEqual({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 });
    expect(queueAttributesToRecord(attributes).RedrivePolicy).toBe(
      `{"deadLetterTargetArn":"${DLQ_ARN}","maxReceiveCount":5}`,
    );
  });

  test("maxReceiveCount 1 and 1000 are accepted, as numbers or strings", () => {
    for (const count of [1, 1000, "1", "1000"]) {
      expect(
        parseRedrivePolicy(JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: count })),
      ).toEqual({
        deadLetterTargetArn: DLQ_ARN,
        maxReceiveCount: Number(count),
      });
    }
  });

  test.each([
    [0, "0"],
    [1001, "1001"],
    ["0", "0"],
    ["1001", "1001"],
    [-36, "-36"],
    [1.5, "1.5"],
    ["abc", "abc"],
    [true, "true"],
    [null, "null"],
  ])("maxReceiveCount %j is refused with InvalidParameterValue naming it", (count, shown) => {
    const raw = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: count });
    const error = redriveRefusal(raw);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      invalidRedrive(
        raw,
        `Invalid value for maxReceiveCount: ${shown}, valid values are from 1 to 1000 both inclusive.`,
      ),
    );
  });

  test.each(["not json", " ", "4", "[]", '"text"', "null"])(
    "%j, not a JSON object, is refused with InvalidAttributeValue",
    (raw) => {
      const error = redriveRefusal(raw);
      expect(error.code).toBe("InvalidAttributeValue");
      expect(error.message).toBe(
        "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.",
      );
    },
  );

  test("a missing maxReceiveCount is reported first, then a missing deadLetterTargetArn", () => {
    const empty = redriveRefusal("{}");
    expect(empty.code).toBe("InvalidParameterValue");
    expect(empty.message).toBe(
      invalidRedrive("{}", "Redrive policy does not contain mandatory attribute: maxReceiveCount."),
    );
    const raw = '{"maxReceiveCount":5}';
    expect(redriveRefusal(raw).message).toBe(
      invalidRedrive(raw, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn."),
    );
  });

  test.each([
    "dummy",
    "",
    "arn:aws:sqs:us-east-1:123456789012",
    "arn:aws:sqs:us-east-1:123456789012:",
    "urn:aws:sqs:us-east-1:123456789012:dlq",
  ])("deadLetterTargetArn %j that is not an ARN is refused", (arn) => {
    const raw = JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 42 });
    const error = redriveRefusal(raw);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(invalidRedrive(raw, "Invalid value for deadLetterTargetArn."));
  });

  test("the raw value is quoted exactly as the request gave it", () => {
    const raw = '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}';
    expect(redriveRefusal(raw).message).toBe(
      'Value {"deadLetterTargetArn": "dummy", "maxReceiveCount": 42} for parameter RedrivePolicy is invalid. ' +
        "Reason: Invalid value for deadLetterTargetArn.",
    );
  });

  test("a deadLetterTargetArn of another service is refused", () => {
    const raw = JSON.stringify({
      deadLetterTargetArn: "arn:aws:sns:us-east-1:123456789012:topic",
      maxReceiveCount: 5,
    });
    expect(redriveRefusal(raw).message).toBe(
      invalidRedrive(raw, "Only SQS queues are valid resources for deadLetterTargetArn."),
    );
  });

  test("members other than the two are refused", () => {
    const raw = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5, dummyField: "x" });
    const error = redriveRefusal(raw);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      invalidRedrive(raw, "Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn]."),
    );
  });

  test("an empty value at creation means none, and SetQueueAttributes with an empty value removes it", () => {
    const raw = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 });
    expect(
      resolveQueueAttributes({ name: "q", attributes: { RedrivePolicy: "" } }).redrivePolicy,
    ).toBeUndefined();
    const withPolicy = resolveQueueAttributes({ name: "q", attributes: { RedrivePolicy: raw } });
    expect(withPolicy.redrivePolicy).toBeDefined();
    expect(applyQueueAttributes(withPolicy, { RedrivePolicy: "" }).redrivePolicy).toBeUndefined();
  });

  test("the store-dependent refusals carry SQS's wording", () => {
    const raw = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 });
    const missing = deadLetterTargetError(raw, DeadLetterTargetProblem.DoesNotExist);
    expect(missing.code).toBe("InvalidParameterValue");
    expect(missing.message).toBe(invalidRedrive(raw, "Dead letter target does not exist."));
    expect(deadLetterTargetError(raw, DeadLetterTargetProblem.NotSameQueueType).message).toBe(
      invalidRedrive(raw, "Dead-letter queue must be same type of queue as the source.."),
    );
  });
});

describe("a dead-letter queue's RedriveAllowPolicy", () => {
  const SOURCE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders";

  test.each([
    ["no policy (allowAll by default)", undefined, true],
    ["allowAll", { redrivePermission: "allowAll" } as const, true],
    ["denyAll", { redrivePermission: "denyAll" } as const, false],
    [
      "byQueue listing the source",
      { redrivePermission: "byQueue", sourceQueueArns: [SOURCE_ARN] } as const,
      true,
    ],
    ["byQueue listing others", { redrivePermission: "byQueue", sourceQueueArns: [DLQ_ARN] } as const, false],
  ])("%s: the source may name it — %s", (_case, policy, allowed) => {
    expect(allowsDeadLetterSource(policy, SOURCE_ARN)).toBe(allowed);
  });

  test("a refused source is InvalidParameterValue on the RedrivePolicy, naming both queues", () => {
    const raw = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 });
    const error = deadLetterSourceNotAllowedError(raw, DLQ_ARN, SOURCE_ARN);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      invalidRedrive(
        raw,
        `The RedriveAllowPolicy of ${DLQ_ARN} does not allow ${SOURCE_ARN} as a source queue.`,
      ),
    );
    expect(error.context).toMatchObject({ problem: DeadLetterTargetProblem.SourceNotAllowed });
  });
});

describe("RedriveAllowPolicy", () => {
  const UNSUPPORTED =
    "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't create the redrive allow policy, " +
    "as it’s in an unsupported format.";

  function allowRefusal(raw: string): QueueRequestError {
    return refusal(() => resolveQueueAttributes({ name: "dlq", attributes: { RedriveAllowPolicy: raw } }));
  }

  function cannotCreate(raw: string, reason: string): string {
    return `Value ${raw} for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. ${reason}`;
  }

  test("allowAll, denyAll and byQueue with 1 to 10 source queues are accepted and answered back", () => {
    const sources = Array.from(
      { length: 10 },
      (_, index) => `arn:aws:sqs:us-east-1:123456789012:q${String(index)}`,
    );
    for (const policy of [
      { redrivePermission: "allowAll" },
      { redrivePermission: "denyAll" },
      { redrivePermission: "byQueue", sourceQueueArns: sources.slice(0, 1) },
      { redrivePermission: "byQueue", sourceQueueArns: sources },
    ]) {
      const raw = JSON.stringify(policy);
      const attributes = resolveQueueAttributes({ name: "dlq", attributes: { RedriveAllowPolicy: raw } });
      expect(attributes.redriveAllowPolicy).toEqual(policy);
      expect(queueAttributesToRecord(attributes).RedriveAllowPolicy).toBe(raw);
    }
  });

  test.each([
    ["not JSON", "badjson"],
    ["a list", "[]"],
    ["without redrivePermission", "{}"],
    ["with an unknown permission", '{"redrivePermission":"dummy"}'],
    ["with an unknown member", '{"redrivePermission":"allowAll","dummy":"value"}'],
    ["with sourceQueueArns a string", '{"redrivePermission":"byQueue","sourceQueueArns":"arn:aws:sqs"}'],
    [
      "with sourceQueueArns not strings",
      '{"redrivePermission":"byQueue","sourceQueueArns":[{"dummy":"value"}]}',
    ],
  ])("%s is refused as an unsupported format", (_case, raw) => {
    const error = allowRefusal(raw);
    expect(error.code).toBe("InvalidAttributeValue");
    expect(error.message).toBe(UNSUPPORTED);
  });

  test.each(['{"redrivePermission":"byQueue"}', '{"redrivePermission":"byQueue","sourceQueueArns":[]}'])(
    "byQueue without source queues is refused: %s",
    (raw) => {
      const error = allowRefusal(raw);
      expect(error.code).toBe("InvalidParameterValue");
      expect(error.message).toBe(
        cannotCreate(
          raw,
          "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.",
        ),
      );
    },
  );

  test("more than 10 source queues are refused", () => {
    const sources = Array.from(
      { length: 11 },
      (_, index) => `arn:aws:sqs:us-east-1:123456789012:x${String(index)}`,
    );
    const raw = JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: sources });
    expect(allowRefusal(raw).message).toBe(
      cannotCreate(raw, "The maximum number of source queue ARNs you can specify is 10."),
    );
  });

  test.each(["allowAll", "denyAll"])("source queues with %s are refused", (permission) => {
    const raw = JSON.stringify({ redrivePermission: permission, sourceQueueArns: [DLQ_ARN] });
    const error = allowRefusal(raw);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(
      cannotCreate(
        raw,
        "To specify one or more source queue ARNs, you must set redrivePermission to byQueue.",
      ),
    );
  });

  test("parse and format are inverse for every permission", () => {
    for (const raw of [
      '{"redrivePermission":"denyAll"}',
      `{"redrivePermission":"byQueue","sourceQueueArns":["${DLQ_ARN}"]}`,
    ]) {
      expect(formatRedriveAllowPolicy(parseRedriveAllowPolicy(raw))).toBe(raw);
    }
  });
});

test("parseSqsQueueArn takes a queue ARN apart and refuses anything else", () => {
  expect(parseSqsQueueArn("arn:aws:sqs:eu-west-1:123456789012:orders.fifo")).toEqual({
    partition: "aws",
    region: "eu-west-1",
    accountId: "123456789012",
    queueName: "orders.fifo",
  });
  expect(parseSqsQueueArn("arn:aws-cn:sqs:cn-north-1:123456789012:q")?.partition).toBe("aws-cn");
  expect(parseSqsQueueArn("arn:aws:sns:us-east-1:123456789012:topic")).toBeUndefined();
  expect(parseSqsQueueArn("orders")).toBeUndefined();
});
