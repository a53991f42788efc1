import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { InvalidEventPatternError } from "../../core/patterns/index.js";
import { createSqliteStores } from "../../store/sqlite/sqlite-stores.js";
import { arnOf, openStores, order, STORES, services } from "./bus-fixtures.js";

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe.each(Object.keys(STORES))("the event bus on the %s store", (kind) => {
  const setup = () => services(openStores(kind));

  test("a rule with a content filter and an input transformer delivers the transformed event to its queue", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "big-orders" });
    await events.putRule({
      Name: "big",
      EventPattern: JSON.stringify({
        source: ["shop.orders"],
        detail: { total: [{ numeric: [">=", 100] }] },
      }),
    });
    await events.putTargets("big", [
      {
        Id: "q",
        Arn: arnOf("big-orders"),
        InputTransformer: { InputPathsMap: { id: "$.detail.orderId" }, InputTemplate: '{"order": <id>}' },
      },
    ]);
    const answer = await events.putEvents([
      order({ orderId: "o-1", total: 150 }),
      order({ orderId: "o-2", total: 5 }),
    ]);
    expect(answer.FailedEntryCount).toBe(0);
    const received = await sqs.receiveMessage("big-orders", { MaxNumberOfMessages: 10 });
    expect(received.map((m) => JSON.parse(m.Body))).toEqual([{ order: "o-1" }]);
  });

  test("one event reaches every target of every matching rule", async () => {
    const { sqs, events } = setup();
    const queues = ["inventory", "email", "analytics", "fraud"];
    for (const q of queues) await sqs.createQueue({ QueueName: q });
    await events.putRule({ Name: "created", EventPattern: '{"detail-type": ["OrderCreated"]}' });
    await events.putTargets(
      "created",
      queues.map((q) => ({ Id: q, Arn: arnOf(q) })),
    );
    const answer = await events.putEvents([order({ orderId: "o-1" })]);
    const eventId = (answer.Entries[0] as { EventId: string }).EventId;
    for (const q of queues) {
      const [message] = await sqs.receiveMessage(q);
      expect(JSON.parse(message?.Body ?? "{}")).toMatchObject({
        id: eventId,
        "detail-type": "OrderCreated",
        source: "shop.orders",
      });
    }
  });

  test("entries answer in order; a bad entry fails alone", async () => {
    const { events } = setup();
    const answer = await events.putEvents([order({}), { Source: "shop.orders", DetailType: "x" }, order({})]);
    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries.map((e) => ("EventId" in e ? "ok" : e.ErrorCode))).toEqual([
      "ok",
      "InvalidArgument",
      "ok",
    ]);
  });

  test("a disabled rule delivers nothing until it is enabled", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["shop.orders"]}', State: "DISABLED" });
    await events.putTargets("r", [{ Id: "q", Arn: arnOf("q") }]);
    await events.putEvents([order({ n: 1 })]);
    expect(await sqs.receiveMessage("q")).toEqual([]);
    await events.setRuleState("r", "ENABLED");
    await events.putEvents([order({ n: 2 })]);
    const [message] = await sqs.receiveMessage("q");
    expect(JSON.parse(message?.Body ?? "{}").detail).toEqual({ n: 2 });
  });

  test("a target whose queue is gone is reported, and the other targets still get the event", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "kept" });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["shop.orders"]}' });
    await events.putTargets("r", [
      { Id: "kept", Arn: arnOf("kept") },
      { Id: "gone", Arn: arnOf("gone") },
    ]);
    await events.putEvents([order({})]);
    expect(await sqs.receiveMessage("kept")).toHaveLength(1);
    expect(events.takeDeliveryFailures()).toEqual([expect.objectContaining({ targetId: "gone", rule: "r" })]);
  });

  test("an invalid pattern is refused with AWS's reason and no rule is stored", async () => {
    const { events } = setup();
    await expect(
      events.putRule({ Name: "bad", EventPattern: '{"detail": {"state": ["x"], "n": 1}}' }),
    ).rejects.toBeInstanceOf(InvalidEventPatternError);
    await expect(events.putTargets("bad", [{ Id: "q", Arn: arnOf("q") }])).rejects.toThrow(
      "Rule bad does not exist on EventBus default.",
    );
  });

  test("a custom bus routes its own events; a missing bus fails the entry", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await events.createEventBus("orders");
    await events.putRule({ Name: "r", EventBusName: "orders", EventPattern: '{"source": ["shop.orders"]}' });
    await events.putTargets("r", [{ Id: "q", Arn: arnOf("q") }], "orders");
    const answer = await events.putEvents([
      order({}),
      order({}, { EventBusName: "arn:aws:events:us-east-1:000000000000:event-bus/orders" }),
      order({}, { EventBusName: "nope" }),
    ]);
    expect(answer.Entries[2]).toEqual({
      ErrorCode: "ResourceNotFoundException",
      ErrorMessage: "Event bus nope does not exist.",
    });
    expect(await sqs.receiveMessage("q", { MaxNumberOfMessages: 10 })).toHaveLength(1);
  });

  test("a FIFO queue target gets the rule's message group and the event id as deduplication id", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "orders.fifo", Attributes: { FifoQueue: "true" } });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["shop.orders"]}' });
    await events.putTargets("r", [
      { Id: "q", Arn: arnOf("orders.fifo"), SqsParameters: { MessageGroupId: "orders" } },
    ]);
    const answer = await events.putEvents([order({ n: 1 }), order({ n: 2 })]);
    const received = await sqs.receiveMessage("orders.fifo", {
      MaxNumberOfMessages: 10,
      AttributeNames: ["All"],
    });
    expect(received.map((m) => m.Attributes?.MessageGroupId)).toEqual(["orders", "orders"]);
    expect(received.map((m) => m.Attributes?.MessageDeduplicationId)).toEqual(
      answer.Entries.map((e) => ("EventId" in e ? e.EventId : "")),
    );
  });

  test("a long poll on a target queue wakes when an event is delivered", async () => {
    const { sqs, events } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["shop.orders"]}' });
    await events.putTargets("r", [{ Id: "q", Arn: arnOf("q") }]);
    const waiting = sqs.receiveMessage("q", { WaitTimeSeconds: 20 });
    for (let turn = 0; turn < 10; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
    await events.putEvents([order({ woke: true })]);
    expect(JSON.parse((await waiting)[0]?.Body ?? "{}").detail).toEqual({ woke: true });
  });
});

describe("the event bus on SQLite across a restart", () => {
  test("rules and targets survive a restart and route the next events", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-bus-"));
    directories.push(directory);
    const first = createSqliteStores({ dataDirectory: directory });
    const before = services(first);
    await before.sqs.createQueue({ QueueName: "q" });
    await before.events.putRule({ Name: "r", EventPattern: '{"source": ["shop.orders"]}' });
    await before.events.putTargets("r", [{ Id: "q", Arn: arnOf("q") }]);
    await first.close();
    const second = createSqliteStores({ dataDirectory: directory });
    const after = services(second);
    await after.events.putEvents([order({ after: "restart" })]);
    const [message] = await after.sqs.receiveMessage("q");
    expect(JSON.parse(message?.Body ?? "{}").detail).toEqual({ after: "restart" });
    await second.close();
  });
});
