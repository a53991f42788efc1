import { describe, expect, test } from "vitest";
import { ErrorCode, ValidationError } from "../../core/errors.js";
import { asyncInvocationQueueName, ensureAsyncInvocationQueue } from "../functions/async-invocation-queue.js";
import { ACCOUNT, arnOf, openStores, order, REGION, STORES, services } from "./bus-fixtures.js";

const PATTERN = '{"source": ["shop.orders"]}';
const busArn = (bus: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${bus}`;
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

describe.each(Object.keys(STORES))("rule targets on the %s store", (kind) => {
  const setup = async () => {
    const s = services(openStores(kind));
    await s.events.putRule({ Name: "r", EventPattern: PATTERN });
    return s;
  };
  const eventIdOf = (answer: { Entries: readonly object[] }) =>
    (answer.Entries[0] as { EventId: string }).EventId;

  test("a delivery to a missing queue goes to the target's dead-letter queue as the event, with AWS's attributes", async () => {
    const { sqs, events } = await setup();
    await sqs.createQueue({ QueueName: "dlq" });
    await events.putTargets("r", [
      { Id: "gone", Arn: arnOf("gone"), DeadLetterConfig: { Arn: arnOf("dlq") } },
    ]);
    const eventId = eventIdOf(await events.putEvents([order({ orderId: "o-1" })]));
    const [dead] = await sqs.receiveMessage("dlq", {
      MessageAttributeNames: ["All"],
      AttributeNames: ["All"],
    });
    expect(JSON.parse(dead?.Body ?? "{}")).toMatchObject({ id: eventId, detail: { orderId: "o-1" } });
    const attributes = Object.fromEntries(
      Object.entries(dead?.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
    );
    expect(attributes).toEqual({
      RULE_ARN: `arn:aws:events:${REGION}:${ACCOUNT}:rule/r`,
      TARGET_ARN: arnOf("gone"),
      ERROR_CODE: "NO_RESOURCE",
      ERROR_MESSAGE: "queue gone does not exist",
      RETRY_ATTEMPTS: "0",
    });
    expect(dead?.Attributes?.SenderId).toBe("events.amazonaws.com");
    expect(events.takeDeliveryFailures()).toEqual([
      expect.objectContaining({
        eventId,
        targetId: "gone",
        errorCode: "NO_RESOURCE",
        deadLetterQueue: "dlq",
      }),
    ]);
  });

  test("each delivery's ingestion time is the time its PutEvents arrived; messages carry EventBridge's sender and the trace header", async () => {
    const { sqs, events, clock } = await setup();
    await sqs.createQueue({ QueueName: "q" });
    await events.putTargets("r", [
      {
        Id: "t",
        Arn: arnOf("q"),
        InputTransformer: {
          InputPathsMap: { order: "$.detail.orderId" },
          InputTemplate: '{"order": <order>, "at": <aws.events.event.ingestion-time>}',
        },
      },
    ]);
    await events.putEvents([order({ orderId: "o-1" }), order({ orderId: "o-2" })]);
    clock.advance(1_500);
    await events.putEvents([
      { ...order({ orderId: "o-3" }), TraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793" },
    ]);
    const received = await sqs.receiveMessage("q", { MaxNumberOfMessages: 10, AttributeNames: ["All"] });
    const first = new Date(1_700_000_000_000).toISOString();
    const later = new Date(1_700_000_001_500).toISOString();
    expect(received.map((m) => JSON.parse(m.Body))).toEqual([
      { order: "o-1", at: first },
      { order: "o-2", at: first },
      { order: "o-3", at: later },
    ]);
    expect(received.map((m) => [m.Attributes?.SenderId, m.Attributes?.AWSTraceHeader])).toEqual([
      ["events.amazonaws.com", undefined],
      ["events.amazonaws.com", undefined],
      ["events.amazonaws.com", "Root=1-5759e988-bd862e3fe1be46a994272793"],
    ]);
  });

  test("without a usable dead-letter queue the delivery is dropped and reported", async () => {
    const { sqs, events } = await setup();
    await sqs.createQueue({ QueueName: "dlq.fifo", Attributes: { FifoQueue: "true" } });
    await events.putTargets("r", [
      { Id: "plain", Arn: arnOf("gone") },
      { Id: "fifo-dlq", Arn: arnOf("gone"), DeadLetterConfig: { Arn: arnOf("dlq.fifo") } },
      { Id: "missing-dlq", Arn: arnOf("gone"), DeadLetterConfig: { Arn: arnOf("nowhere") } },
    ]);
    await events.putEvents([order({})]);
    const failures = events.takeDeliveryFailures();
    expect(failures.map((f) => [f.targetId, f.deadLetterQueue])).toEqual([
      ["fifo-dlq", undefined],
      ["missing-dlq", undefined],
      ["plain", undefined],
    ]);
    expect(failures[0]?.reason).toContain("dead-letter queue dlq.fifo cannot take the event");
    expect(await sqs.receiveMessage("dlq.fifo")).toEqual([]);
  });

  test("inputs a target cannot take fail with INVALID_JSON or INVALID_PARAMETER", async () => {
    const { sqs, events } = await setup();
    await sqs.createQueue({ QueueName: "dlq" });
    await sqs.createQueue({ QueueName: "small", Attributes: { MaximumMessageSize: "1024" } });
    await sqs.createQueue({ QueueName: "ordered.fifo", Attributes: { FifoQueue: "true" } });
    const dlq = { DeadLetterConfig: { Arn: arnOf("dlq") } };
    await events.putTargets("r", [
      {
        Id: "bad-json",
        Arn: arnOf("small"),
        InputTransformer: { InputPathsMap: { n: "$.detail.customer" }, InputTemplate: '{"n": "<n>"}' },
        ...dlq,
      },
      { Id: "too-big", Arn: arnOf("small"), ...dlq },
      { Id: "no-group", Arn: arnOf("ordered.fifo"), ...dlq },
    ]);
    await events.putEvents([order({ customer: { id: "c-1" }, padding: "x".repeat(1_000) })]);
    const codes = Object.fromEntries(events.takeDeliveryFailures().map((f) => [f.targetId, f.errorCode]));
    expect(codes).toEqual({
      "bad-json": "INVALID_JSON",
      "too-big": "INVALID_PARAMETER",
      "no-group": "INVALID_PARAMETER",
    });
    expect(await sqs.receiveMessage("dlq", { MaxNumberOfMessages: 10 })).toHaveLength(3);
    expect(await sqs.receiveMessage("small")).toEqual([]);
  });

  test("a function target's event waits in the function's async-invocation queue", async () => {
    const { events, stores, clock } = await setup();
    await ensureAsyncInvocationQueue(stores.queues, "charge", clock.nowMs());
    await events.putTargets("r", [
      { Id: "fn", Arn: functionArn("charge"), InputPath: "$.detail" },
      { Id: "missing", Arn: functionArn("absent") },
    ]);
    await events.putEvents([order({ orderId: "o-9" })]);
    const claimed = await stores.queues.claim({
      queue: asyncInvocationQueueName("charge"),
      nowMs: clock.nowMs(),
      max: 10,
      hiddenUntilMs: clock.nowMs() + 1_000,
      tokens: () => "t",
    });
    expect(claimed.messages.map((m) => JSON.parse(m.body))).toEqual([{ orderId: "o-9" }]);
    expect(events.takeDeliveryFailures()).toEqual([
      expect.objectContaining({
        targetId: "missing",
        errorCode: "NO_RESOURCE",
        reason: "function absent does not exist",
      }),
    ]);
  });

  test("a function's async-invocation queue is no SQS queue: SQS neither lists, finds nor redrives to it", async () => {
    const { sqs, stores, clock } = await setup();
    await ensureAsyncInvocationQueue(stores.queues, "charge", clock.nowMs());
    await sqs.createQueue({ QueueName: "orders" });
    expect(await sqs.listQueues()).toEqual(["orders"]);
    const internal = asyncInvocationQueueName("charge");
    await expect(sqs.getQueueAttributes(internal)).rejects.toThrow("The specified queue does not exist.");
    await expect(sqs.sendMessage(internal, { MessageBody: "x" })).rejects.toThrow(
      "The specified queue does not exist.",
    );
    await expect(
      sqs.setQueueAttributes("orders", {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(internal), maxReceiveCount: 1 }),
      }),
    ).rejects.toThrow();
    expect(await sqs.getQueueAttributes("orders", ["RedrivePolicy"])).toEqual({});
  });

  test("a bus target hands the same event to the next bus's rules, and no further", async () => {
    const { sqs, events } = await setup();
    await events.createEventBus("audit");
    await events.createEventBus("archive");
    await sqs.createQueue({ QueueName: "audited" });
    await events.putTargets("r", [
      { Id: "audit", Arn: busArn("audit") },
      { Id: "nowhere", Arn: busArn("nowhere") },
    ]);
    await events.putRule({ Name: "all", EventBusName: "audit", EventPattern: PATTERN });
    await events.putTargets(
      "all",
      [
        { Id: "q", Arn: arnOf("audited") },
        { Id: "onward", Arn: busArn("archive") },
        { Id: "back", Arn: busArn("default") },
      ],
      "audit",
    );
    const eventId = eventIdOf(await events.putEvents([order({ orderId: "o-2" })]));
    const received = await sqs.receiveMessage("audited", { MaxNumberOfMessages: 10 });
    expect(received.map((m) => JSON.parse(m.Body).id)).toEqual([eventId]);
    const failures = events.takeDeliveryFailures().map((f) => [f.bus, f.targetId, f.errorCode]);
    expect(failures.sort()).toEqual([
      ["audit", "back", "THIRD_ACCOUNT_HOP_DETECTED"],
      ["audit", "onward", "THIRD_ACCOUNT_HOP_DETECTED"],
      ["default", "nowhere", "NO_RESOURCE"],
    ]);
  });

  test("a target in another account or region is not found", async () => {
    const { events } = await setup();
    await events.putTargets("r", [{ Id: "far", Arn: "arn:aws:sqs:eu-west-1:111122223333:q" }]);
    await events.putEvents([order({})]);
    expect(events.takeDeliveryFailures()).toEqual([
      expect.objectContaining({ targetId: "far", errorCode: "NO_RESOURCE" }),
    ]);
  });

  test("a rule holds at most five targets: a sixth is LimitExceededException and nothing is stored", async () => {
    const { events } = await setup();
    const targets = (ids: string[]) => ids.map((id) => ({ Id: id, Arn: arnOf(id) }));
    await events.putTargets("r", targets(["a", "b", "c", "d"]));
    const refused = events.putTargets("r", targets(["e", "f"]));
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.LimitExceeded });
    await expect(refused).rejects.toThrow("The requested resource exceeds the maximum number allowed.");
    expect((await events.listTargetsByRule("r")).map((t) => t.Id)).toEqual(["a", "b", "c", "d"]);
    await events.putTargets("r", targets(["a", "e"]));
    expect(await events.listTargetsByRule("r")).toHaveLength(5);
  });

  test("PutTargets refuses what EventBridge refuses, and stores none of the request's targets", async () => {
    const { events } = await setup();
    const cases: [object, string][] = [
      [
        { Id: "a", Arn: "not-an-arn" },
        "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.",
      ],
      [
        { Id: "a", Arn: "arn:aws:sns:us-east-1:000000000000:topic" },
        "Switchyard delivers to SQS queues, Lambda functions and event buses",
      ],
      [{ Id: "a", Arn: busArn("audit"), Input: "{}" }, "not supported for event bus targets"],
      [
        { Id: "a", Arn: arnOf("q"), RetryPolicy: { MaximumRetryAttempts: 186 } },
        "1 validation error detected: Value '186' at 'targets.2.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
      ],
      [
        { Id: "a", Arn: arnOf("q"), RetryPolicy: { MaximumEventAgeInSeconds: 59 } },
        "Value '59' at 'targets.2.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
      ],
      [
        { Id: "a", Arn: arnOf("q"), DeadLetterConfig: { Arn: busArn("x") } },
        "Parameter DeadLetterConfig.Arn is not valid.",
      ],
    ];
    for (const [target, message] of cases) {
      const attempt = events.putTargets("r", [
        { Id: "ok", Arn: arnOf("q") },
        target as { Id: string; Arn: string },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await events.listTargetsByRule("r")).toEqual([]);
  });
});
