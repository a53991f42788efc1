import { describe, expect, test } from "vitest";
import { QueueRequestError, ResourceNotFoundError } from "../../core/errors.js";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "./queue-service.js";

const settle = async () => {
  for (let turn = 0; turn < 10; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

async function setup() {
  const clock = new ManualClock(1_000_000);
  const sqs = createQueueService({
    store: createMemoryQueueStore(),
    clock,
    ids: createCountingIds(),
    account: "000000000000",
    region: "us-east-1",
  });
  await sqs.createQueue({ QueueName: "orders-dlq" });
  await sqs.createQueue({
    QueueName: "orders",
    Attributes: {
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.queueArn("orders-dlq"), maxReceiveCount: 3 }),
    },
  });
  /** Fails a message three times, so the next receive moves it to the dead-letter queue. */
  const poison = async (body: string) => {
    await sqs.sendMessage("orders", { MessageBody: body });
    for (let attempt = 0; attempt < 3; attempt++) {
      await sqs.receiveMessage("orders", { MaxNumberOfMessages: 10 });
      clock.advance(1_000);
    }
    await sqs.receiveMessage("orders", { MaxNumberOfMessages: 10 });
  };
  return { clock, sqs, poison };
}

describe("message move tasks", () => {
  test("a message failed three times lands in the DLQ and a move task sends it back to its source", async () => {
    const { sqs, clock, poison } = await setup();
    await poison("order 7");
    expect(await sqs.getQueueAttributes("orders-dlq", ["ApproximateNumberOfMessages"])).toEqual({
      ApproximateNumberOfMessages: "1",
    });
    const handle = await sqs.startMessageMoveTask({ SourceArn: sqs.queueArn("orders-dlq") });
    clock.advance(0);
    await settle();
    clock.advance(1_000);
    await settle();
    const [task] = sqs.listMessageMoveTasks(sqs.queueArn("orders-dlq"));
    expect(task).toMatchObject({
      TaskHandle: handle,
      Status: "COMPLETED",
      ApproximateNumberOfMessagesMoved: 1,
    });
    const [back] = await sqs.receiveMessage("orders", { AttributeNames: ["ApproximateReceiveCount"] });
    expect(back?.Body).toBe("order 7");
    expect(back?.Attributes).toEqual({ ApproximateReceiveCount: "1" });
  });

  test("a task moves at most MaxNumberOfMessagesPerSecond a second and can be cancelled", async () => {
    const { sqs, clock, poison } = await setup();
    for (const body of ["a", "b", "c"]) await poison(body);
    const handle = await sqs.startMessageMoveTask({
      SourceArn: sqs.queueArn("orders-dlq"),
      DestinationArn: sqs.queueArn("orders-dlq").replace("orders-dlq", "orders"),
      MaxNumberOfMessagesPerSecond: 1,
    });
    clock.advance(0);
    await settle();
    expect(sqs.listMessageMoveTasks(sqs.queueArn("orders-dlq"))[0]?.ApproximateNumberOfMessagesMoved).toBe(1);
    expect(sqs.cancelMessageMoveTask(handle)).toBe(1);
    clock.advance(1_000);
    await settle();
    expect(sqs.listMessageMoveTasks(sqs.queueArn("orders-dlq"))[0]).toMatchObject({
      Status: "CANCELLED",
      ApproximateNumberOfMessagesMoved: 1,
    });
    expect(() => sqs.cancelMessageMoveTask(handle)).toThrow(QueueRequestError);
    expect(() => sqs.cancelMessageMoveTask("nope")).toThrow(ResourceNotFoundError);
  });

  test("only a dead-letter queue can be a source, and only one task runs per source", async () => {
    const { sqs } = await setup();
    await expect(sqs.startMessageMoveTask({ SourceArn: sqs.queueArn("orders") })).rejects.toThrow(
      "Source queue must be configured as a Dead Letter Queue.",
    );
    await sqs.startMessageMoveTask({ SourceArn: sqs.queueArn("orders-dlq") });
    await expect(sqs.startMessageMoveTask({ SourceArn: sqs.queueArn("orders-dlq") })).rejects.toThrow(
      "There is already a task running.",
    );
    await expect(
      sqs.startMessageMoveTask({ SourceArn: sqs.queueArn("orders-dlq"), MaxNumberOfMessagesPerSecond: 501 }),
    ).rejects.toThrow("MaxNumberOfMessagesPerSecond");
  });
});
