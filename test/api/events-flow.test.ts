import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { refusal, startEvents } from "./events-fixture.js";

const order = (detail: Record<string, unknown>) => ({
  EventBusName: "shop",
  Source: "shop.orders",
  DetailType: "OrderCreated",
  Detail: JSON.stringify(detail),
});

describe("EventBridge to SQS through the endpoint, with the AWS SDK for JavaScript v3", () => {
  test("a bus, a rule with a content filter and an input transformer, a queue target: the matching events arrive transformed", async () => {
    const { eventBridge, clientConfig } = await startEvents();
    const sqs = new SQSClient(clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "big-orders" }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    expect(Attributes?.QueueArn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:big-orders`);

    await eventBridge.send(new CreateEventBusCommand({ Name: "shop" }));
    await eventBridge.send(
      new PutRuleCommand({
        Name: "big-orders",
        EventBusName: "shop",
        EventPattern: JSON.stringify({
          source: ["shop.orders"],
          detail: { total: [{ numeric: [">=", 100] }] },
        }),
      }),
    );
    const targets = await eventBridge.send(
      new PutTargetsCommand({
        Rule: "big-orders",
        EventBusName: "shop",
        Targets: [
          {
            Id: "queue",
            Arn: Attributes?.QueueArn,
            InputTransformer: {
              InputPathsMap: { id: "$.detail.orderId", total: "$.detail.total" },
              InputTemplate: '{"order": <id>, "total": <total>}',
            },
          },
        ],
      }),
    );
    expect(targets.FailedEntryCount).toBe(0);

    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          order({ orderId: "o-1", total: 150 }),
          order({ orderId: "o-2", total: 5 }),
          order({ orderId: "o-3", total: 100 }),
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries?.every((entry) => typeof entry.EventId === "string")).toBe(true);

    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(
      received.Messages?.map((message) => JSON.parse(message.Body ?? "")).sort((a, b) => a.total - b.total),
    ).toEqual([
      { order: "o-3", total: 100 },
      { order: "o-1", total: 150 },
    ]);
    for (const message of received.Messages ?? []) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  });

  test("an archived event replayed through the endpoint reaches the rule's queue again, marked with its replay", async () => {
    const { eventBridge, clientConfig, switchyard } = await startEvents();
    const sqs = new SQSClient(clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    await eventBridge.send(new CreateEventBusCommand({ Name: "shop" }));
    const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/shop`;
    await eventBridge.send(new CreateArchiveCommand({ ArchiveName: "shop-archive", EventSourceArn: busArn }));
    await eventBridge.send(
      new PutRuleCommand({ Name: "all", EventBusName: "shop", EventPattern: '{"source": ["shop.orders"]}' }),
    );
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: "all",
        EventBusName: "shop",
        Targets: [{ Id: "q", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` }],
      }),
    );
    const startTime = new Date(Date.now() - 60_000);
    const put = await eventBridge.send(new PutEventsCommand({ Entries: [order({ orderId: "o-1" })] }));
    const original = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: original.Messages?.[0]?.ReceiptHandle }),
    );

    await eventBridge.send(
      new StartReplayCommand({
        ReplayName: "again",
        EventSourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:archive/shop-archive`,
        EventStartTime: startTime,
        EventEndTime: new Date(),
        Destination: { Arn: busArn },
      }),
    );
    await switchyard.events.replaysIdle();
    const replayed = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(JSON.parse(replayed.Messages?.[0]?.Body ?? "{}")).toMatchObject({
      id: put.Entries?.[0]?.EventId,
      "replay-name": "again",
      detail: { orderId: "o-1" },
    });
  });

  test("PutEvents answers a bad entry and an entry for a missing bus on their own, in order", async () => {
    const { eventBridge } = await startEvents();
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: "shop.orders", DetailType: "OrderCreated", Detail: "{}" },
          { Source: "shop.orders", DetailType: "OrderCreated", Detail: "not json" },
          { Source: "shop.orders", DetailType: "OrderCreated", Detail: "{}", EventBusName: "nope" },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(2);
    expect(put.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(put.Entries?.[1]).toMatchObject({ ErrorCode: "MalformedDetail" });
    expect(put.Entries?.[2]).toMatchObject({
      ErrorCode: "ResourceNotFoundException",
      ErrorMessage: "Event bus nope does not exist.",
    });
  });

  test("PutEvents with more than 10 entries or none is ValidationException", async () => {
    const { eventBridge } = await startEvents();
    const entry = { Source: "shop.orders", DetailType: "OrderCreated", Detail: "{}" };
    const tooMany = await refusal(
      eventBridge.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
    );
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.$metadata?.httpStatusCode).toBe(400);
    const none = await refusal(eventBridge.send(new PutEventsCommand({ Entries: [] })));
    expect(none.name).toBe("ValidationException");
  });

  test("PutEvents takes an entry's Time in epoch seconds, as JSON 1.1 sends it", async () => {
    const { eventBridge, clientConfig } = await startEvents();
    const sqs = new SQSClient(clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "timed" }));
    await eventBridge.send(new PutRuleCommand({ Name: "all", EventPattern: '{"source": ["shop.orders"]}' }));
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: "all",
        Targets: [{ Id: "q", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:timed` }],
      }),
    );
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: "shop.orders",
            DetailType: "OrderCreated",
            Detail: "{}",
            Time: new Date("2024-03-01T12:34:56.789Z"),
          },
        ],
      }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(JSON.parse(received.Messages?.[0]?.Body ?? "{}").time).toBe("2024-03-01T12:34:56Z");
  });
});
