import { describe, expect, test } from "vitest";
import { rejectionOf } from "../../../test/support/thrown.js";
import { SwitchyardError } from "../../core/errors.js";
import { md5OfMessageBody } from "../../core/queues/index.js";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { openQueueStore, QUEUE_STORES, queueServiceOn, settle } from "./queue-fixtures.js";
import { createQueueService } from "./queue-service.js";

const START = 1_700_000_000_000;

// The service runs on both adapters: the memory store, and SQLite (in memory) with its group commit.
const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, SwitchyardError);

describe.each(Object.keys(QUEUE_STORES))("the queue service on the %s store", (kind) => {
  function setup() {
    const clock = new ManualClock(START);
    const store = openQueueStore(kind);
    const sqs = queueServiceOn(store, clock);
    return { clock, store, sqs };
  }

  test("a message the queue's own account sends keeps no system attributes on disk", async () => {
    const { sqs, store, clock } = setup();
    await sqs.createQueue({ QueueName: "orders" });
    await sqs.sendMessage("orders", { MessageBody: "plain" });
    await sqs.sendMessage("orders", {
      MessageBody: "traced",
      MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
    });
    const { messages } = await store.claim({
      queue: "orders",
      nowMs: clock.nowMs(),
      max: 10,
      hiddenUntilMs: clock.nowMs(),
      tokens: () => "t",
    });
    expect(messages.map((m) => m.systemAttributes)).toEqual([null, '{"AWSTraceHeader":"Root=1-abc"}']);
  });

  test("a sent message is received with its checksum and deleted with its receipt handle", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "orders" });
    const sent = await sqs.sendMessage("orders", { MessageBody: "order 1" });
    expect(sent.MD5OfMessageBody).toBe(md5OfMessageBody("order 1"));
    const [received] = await sqs.receiveMessage("orders", { AttributeNames: ["All"] });
    expect(received?.MessageId).toBe(sent.MessageId);
    expect(received?.Body).toBe("order 1");
    expect(received?.Attributes).toMatchObject({
      ApproximateReceiveCount: "1",
      SentTimestamp: String(START),
      SenderId: "000000000000",
    });
    await sqs.deleteMessage("orders", received?.ReceiptHandle as string);
    expect(
      await sqs.getQueueAttributes("orders", [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
      ]),
    ).toEqual({
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
    });
  });

  test("a received message stays hidden until its visibility timeout ends, then returns with a new handle", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q", Attributes: { VisibilityTimeout: "30" } });
    await sqs.sendMessage("q", { MessageBody: "x" });
    const [first] = await sqs.receiveMessage("q");
    expect(await sqs.receiveMessage("q")).toEqual([]);
    clock.advance(29_999);
    expect(await sqs.receiveMessage("q")).toEqual([]);
    clock.advance(1);
    const [second] = await sqs.receiveMessage("q", { AttributeNames: ["ApproximateReceiveCount"] });
    expect(second?.MessageId).toBe(first?.MessageId);
    expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(second?.Attributes).toEqual({ ApproximateReceiveCount: "2" });
  });

  test("a delayed message is invisible until its delay has passed", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q", Attributes: { DelaySeconds: "5" } });
    await sqs.sendMessage("q", { MessageBody: "queue delay" });
    await sqs.sendMessage("q", { MessageBody: "own delay", DelaySeconds: 10 });
    expect(await sqs.getQueueAttributes("q", ["ApproximateNumberOfMessagesDelayed"])).toEqual({
      ApproximateNumberOfMessagesDelayed: "2",
    });
    clock.advance(5_000);
    expect((await sqs.receiveMessage("q", { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual([
      "queue delay",
    ]);
    clock.advance(5_000);
    expect((await sqs.receiveMessage("q", { MaxNumberOfMessages: 10 })).map((m) => m.Body)).toEqual([
      "own delay",
    ]);
  });

  test("a long poll waits for a send and answers at once when one comes", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "q" });
    const waiting = sqs.receiveMessage("q", { WaitTimeSeconds: 20 });
    await settle();
    await sqs.sendMessage("q", { MessageBody: "wake up" });
    expect((await waiting).map((m) => m.Body)).toEqual(["wake up"]);
  });

  test("a send wakes as many long polls as it brings messages; the others sleep on", async () => {
    const { sqs, clock, store } = setup();
    await sqs.createQueue({ QueueName: "q" });
    let claims = 0;
    const claim = store.claim.bind(store);
    store.claim = (request) => {
      claims++;
      return claim(request);
    };
    const answers: string[][] = [];
    const polls = [1, 2, 3].map(() =>
      sqs.receiveMessage("q", { WaitTimeSeconds: 20 }).then((messages) => {
        answers.push(messages.map((m) => m.Body));
      }),
    );
    await settle();
    expect(claims).toBe(3);
    await sqs.sendMessage("q", { MessageBody: "one" });
    await settle();
    expect(answers).toEqual([["one"]]);
    expect(claims).toBe(4);
    await sqs.sendMessageBatch("q", [
      { Id: "a", MessageBody: "two" },
      { Id: "b", MessageBody: "three" },
    ]);
    await settle();
    expect(answers.flat().sort()).toEqual(["one", "three", "two"]);
    clock.advance(20_000);
    await Promise.all(polls);
  });

  test("a delayed send wakes every long poll, so the one still waiting when it shows receives it", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q" });
    // The first poll's wait ends before the message shows; only the second can have it.
    const short = sqs.receiveMessage("q", { WaitTimeSeconds: 2 });
    await settle();
    const long = sqs.receiveMessage("q", { WaitTimeSeconds: 20 });
    await settle();
    await sqs.sendMessage("q", { MessageBody: "later", DelaySeconds: 5 });
    await settle();
    clock.advance(2_000);
    expect(await short).toEqual([]);
    let received: string[] | undefined;
    void long.then((messages) => {
      received = messages.map((m) => m.Body);
    });
    clock.advance(3_000);
    await settle();
    expect(received).toEqual(["later"]);
  });

  test("a long poll with nothing to receive answers empty when its wait ends, not before", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q", Attributes: { ReceiveMessageWaitTimeSeconds: "20" } });
    let answer: unknown;
    const waiting = sqs.receiveMessage("q").then((messages) => {
      answer = messages;
    });
    await settle();
    clock.advance(19_999);
    await settle();
    expect(answer).toBeUndefined();
    clock.advance(1);
    await waiting;
    expect(answer).toEqual([]);
  });

  test("FIFO: a long poll waiting behind a busy message group gets the next message once the first is deleted", async () => {
    const { sqs } = setup();
    await sqs.createQueue({
      QueueName: "q.fifo",
      Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" },
    });
    await sqs.sendMessage("q.fifo", { MessageBody: "first", MessageGroupId: "g" });
    await sqs.sendMessage("q.fifo", { MessageBody: "second", MessageGroupId: "g" });
    const [first] = await sqs.receiveMessage("q.fifo");
    const waiting = sqs.receiveMessage("q.fifo", { WaitTimeSeconds: 20 });
    await settle();
    await sqs.deleteMessage("q.fifo", first?.ReceiptHandle as string);
    expect((await waiting).map((m) => m.Body)).toEqual(["second"]);
  });

  test("a long poll wakes when a hidden message becomes visible again", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q", Attributes: { VisibilityTimeout: "5" } });
    await sqs.sendMessage("q", { MessageBody: "retry me" });
    await sqs.receiveMessage("q");
    const waiting = sqs.receiveMessage("q", { WaitTimeSeconds: 20 });
    await settle();
    clock.advance(5_000);
    expect((await waiting).map((m) => m.Body)).toEqual(["retry me"]);
  });

  test("the receive after maxReceiveCount moves the message to the dead-letter queue", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "orders-dlq" });
    await sqs.createQueue({
      QueueName: "orders",
      Attributes: {
        VisibilityTimeout: "1",
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: sqs.queueArn("orders-dlq"),
          maxReceiveCount: 3,
        }),
      },
    });
    await sqs.sendMessage("orders", { MessageBody: "poison" });
    for (let receive = 1; receive <= 3; receive++) {
      expect(await sqs.receiveMessage("orders")).toHaveLength(1);
      clock.advance(1_000);
    }
    expect(await sqs.receiveMessage("orders")).toEqual([]);
    const [dead] = await sqs.receiveMessage("orders-dlq", { MessageSystemAttributeNames: ["All"] });
    expect(dead?.Body).toBe("poison");
    expect(dead?.Attributes).toMatchObject({
      DeadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:orders",
      ApproximateReceiveCount: "4",
    });
  });

  test("a redrive policy naming a missing or other-kind queue is refused", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "fifo-dlq.fifo", Attributes: { FifoQueue: "true" } });
    const policy = (name: string) =>
      JSON.stringify({ deadLetterTargetArn: sqs.queueArn(name), maxReceiveCount: 3 });
    const missing = await failureOf(
      sqs.createQueue({ QueueName: "a", Attributes: { RedrivePolicy: policy("nope") } }),
    );
    expect(missing.message).toContain("Dead letter target does not exist.");
    const otherKind = await failureOf(
      sqs.createQueue({ QueueName: "b", Attributes: { RedrivePolicy: policy("fifo-dlq.fifo") } }),
    );
    expect(otherKind.message).toContain("same type of queue");
    expect(await sqs.listQueues()).toEqual(["fifo-dlq.fifo"]);
  });

  test("changing visibility to 0 makes a message receivable at once; a visible one is not in flight", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await sqs.sendMessage("q", { MessageBody: "x" });
    const [received] = await sqs.receiveMessage("q");
    const handle = received?.ReceiptHandle as string;
    await sqs.changeMessageVisibility("q", handle, 0);
    const [again] = await sqs.receiveMessage("q");
    expect(again?.MessageId).toBe(received?.MessageId);
    await sqs.changeMessageVisibility("q", again?.ReceiptHandle as string, 0);
    const notInFlight = await failureOf(sqs.changeMessageVisibility("q", again?.ReceiptHandle as string, 10));
    expect(notInFlight.code).toBe("MessageNotInflight");
    expect((await failureOf(sqs.changeMessageVisibility("q", "junk", 10))).code).toBe(
      "ReceiptHandleIsInvalid",
    );
    expect((await failureOf(sqs.changeMessageVisibility("q", handle, 43_201))).code).toBe(
      "InvalidParameterValue",
    );
  });

  test("FIFO: order within a group, deduplication answers the first message, sequence numbers grow", async () => {
    const { sqs } = setup();
    await sqs.createQueue({
      QueueName: "orders.fifo",
      Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" },
    });
    const first = await sqs.sendMessage("orders.fifo", { MessageBody: "one", MessageGroupId: "c-1" });
    const duplicate = await sqs.sendMessage("orders.fifo", { MessageBody: "one", MessageGroupId: "c-1" });
    const second = await sqs.sendMessage("orders.fifo", { MessageBody: "two", MessageGroupId: "c-1" });
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(duplicate.SequenceNumber).toBe(first.SequenceNumber);
    expect(BigInt(second.SequenceNumber as string)).toBeGreaterThan(BigInt(first.SequenceNumber as string));
    const received = await sqs.receiveMessage("orders.fifo", { MaxNumberOfMessages: 10 });
    expect(received.map((m) => m.Body)).toEqual(["one", "two"]);
  });

  test("bad requests get SQS's error and change nothing", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "q" });
    expect((await failureOf(sqs.sendMessage("missing", { MessageBody: "x" }))).code).toBe(
      "QueueDoesNotExist",
    );
    expect((await failureOf(sqs.sendMessage("q", { MessageBody: "" }))).code).toBe("MissingParameter");
    expect((await failureOf(sqs.sendMessage("q", { MessageBody: "x", DelaySeconds: 901 }))).code).toBe(
      "InvalidParameterValue",
    );
    expect((await failureOf(sqs.receiveMessage("q", { MaxNumberOfMessages: 11 }))).message).toBe(
      "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
    );
    expect(
      (await failureOf(sqs.createQueue({ QueueName: "q", Attributes: { VisibilityTimeout: "60" } }))).code,
    ).toBe("QueueNameExists");
    expect(await sqs.getQueueAttributes("q", ["ApproximateNumberOfMessages", "VisibilityTimeout"])).toEqual({
      ApproximateNumberOfMessages: "0",
      VisibilityTimeout: "30",
    });
  });

  test("a batch answers entry by entry and stores the good entries", async () => {
    const { sqs } = setup();
    await sqs.createQueue({ QueueName: "q" });
    const result = await sqs.sendMessageBatch("q", [
      { Id: "a", MessageBody: "fine" },
      { Id: "b", MessageBody: "bad", DelaySeconds: 1_000 },
    ]);
    expect(result.Successful.map((s) => s.Id)).toEqual(["a"]);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "b", SenderFault: true, Code: "InvalidParameterValue" }),
    ]);
    const received = await sqs.receiveMessage("q", { MaxNumberOfMessages: 10 });
    const deleted = await sqs.deleteMessageBatch("q", [
      { Id: "x", ReceiptHandle: received[0]?.ReceiptHandle as string },
      { Id: "y", ReceiptHandle: "junk" },
    ]);
    expect(deleted.Successful).toEqual([{ Id: "x" }]);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: "y", Code: "ReceiptHandleIsInvalid" })]);
  });

  test("a second purge within 60 seconds is PurgeQueueInProgress", async () => {
    const { sqs, clock } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await sqs.sendMessage("q", { MessageBody: "x" });
    await sqs.purgeQueue("q");
    expect((await failureOf(sqs.purgeQueue("q"))).code).toBe("PurgeQueueInProgress");
    clock.advance(60_000);
    await sqs.purgeQueue("q");
    expect(await sqs.receiveMessage("q")).toEqual([]);
  });
});

describe("queue settings", () => {
  test("a change made in the same millisecond as the create is seen at once", async () => {
    const clock = new ManualClock(1);
    const sqs = createQueueService({
      store: createMemoryQueueStore(),
      clock,
      ids: createCountingIds(),
      account: "000000000000",
      region: "us-east-1",
    });
    await sqs.createQueue({ QueueName: "q" });
    await sqs.sendMessage("q", { MessageBody: "x" });
    await sqs.setQueueAttributes("q", { VisibilityTimeout: "0" });
    await sqs.receiveMessage("q");
    expect(await sqs.receiveMessage("q")).toHaveLength(1);
  });
});
