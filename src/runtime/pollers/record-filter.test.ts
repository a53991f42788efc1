import { describe, expect, test } from "vitest";
import { InvalidEventSourceMappingError } from "./mapping-errors.js";
import { compileRecordFilter } from "./record-filter.js";
import type { SqsRecord } from "./sqs-event.js";

function record(body: string, overrides: Partial<SqsRecord> = {}): SqsRecord {
  return {
    messageId: "m-1",
    receiptHandle: "handle",
    body,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1", SenderId: "000000000000" },
    messageAttributes: {
      tenant: { stringValue: "acme", stringListValues: [], binaryListValues: [], dataType: "String" },
    },
    md5OfMessageAttributes: "digest",
    md5OfBody: "digest",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:orders",
    awsRegion: "us-east-1",
    ...overrides,
  };
}

describe("a mapping's filter criteria", () => {
  test("without patterns every record passes", () => {
    expect(compileRecordFilter([])(record("anything"))).toBe(true);
  });

  // Lambda's table for SQS bodies (invocation-eventfiltering.html, "Properly filtering Amazon SQS messages").
  test.each([
    [
      "plain body, plain-string pattern: filtered on the body",
      "order-1",
      '{"body": [{"prefix": "order"}]}',
      true,
    ],
    ["plain body, plain-string pattern that fails", "refund-1", '{"body": [{"prefix": "order"}]}', false],
    ["plain body, JSON pattern: dropped", "order", '{"body": {"type": ["order"]}}', false],
    ["JSON body, plain-string pattern: dropped", '"order-1"', '{"body": [{"prefix": "order"}]}', false],
    [
      "JSON body, JSON pattern: filtered inside the body",
      '{"type":"order"}',
      '{"body": {"type": ["order"]}}',
      true,
    ],
    ["JSON body, JSON pattern that fails", '{"type":"refund"}', '{"body": {"type": ["order"]}}', false],
    ["JSON body, metadata pattern only", '{"type":"refund"}', '{"eventSource": ["aws:sqs"]}', true],
    ["plain body, metadata pattern only", "refund", '{"awsRegion": ["us-east-1"]}', true],
    ["a metadata pattern that fails", "x", '{"awsRegion": ["eu-west-1"]}', false],
    ["nested metadata", "x", '{"messageAttributes": {"tenant": {"stringValue": ["acme"]}}}', true],
    [
      "numeric matching inside a JSON body",
      '{"total": 250}',
      '{"body": {"total": [{"numeric": [">", 100]}]}}',
      true,
    ],
  ])("%s", (_, body, pattern, passes) => {
    expect(compileRecordFilter([pattern])(record(body))).toBe(passes);
  });

  test("patterns are ORed: any one passing is enough", () => {
    const passes = compileRecordFilter(['{"body": {"type": ["order"]}}', '{"body": [{"prefix": "hello"}]}']);
    expect(passes(record('{"type":"order"}'))).toBe(true);
    expect(passes(record("hello world"))).toBe(true);
    expect(passes(record('{"type":"refund"}'))).toBe(false);
    expect(passes(record("goodbye"))).toBe(false);
  });

  test.each(['{"body": "plain"}', '{"eventSource": []}', "not json", "[]", '{"body": {"type": "order"}}'])(
    "refuses %s as Lambda does: Invalid filter pattern definition.",
    (pattern) => {
      expect(() => compileRecordFilter([pattern])).toThrow(InvalidEventSourceMappingError);
      expect(() => compileRecordFilter([pattern])).toThrow("Invalid filter pattern definition.");
    },
  );
});
