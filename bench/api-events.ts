/**
 * bench/api EventBridge: how many PutEvents requests a second `switchyard start` answers over loopback, as
 * bench/api-sqs.ts measures SQS (a fresh server in a child process per question, BENCH_API_CALLERS callers on
 * keep-alive connections, through one @aws-sdk/client-eventbridge client and then the light client). Every
 * entry is a ~300-byte OrderCreated on a custom bus whose one rule targets a standard queue, so each accepted
 * entry is matched and delivered; the queue's depth afterwards is checked against the entries accepted. Two
 * questions: 1 entry a request, and 10.
 */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  type ApiQuestionResult,
  CALLERS,
  Client,
  loopAgainst,
  MEAN_BODY_BYTES,
  ORDER_BODIES,
  onFreshEndpoint,
  questionRows,
  SECONDS,
  WARMUP_SECONDS,
} from "./support/api-questions.js";
import { printTable } from "./support/measure.js";

const BUS = "shop";
/** How long delivery to the queue may lag PutEvents' answer before the check gives up. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** A bus, a queue and the rule between them; answers the queue's URL. */
async function route(events: EventBridgeClient, sqs: SQSClient): Promise<string> {
  await events.send(new CreateEventBusCommand({ Name: BUS }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders-created" }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  if (QueueUrl === undefined || Attributes?.QueueArn === undefined)
    throw new Error("the queue has no URL or ARN");
  await events.send(
    new PutRuleCommand({
      EventBusName: BUS,
      Name: "orders-created",
      EventPattern: JSON.stringify({ source: ["shop.orders"], "detail-type": ["OrderCreated"] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      EventBusName: BUS,
      Rule: "orders-created",
      Targets: [{ Id: "queue", Arn: Attributes.QueueArn }],
    }),
  );
  return QueueUrl;
}

/** Waits until the queue holds `expected` messages: every accepted entry was delivered, none twice. */
async function delivered(sqs: SQSClient, QueueUrl: string, expected: number): Promise<void> {
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  let depth = -1;
  while (performance.now() < deadline) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    depth = Number(Attributes?.ApproximateNumberOfMessages);
    if (depth === expected) return;
    if (depth > expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the queue holds ${depth} messages for ${expected} accepted entries`);
}

/** PutEvents' answer, as far as the loop reads it. */
interface PutEventsAnswer {
  readonly FailedEntryCount?: number;
  readonly Entries?: readonly unknown[];
}

function putEvents(client: Client, entriesPerRequest: number): Promise<ApiQuestionResult> {
  return onFreshEndpoint(async ({ endpoint, sdkConfig, wire }) => {
    const events = new EventBridgeClient(sdkConfig);
    const sqs = new SQSClient(sdkConfig);
    try {
      const QueueUrl = await route(events, sqs);
      const put =
        client === Client.Sdk
          ? (Entries: Record<string, string>[]): Promise<PutEventsAnswer> =>
              events.send(new PutEventsCommand({ Entries }))
          : (Entries: Record<string, string>[]): Promise<PutEventsAnswer> =>
              wire.json("application/x-amz-json-1.1", "AWSEvents.PutEvents", { Entries });
      let next = 0;
      const loop = await loopAgainst(endpoint, async (meter) => {
        const entries = Array.from({ length: entriesPerRequest }, () => ({
          EventBusName: BUS,
          Source: "shop.orders",
          DetailType: "OrderCreated",
          Detail: ORDER_BODIES[next++ % ORDER_BODIES.length] as string,
        }));
        const answer = await meter.request("PutEvents", () => put(entries));
        if ((answer.FailedEntryCount ?? 0) > 0)
          throw new Error(`PutEvents failed: ${JSON.stringify(answer)}`);
        meter.count("entries", entries.length);
      });
      await delivered(sqs, QueueUrl, loop.totals.entries ?? 0);
      return {
        question: `PutEvents, ${entriesPerRequest} ${entriesPerRequest === 1 ? "entry" : "entries"} a request`,
        client,
        unit: "entries",
        loop,
        note: `${(loop.totals.entries ?? 0).toLocaleString("en-US")} entries accepted, warm-up included, and as many messages in the rule's queue`,
      };
    } finally {
      events.destroy();
      sqs.destroy();
    }
  });
}

/** Measures PutEvents with 1 and with 10 entries a request, with both clients, and prints one table. */
export async function reportApiEvents(): Promise<{ results: ApiQuestionResult[] }> {
  const results: ApiQuestionResult[] = [];
  for (const entriesPerRequest of [1, 10]) {
    for (const client of [Client.Sdk, Client.Wire]) results.push(await putEvents(client, entriesPerRequest));
  }
  printTable(
    `bench/api EventBridge — PutEvents → 1 rule → a standard queue; ${CALLERS} concurrent callers, keep-alive, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up; SQLite NORMAL, server in a child process; Detail ${Math.round(MEAN_BODY_BYTES)} bytes on average`,
    questionRows(results),
  );
  for (const result of results) {
    if (result.note !== undefined) console.log(`${result.question} (${result.client}): ${result.note}`);
  }
  return { results };
}
