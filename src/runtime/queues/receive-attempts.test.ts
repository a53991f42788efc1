import { describe, expect, test } from "vitest";
import { rejectionOf } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../../core/errors.js";
import { ManualClock } from "../clock.js";
import { openQueueStore, QUEUE_STORES, queueServiceOn, settle } from "./queue-fixtures.js";
import { ReceiveAttempts } from "./receive-attempts.js";

const START = 1_700_000_000_000;
const HOUR_MS = 3_600_000;
const notRetryable = (id: string) =>
  `Value ${id} for parameter ReceiveRequestAttemptId is invalid. Reason: The receiveRequestAttemptId is not valid ` +
  "anymore since the receive call is not retryable.";

// The retry restarts visibility through the store's changeVisibility, whose outcomes both adapters must give alike.
const refusalOf = (promise: Promise<unknown>) => rejectionOf(promise, QueueRequestError);

describe.each(Object.keys(QUEUE_STORES))("ReceiveRequestAttemptId on the %s store", (kind) => {
  async function setup(messages: readonly string[] = ["one", "two", "three"]) {
    const clock = new ManualClock(START);
    const store = openQueueStore(kind);
    const sqs = queueServiceOn(store, clock);
    await sqs.createQueue({
      QueueName: "jobs.fifo",
      Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "30" },
    });
    for (const body of messages)
      await sqs.sendMessage("jobs.fifo", { MessageBody: body, MessageGroupId: "g" });
    const receive = (
      attemptId?: string,
      more: { VisibilityTimeout?: number; WaitTimeSeconds?: number } = {},
    ) =>
      sqs.receiveMessage("jobs.fifo", {
        MaxNumberOfMessages: 10,
        AttributeNames: ["ApproximateReceiveCount"],
        ...(attemptId === undefined ? {} : { ReceiveRequestAttemptId: attemptId }),
        ...more,
      });
    return { clock, sqs, receive };
  }

  test("a retry gets the same messages with the same receipt handles, and their visibility starts again", async () => {
    const { clock, receive } = await setup();
    const first = await receive("attempt-1");
    expect(first.map((m) => m.Body)).toEqual(["one", "two", "three"]);
    clock.advance(20_000);
    expect(await receive("attempt-1")).toEqual(first);
    clock.advance(29_999);
    expect(await receive()).toEqual([]);
    clock.advance(1);
    const again = await receive();
    expect(again.map((m) => m.Body)).toEqual(["one", "two", "three"]);
    // The retry was no new receive.
    expect(again.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(["2", "2", "2"]);
  });

  test("another attempt id is another receive: the group is in flight, so it gets nothing", async () => {
    const { receive } = await setup();
    await receive("attempt-1");
    expect(await receive("attempt-2")).toEqual([]);
  });

  test("once a message of the answer is deleted, the retry is refused and restarts no visibility", async () => {
    const { clock, sqs, receive } = await setup();
    const [first] = await receive("attempt-1");
    await sqs.deleteMessage("jobs.fifo", first?.ReceiptHandle as string);
    clock.advance(20_000);
    const refused = await refusalOf(receive("attempt-1"));
    expect(refused.code).toBe("InvalidParameterValue");
    expect(refused.message).toBe(notRetryable("attempt-1"));
    clock.advance(10_000);
    expect((await receive()).map((m) => m.Body)).toEqual(["two", "three"]);
  });

  test("once a message of the answer has its visibility changed, the retry is refused", async () => {
    const { sqs, receive } = await setup();
    const [, second] = await receive("attempt-1");
    await sqs.changeMessageVisibility("jobs.fifo", second?.ReceiptHandle as string, 60);
    expect((await refusalOf(receive("attempt-1"))).message).toBe(notRetryable("attempt-1"));
  });

  test("a refused visibility change spends nothing: the retry still answers", async () => {
    const { sqs, receive } = await setup();
    const first = await receive("attempt-1");
    await refusalOf(sqs.changeMessageVisibility("jobs.fifo", first[0]?.ReceiptHandle as string, 43_201));
    expect(await receive("attempt-1")).toEqual(first);
  });

  test("once its messages are visible again, the retry is refused", async () => {
    const { clock, receive } = await setup();
    await receive("attempt-1");
    clock.advance(30_000);
    expect((await refusalOf(receive("attempt-1"))).message).toBe(notRetryable("attempt-1"));
  });

  test("after five minutes the attempt id is forgotten and starts a new receive", async () => {
    const { clock, receive } = await setup();
    const first = await receive("attempt-1", { VisibilityTimeout: 300 });
    clock.advance(5 * 60_000);
    const second = await receive("attempt-1");
    expect(second.map((m) => m.Body)).toEqual(["one", "two", "three"]);
    expect(second[0]?.ReceiptHandle).not.toBe(first[0]?.ReceiptHandle);
    expect(second[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
  });

  test("an empty answer is not held to: a retry receives what has come since", async () => {
    const { sqs, receive } = await setup([]);
    expect(await receive("attempt-1")).toEqual([]);
    await sqs.sendMessage("jobs.fifo", { MessageBody: "late", MessageGroupId: "g" });
    expect((await receive("attempt-1")).map((m) => m.Body)).toEqual(["late"]);
  });

  test("a retry arriving while the first receive still waits gets that receive's answer", async () => {
    const { sqs, receive } = await setup([]);
    const lost = receive("attempt-1", { WaitTimeSeconds: 20 });
    await settle();
    const retry = receive("attempt-1", { WaitTimeSeconds: 20 });
    await settle();
    await sqs.sendMessage("jobs.fifo", { MessageBody: "wake up", MessageGroupId: "g" });
    const [lostAnswer, retryAnswer] = await Promise.all([lost, retry]);
    expect(retryAnswer.map((m) => m.Body)).toEqual(["wake up"]);
    expect(retryAnswer).toEqual(lostAnswer);
  });

  test("a retry never hides the messages past 12 hours from their receive", async () => {
    const { clock, receive } = await setup();
    await receive("attempt-1", { VisibilityTimeout: 43_200 });
    clock.advance(4 * 60_000);
    await receive("attempt-1", { VisibilityTimeout: 43_200 });
    clock.advance(12 * HOUR_MS - 4 * 60_000 - 1);
    expect(await receive()).toEqual([]);
    clock.advance(1);
    expect(await receive()).toHaveLength(3);
  });

  test("a queue deleted and made again does not answer with the old queue's attempts", async () => {
    const { sqs, receive } = await setup();
    await receive("attempt-1");
    await sqs.deleteQueue("jobs.fifo");
    await sqs.createQueue({ QueueName: "jobs.fifo", Attributes: { FifoQueue: "true" } });
    await sqs.sendMessage("jobs.fifo", {
      MessageBody: "new",
      MessageGroupId: "g",
      MessageDeduplicationId: "n",
    });
    expect((await receive("attempt-1")).map((m) => m.Body)).toEqual(["new"]);
  });

  test("a bad attempt id is refused on a FIFO queue and changes nothing", async () => {
    const { receive } = await setup();
    const tooLong = "x".repeat(129);
    expect((await refusalOf(receive(tooLong))).message).toBe(
      `Value ${tooLong} for parameter ReceiveRequestAttemptId is invalid. Reason: ReceiveRequestAttemptId must be ` +
        "from 1 to 128 characters long.",
    );
    expect((await refusalOf(receive("with space"))).code).toBe("InvalidParameterValue");
    expect((await receive()).map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(["1", "1", "1"]);
  });

  test("a standard queue ignores the attempt id, valid or not", async () => {
    const { sqs } = await setup([]);
    await sqs.createQueue({ QueueName: "plain" });
    await sqs.sendMessage("plain", { MessageBody: "a" });
    await sqs.sendMessage("plain", { MessageBody: "b" });
    const first = await sqs.receiveMessage("plain", { ReceiveRequestAttemptId: "attempt-1" });
    const second = await sqs.receiveMessage("plain", { ReceiveRequestAttemptId: "attempt-1" });
    expect([...first, ...second].map((m) => m.Body).sort()).toEqual(["a", "b"]);
    expect(await sqs.receiveMessage("plain", { ReceiveRequestAttemptId: "not valid" })).toEqual([]);
  });
});

describe("the remembered receives", () => {
  const outcome = (receivedAtMs: number) => ({
    messages: [{ MessageId: "m", ReceiptHandle: "h", MD5OfBody: "", Body: "" }],
    receipts: [{ queue: "q.fifo", sequence: 1, receiptToken: "t" }],
    receivedAtMs,
  });

  test("are given back after five minutes", async () => {
    const attempts = new ReceiveAttempts();
    await attempts.track("q.fifo\na", Promise.resolve(outcome(0)));
    await attempts.track("q.fifo\nb", Promise.resolve(outcome(60_000)));
    expect(attempts.size).toBe(2);
    expect(attempts.find("q.fifo\nb", 5 * 60_000)).toBeDefined();
    expect(attempts.size).toBe(1);
    expect(attempts.find("q.fifo\nb", 6 * 60_000)).toBeUndefined();
    expect(attempts.size).toBe(0);
  });

  test("a failed receive is not remembered and leaves nothing running", async () => {
    const attempts = new ReceiveAttempts();
    await expect(attempts.track("q.fifo\na", Promise.reject(new Error("store down")))).rejects.toThrow(
      "store down",
    );
    expect(attempts.size).toBe(0);
    expect(attempts.runningUnder("q.fifo\na")).toBeUndefined();
  });
});
