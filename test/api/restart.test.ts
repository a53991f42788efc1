/**
 * Resources made over the SQS and EventBridge APIs are stored like an app's and survive a restart: the same
 * endpoint started again on the same data directory finds every queue, attribute, tag, message, bus, rule,
 * target and archive as it was, and routes events as before.
 */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint, temporaryDataDirectory } from "./api-fixture.js";

async function start(dataDirectory: string) {
  const endpoint = await startEndpoint({ dataDirectory });
  return {
    ...endpoint,
    sqs: new SQSClient(endpoint.clientConfig),
    events: new EventBridgeClient(endpoint.clientConfig),
  };
}

describe("resources made over the API across a restart", () => {
  test("queues, messages, buses, rules, targets and archives are there again, and events route as before", async () => {
    const directory = temporaryDataDirectory();
    const first = await start(directory);
    const dlq = await first.sqs.send(new CreateQueueCommand({ QueueName: "orders-dlq" }));
    const orders = await first.sqs.send(
      new CreateQueueCommand({
        QueueName: "orders",
        Attributes: {
          VisibilityTimeout: "45",
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`,
            maxReceiveCount: 3,
          }),
        },
        tags: { team: "checkout" },
      }),
    );
    await first.sqs.send(
      new SendMessageCommand({ QueueUrl: orders.QueueUrl, MessageBody: "before restart" }),
    );
    const bus = await first.events.send(
      new CreateEventBusCommand({ Name: "shop", Tags: [{ Key: "env", Value: "dev" }] }),
    );
    const rule = await first.events.send(
      new PutRuleCommand({
        Name: "big-orders",
        EventBusName: "shop",
        EventPattern: JSON.stringify({ source: ["shop"], detail: { total: [{ numeric: [">", 100] }] } }),
      }),
    );
    await first.events.send(
      new PutTargetsCommand({
        Rule: "big-orders",
        EventBusName: "shop",
        Targets: [
          {
            Id: "to-orders",
            Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
            InputTransformer: { InputPathsMap: { id: "$.detail.id" }, InputTemplate: '"big order <id>"' },
          },
        ],
      }),
    );
    await first.events.send(
      new CreateArchiveCommand({
        ArchiveName: "everything",
        EventSourceArn: bus.EventBusArn,
        RetentionDays: 7,
      }),
    );
    await first.stop();

    const second = await start(directory);
    const { QueueUrls } = await second.sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls?.map((url) => url.split("/").at(-1)).sort()).toEqual(["orders", "orders-dlq"]);
    const url = (await second.sqs.send(new GetQueueUrlCommand({ QueueName: "orders" }))).QueueUrl;
    const { Attributes } = await second.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }),
    );
    expect(Attributes).toMatchObject({
      VisibilityTimeout: "45",
      ApproximateNumberOfMessages: "1",
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`,
        maxReceiveCount: 3,
      }),
    });
    expect((await second.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({
      team: "checkout",
    });
    expect(
      await second.events.send(new DescribeRuleCommand({ Name: "big-orders", EventBusName: "shop" })),
    ).toMatchObject({
      Arn: rule.RuleArn,
      State: "ENABLED",
      EventPattern: JSON.stringify({ source: ["shop"], detail: { total: [{ numeric: [">", 100] }] } }),
    });
    const { Targets } = await second.events.send(
      new ListTargetsByRuleCommand({ Rule: "big-orders", EventBusName: "shop" }),
    );
    expect(Targets).toEqual([
      {
        Id: "to-orders",
        Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
        InputTransformer: { InputPathsMap: { id: "$.detail.id" }, InputTemplate: '"big order <id>"' },
      },
    ]);
    expect(
      (await second.events.send(new ListTagsForResourceCommand({ ResourceARN: bus.EventBusArn }))).Tags,
    ).toEqual([{ Key: "env", Value: "dev" }]);
    expect(await second.events.send(new DescribeArchiveCommand({ ArchiveName: "everything" }))).toMatchObject(
      {
        EventSourceArn: bus.EventBusArn,
        RetentionDays: 7,
        State: "ENABLED",
      },
    );

    const put = await second.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: "shop",
            Source: "shop",
            DetailType: "OrderPlaced",
            Detail: '{"id":"o-9","total":250}',
          },
          {
            EventBusName: "shop",
            Source: "shop",
            DetailType: "OrderPlaced",
            Detail: '{"id":"o-1","total":5}',
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    const bodies: string[] = [];
    while (bodies.length < 2) {
      const { Messages = [] } = await second.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
      );
      if (Messages.length === 0) break;
      bodies.push(...Messages.map((message) => message.Body ?? ""));
    }
    // The template is a JSON string, so the target gets a JSON string, quotes included, as EventBridge sends it.
    expect(bodies.sort()).toEqual(['"big order o-9"', "before restart"]);
    expect(dlq.QueueUrl).toBeDefined();
  });
});
