import { afterEach, describe, expect, test } from "vitest";
import {
  md5OfMessageAttributes,
  md5OfMessageBody,
  validateMessageAttributes,
} from "../../core/queues/index.js";
import {
  ACCOUNT,
  bodies,
  type Harness,
  openHarness,
  REGION,
  START_MS,
  STORES,
  until,
} from "./fixtures/poller-harness.js";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

describe.each(Object.keys(STORES))("an SQS event source mapping's batches on the %s store", (kind) => {
  function setup(): Harness {
    const harness = openHarness(kind);
    harnesses.push(harness);
    return harness;
  }

  test("invokes the function with the records Lambda builds, member for member and in Lambda's order", async () => {
    const harness = setup();
    const { sqs, clock } = harness;
    await sqs.createQueue({ QueueName: "shape" });
    const runner = harness.runner("shape-fn", () => null);
    const plain = await sqs.sendMessage("shape", { MessageBody: "plain" });
    clock.advance(5);
    const attributed = await sqs.sendMessage("shape", {
      MessageBody: '{"orderId":"o-1"}',
      MessageAttributes: {
        tenant: { DataType: "String", StringValue: "acme" },
        weight: { DataType: "Number", StringValue: "12.5" },
        blob: { DataType: "Binary", BinaryValue: Buffer.from("bytes!") },
      },
      MessageSystemAttributes: {
        AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc;Sampled=1" },
      },
    });
    clock.advance(7);
    await harness.mapping("shape", runner).start();
    await until(() => harness.reports.length === 1, "the invocation");

    const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:shape`;
    const [event] = harness.events.get("shape-fn") ?? [];
    const [first, second] = event?.Records ?? [];
    const receivedAt = String(START_MS + 12);
    expect(JSON.stringify(first)).toBe(
      JSON.stringify({
        messageId: plain.MessageId,
        receiptHandle: first?.receiptHandle,
        body: "plain",
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: String(START_MS),
          SenderId: ACCOUNT,
          ApproximateFirstReceiveTimestamp: receivedAt,
        },
        messageAttributes: {},
        md5OfMessageAttributes: null,
        md5OfBody: md5OfMessageBody("plain"),
        eventSource: "aws:sqs",
        eventSourceARN: arn,
        awsRegion: REGION,
      }),
    );
    const attributes = validateMessageAttributes({
      tenant: { DataType: "String", StringValue: "acme" },
      weight: { DataType: "Number", StringValue: "12.5" },
      blob: { DataType: "Binary", BinaryValue: Buffer.from("bytes!") },
    });
    expect(JSON.stringify(second)).toBe(
      JSON.stringify({
        messageId: attributed.MessageId,
        receiptHandle: second?.receiptHandle,
        body: '{"orderId":"o-1"}',
        attributes: {
          ApproximateReceiveCount: "1",
          AWSTraceHeader: "Root=1-abc;Sampled=1",
          SentTimestamp: String(START_MS + 5),
          SenderId: ACCOUNT,
          ApproximateFirstReceiveTimestamp: receivedAt,
        },
        messageAttributes: {
          tenant: { stringValue: "acme", stringListValues: [], binaryListValues: [], dataType: "String" },
          weight: { stringValue: "12.5", stringListValues: [], binaryListValues: [], dataType: "Number" },
          blob: {
            binaryValue: Buffer.from("bytes!").toString("base64"),
            stringListValues: [],
            binaryListValues: [],
            dataType: "Binary",
          },
        },
        md5OfMessageAttributes: md5OfMessageAttributes(attributes),
        md5OfBody: md5OfMessageBody('{"orderId":"o-1"}'),
        eventSource: "aws:sqs",
        eventSourceARN: arn,
        awsRegion: REGION,
      }),
    );
    expect(first?.receiptHandle).toMatch(/\S/);
  });

  test("a FIFO queue's records carry SequenceNumber, MessageGroupId and MessageDeduplicationId where Lambda puts them", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "shape.fifo", Attributes: { FifoQueue: "true" } });
    const runner = harness.runner("fifo-shape-fn", () => null);
    const sent = await sqs.sendMessage("shape.fifo", {
      MessageBody: "first",
      MessageGroupId: "g-1",
      MessageDeduplicationId: "d-1",
    });
    await harness.mapping("shape.fifo", runner).start();
    await until(() => harness.reports.length === 1, "the invocation");
    const record = harness.events.get("fifo-shape-fn")?.[0]?.Records[0];
    expect(Object.keys(record?.attributes ?? {})).toEqual([
      "ApproximateReceiveCount",
      "SentTimestamp",
      "SequenceNumber",
      "MessageGroupId",
      "SenderId",
      "MessageDeduplicationId",
      "ApproximateFirstReceiveTimestamp",
    ]);
    expect(record?.attributes).toMatchObject({
      SequenceNumber: sent.SequenceNumber,
      MessageGroupId: "g-1",
      MessageDeduplicationId: "d-1",
    });
    expect(record?.eventSourceARN).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:shape.fifo`);
  });

  test("a batch of 10 that succeeds is deleted, in one invocation", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "ten" });
    await sqs.sendMessageBatch(
      "ten",
      Array.from({ length: 10 }, (_, index) => ({ Id: `e${index}`, MessageBody: `m${index}` })),
    );
    const runner = harness.runner("ten-fn", () => ({ ignored: true }));
    const mapping = harness.mapping("ten", runner);
    await mapping.start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("ten");
    expect(bodies(harness.events.get("ten-fn")?.[0])).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(harness.reports[0]).toMatchObject({ records: 10, deleted: 10, outcome: { kind: "succeeded" } });
    expect(await harness.counts("ten")).toEqual({ visible: 0, inFlight: 0 });
    expect(mapping.stats).toMatchObject({ invocations: 1, recordsInvoked: 10, recordsDeleted: 10 });
  });

  test("a failed invocation deletes nothing: the batch returns when its visibility timeout ends, then goes to the DLQ", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "failing-dlq" });
    await sqs.createQueue({
      QueueName: "failing",
      Attributes: {
        VisibilityTimeout: "30",
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:failing-dlq`,
          maxReceiveCount: 2,
        }),
      },
    });
    await sqs.sendMessage("failing", { MessageBody: "a" });
    await sqs.sendMessage("failing", { MessageBody: "b" });
    const runner = harness.runner("failing-fn", () => {
      throw new Error("boom");
    });
    await harness.mapping("failing", runner).start();
    await until(() => harness.reports.length === 1, "the first invocation");
    await harness.idle("failing");
    expect(harness.reports[0]?.outcome).toMatchObject({ kind: "failed", reason: "FunctionError" });
    expect(harness.reports[0]?.deleted).toBe(0);
    expect(await harness.counts("failing")).toEqual({ visible: 0, inFlight: 2 });

    // Lambda changes no visibility on failure: nothing comes back before the queue's 30 seconds.
    await harness.advance(29_999);
    expect(harness.reports).toHaveLength(1);
    await harness.advance(1);
    await until(() => harness.reports.length === 2, "the retry");
    await harness.idle("failing");
    const retried = harness.events.get("failing-fn")?.[1];
    expect(bodies(retried)).toEqual(["a", "b"]);
    expect(retried?.Records.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["2", "2"]);

    // The third receive exceeds maxReceiveCount 2: SQS moves both to the dead-letter queue, the function sees none.
    await harness.advance(30_000);
    await harness.idle("failing");
    expect(harness.reports).toHaveLength(2);
    expect(await harness.counts("failing")).toEqual({ visible: 0, inFlight: 0 });
    expect(await harness.counts("failing-dlq")).toEqual({ visible: 2, inFlight: 0 });
  });

  test("a timed-out invocation fails its batch like an error", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "slow", Attributes: { VisibilityTimeout: "60" } });
    await sqs.sendMessage("slow", { MessageBody: "x" });
    const runner = harness.runner("slow-fn", () => new Promise(() => {}), { timeoutSeconds: 2 });
    await harness.mapping("slow", runner).start();
    await until(() => harness.events.get("slow-fn")?.length === 1, "the invocation");
    await harness.advance(2_000);
    await until(() => harness.reports.length === 1, "the timeout");
    expect(harness.reports[0]?.outcome).toMatchObject({ kind: "failed", reason: "FunctionError" });
    expect(harness.reports[0]?.result).toMatchObject({ ok: false, timedOut: true });
    expect(await harness.counts("slow")).toEqual({ visible: 0, inFlight: 1 });
  });

  test("with ReportBatchItemFailures only the listed records return; the others are deleted", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "partial", Attributes: { VisibilityTimeout: "30" } });
    for (const body of ["ok-1", "bad-2", "ok-3", "bad-4", "ok-5"])
      await sqs.sendMessage("partial", { MessageBody: body });
    let attempt = 0;
    const runner = harness.runner("partial-fn", (event) => {
      attempt++;
      const failed = attempt === 1 ? event.Records.filter((record) => record.body.startsWith("bad")) : [];
      return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    await harness.mapping("partial", runner, { reportBatchItemFailures: true }).start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("partial");
    expect(harness.reports[0]).toMatchObject({ records: 5, deleted: 3, outcome: { kind: "partial" } });
    expect(await harness.counts("partial")).toEqual({ visible: 0, inFlight: 2 });

    await harness.advance(30_000);
    await until(() => harness.reports.length === 2, "the retry of the failed records");
    await harness.idle("partial");
    expect(bodies(harness.events.get("partial-fn")?.[1])).toEqual(["bad-2", "bad-4"]);
    expect(await harness.counts("partial")).toEqual({ visible: 0, inFlight: 0 });
  });

  test("without ReportBatchItemFailures a response listing failures is ignored: everything is deleted", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "ignored" });
    await sqs.sendMessage("ignored", { MessageBody: "a" });
    const runner = harness.runner("ignored-fn", (event) => ({
      batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
    }));
    await harness.mapping("ignored", runner).start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("ignored");
    expect(await harness.counts("ignored")).toEqual({ visible: 0, inFlight: 0 });
  });

  const malformed: [string, (ids: string[]) => unknown][] = [
    ["a string", () => "done"],
    ["a number", () => 42],
    ["a list", (ids) => ids],
    ["batchItemFailures not a list", () => ({ batchItemFailures: "all" })],
    ["an entry that is not an object", (ids) => ({ batchItemFailures: [ids[0]] })],
    ["an itemIdentifier with a bad key name", () => ({ batchItemFailures: [{ foo: "notvalid" }] })],
    ["a null itemIdentifier", () => ({ batchItemFailures: [{ itemIdentifier: null }] })],
    ["an empty itemIdentifier", () => ({ batchItemFailures: [{ itemIdentifier: "" }] })],
    [
      "an itemIdentifier not in the batch",
      () => ({ batchItemFailures: [{ itemIdentifier: "not-a-message" }] }),
    ],
  ];
  test.each(malformed)("a response with %s fails the whole batch", async (_, respond) => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "malformed" });
    await sqs.sendMessage("malformed", { MessageBody: "a" });
    await sqs.sendMessage("malformed", { MessageBody: "b" });
    const runner = harness.runner("malformed-fn", (event) =>
      respond(event.Records.map((record) => record.messageId)),
    );
    await harness.mapping("malformed", runner, { reportBatchItemFailures: true }).start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("malformed");
    expect(harness.reports[0]?.outcome).toMatchObject({ kind: "failed", reason: "InvalidBatchResponse" });
    expect(await harness.counts("malformed")).toEqual({ visible: 0, inFlight: 2 });
  });

  const allSucceeded: [string, unknown][] = [
    ["an empty object", {}],
    ["null", null],
    ["nothing", undefined],
    ["an empty list", { batchItemFailures: [] }],
    ["a null list", { batchItemFailures: null }],
  ];
  test.each(allSucceeded)("a response of %s means every record succeeded", async (_, response) => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "fine" });
    await sqs.sendMessage("fine", { MessageBody: "a" });
    const runner = harness.runner("fine-fn", () => response);
    await harness.mapping("fine", runner, { reportBatchItemFailures: true }).start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("fine");
    expect(harness.reports[0]?.outcome).toEqual({ kind: "succeeded" });
    expect(await harness.counts("fine")).toEqual({ visible: 0, inFlight: 0 });
  });

  test("messages no filter matches are deleted without the function seeing them", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "filtered" });
    const match = await sqs.sendMessage("filtered", { MessageBody: '{"type":"order","total":250}' });
    const otherJson = await sqs.sendMessage("filtered", { MessageBody: '{"type":"refund"}' });
    const plain = await sqs.sendMessage("filtered", { MessageBody: "order" });
    const greeting = await sqs.sendMessage("filtered", { MessageBody: "hello world" });
    const runner = harness.runner("filtered-fn", () => null);
    const mapping = harness.mapping("filtered", runner, {
      filterPatterns: [
        '{"body": {"type": ["order"], "total": [{"numeric": [">", 100]}]}}',
        '{"body": [{"prefix": "hello"}]}',
      ],
    });
    await mapping.start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("filtered");
    expect(bodies(harness.events.get("filtered-fn")?.[0])).toEqual([
      '{"type":"order","total":250}',
      "hello world",
    ]);
    expect(harness.events.get("filtered-fn")?.[0]?.Records.map((record) => record.messageId)).toEqual([
      match.MessageId,
      greeting.MessageId,
    ]);
    expect(harness.filteredOut.sort()).toEqual([otherJson.MessageId, plain.MessageId].sort());
    expect(mapping.stats.recordsFilteredOut).toBe(2);
    expect(await harness.counts("filtered")).toEqual({ visible: 0, inFlight: 0 });
  });
});
