/** The whole flow of issue 5 §3 with nothing but the AWS SDK for JavaScript v3 against the endpoint. */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";

const order = (orderId: string, total: number) => ({
  EventBusName: "shop",
  Source: "shop.orders",
  DetailType: "OrderCreated",
  Detail: JSON.stringify({ orderId, total }),
});

describe("the whole flow with the AWS SDK for JavaScript v3", () => {
  test("bus, filtered and transformed rule, queue with a DLQ: a message failed three times is dead-lettered and moved back", async () => {
    const { clientConfig } = await startEndpoint();
    const sqs = new SQSClient(clientConfig);
    const eventBridge = new EventBridgeClient(clientConfig);

    // The queues: "orders" dead-letters into "orders-dlq" after three receives.
    const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders-dlq" }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }))
    ).Attributes?.QueueArn;
    expect(dlqArn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`);
    const { QueueUrl: ordersUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "orders",
        Attributes: {
          VisibilityTimeout: "5",
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
        },
      }),
    );
    const ordersAttributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: ordersUrl, AttributeNames: ["QueueArn", "RedrivePolicy"] }),
    );
    const ordersArn = ordersAttributes.Attributes?.QueueArn;
    expect(ordersArn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`);
    expect(JSON.parse(ordersAttributes.Attributes?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: 3,
    });

    // The bus, a rule for orders of 100 or more, and the queue as its target through an input transformer.
    const bus = await eventBridge.send(new CreateEventBusCommand({ Name: "shop" }));
    expect(bus.EventBusArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/shop`);
    const rule = await eventBridge.send(
      new PutRuleCommand({
        Name: "big-orders",
        EventBusName: "shop",
        EventPattern: JSON.stringify({
          source: ["shop.orders"],
          "detail-type": ["OrderCreated"],
          detail: { total: [{ numeric: [">=", 100] }] },
        }),
      }),
    );
    expect(rule.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/shop/big-orders`);
    const targets = await eventBridge.send(
      new PutTargetsCommand({
        Rule: "big-orders",
        EventBusName: "shop",
        Targets: [
          {
            Id: "orders-queue",
            Arn: ordersArn,
            InputTransformer: {
              InputPathsMap: { id: "$.detail.orderId", total: "$.detail.total", source: "$.source" },
              InputTemplate: '{"order": <id>, "total": <total>, "from": <source>}',
            },
          },
        ],
      }),
    );
    expect(targets.FailedEntryCount).toBe(0);

    // Events: two match the filter, two do not (one too small, one from another source).
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          order("o-1", 250),
          order("o-2", 5),
          order("o-3", 100),
          { ...order("o-4", 999), Source: "shop.returns" },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries?.every((entry) => typeof entry.EventId === "string")).toBe(true);

    // Only the matching events arrive, transformed.
    const received: Message[] = [];
    for (let attempt = 0; attempt < 5 && received.length < 2; attempt++) {
      const answer = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: ordersUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      received.push(...(answer.Messages ?? []));
    }
    const bodies = received
      .map((message) => JSON.parse(message.Body ?? ""))
      .sort((a, b) => a.total - b.total);
    expect(bodies).toEqual([
      { order: "o-3", total: 100, from: "shop.orders" },
      { order: "o-1", total: 250, from: "shop.orders" },
    ]);
    const byOrder = (id: string) => received.find((message) => JSON.parse(message.Body ?? "").order === id);
    const poison = byOrder("o-1") as Message;
    const good = byOrder("o-3") as Message;
    // o-3 is processed; o-1 fails: this was its first receive.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: ordersUrl, ReceiptHandle: good.ReceiptHandle }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: ordersUrl,
        ReceiptHandle: poison.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );

    // Its second and third receives fail too.
    for (const receiveCount of ["2", "3"]) {
      const again = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: ordersUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      expect(again.Messages).toHaveLength(1);
      const message = again.Messages?.[0] as Message;
      expect(message.MessageId).toBe(poison.MessageId);
      expect(message.Attributes?.ApproximateReceiveCount).toBe(receiveCount);
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: ordersUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }

    // The fourth receive finds it past maxReceiveCount: gone from "orders", in "orders-dlq".
    const fourth = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: ordersUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(fourth.Messages).toBeUndefined();
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    expect(dead.Messages).toHaveLength(1);
    const deadMessage = dead.Messages?.[0] as Message;
    expect(deadMessage.MessageId).toBe(poison.MessageId);
    expect(JSON.parse(deadMessage.Body ?? "")).toEqual({ order: "o-1", total: 250, from: "shop.orders" });
    expect(deadMessage.Attributes?.DeadLetterQueueSourceArn).toBe(ordersArn);
    const dlqCount = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    expect(dlqCount.Attributes?.ApproximateNumberOfMessages).toBe("1");

    // Move it back to its source queue and wait for the task to complete.
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toEqual(expect.any(String));
    const listTasks = async () =>
      (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }))).Results ?? [];
    let task: Awaited<ReturnType<typeof listTasks>>[number] | undefined;
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      task = (await listTasks()).find((result) => result.TaskHandle === TaskHandle);
      if (task?.Status === "COMPLETED") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(task).toMatchObject({
      TaskHandle,
      Status: "COMPLETED",
      SourceArn: dlqArn,
      ApproximateNumberOfMessagesMoved: 1,
    });

    // It is back in "orders" and no longer in "orders-dlq".
    const back = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: ordersUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(back.Messages).toHaveLength(1);
    expect(JSON.parse(back.Messages?.[0]?.Body ?? "")).toEqual({
      order: "o-1",
      total: 250,
      from: "shop.orders",
    });
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: ordersUrl, ReceiptHandle: back.Messages?.[0]?.ReceiptHandle }),
    );
    const emptyDlq = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    expect(emptyDlq.Messages).toBeUndefined();
  }, 15_000);
});
