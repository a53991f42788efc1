import { describe, expect, test } from "vitest";
import { QueueRequestError } from "../../core/errors.js";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "./queue-service.js";

function setup() {
  return createQueueService({
    store: createMemoryQueueStore(),
    clock: new ManualClock(1_000),
    ids: createCountingIds(),
    account: "000000000000",
    region: "us-east-1",
  });
}

describe("queue tags and dead-letter sources", () => {
  test("tags are added, overwritten, listed and removed", async () => {
    const sqs = setup();
    await sqs.createQueue({ QueueName: "q", tags: { team: "shop" } });
    await sqs.tagQueue("q", { team: "payments", env: "dev" });
    expect(await sqs.listQueueTags("q")).toEqual({ team: "payments", env: "dev" });
    await sqs.untagQueue("q", ["team", "unknown"]);
    expect(await sqs.listQueueTags("q")).toEqual({ env: "dev" });
  });

  test("more than 50 tags, or a key longer than 128 characters, is refused and nothing changes", async () => {
    const sqs = setup();
    await sqs.createQueue({ QueueName: "q" });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    await expect(sqs.tagQueue("q", many)).rejects.toBeInstanceOf(QueueRequestError);
    await expect(sqs.tagQueue("q", { ["k".repeat(129)]: "v" })).rejects.toBeInstanceOf(QueueRequestError);
    expect(await sqs.listQueueTags("q")).toEqual({});
  });

  test("the queues whose redrive policy names a dead-letter queue are its sources", async () => {
    const sqs = setup();
    await sqs.createQueue({ QueueName: "dlq" });
    const redrive = JSON.stringify({ deadLetterTargetArn: sqs.queueArn("dlq"), maxReceiveCount: 5 });
    await sqs.createQueue({ QueueName: "orders", Attributes: { RedrivePolicy: redrive } });
    await sqs.createQueue({ QueueName: "payments", Attributes: { RedrivePolicy: redrive } });
    await sqs.createQueue({ QueueName: "other" });
    expect(await sqs.listDeadLetterSourceQueues("dlq")).toEqual(["orders", "payments"]);
    expect(await sqs.listDeadLetterSourceQueues("orders")).toEqual([]);
  });
});
