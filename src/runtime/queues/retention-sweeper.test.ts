import { describe, expect, test } from "vitest";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "./queue-service.js";
import { startRetentionSweeper } from "./retention-sweeper.js";

const settle = async () => {
  for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe("the retention sweeper", () => {
  test("a message past its retention period can no longer be received and is then deleted from the store", async () => {
    const clock = new ManualClock(1_000_000);
    const store = createMemoryQueueStore();
    const sqs = createQueueService({
      store,
      clock,
      ids: createCountingIds(),
      account: "000000000000",
      region: "us-east-1",
    });
    await sqs.createQueue({ QueueName: "q", Attributes: { MessageRetentionPeriod: "60" } });
    await sqs.sendMessage("q", { MessageBody: "short-lived" });
    const stop = startRetentionSweeper(store, clock, { intervalMs: 30_000 });
    clock.advance(59_999);
    await settle();
    expect((await store.counts("q", clock.nowMs())).visible).toBe(1);
    clock.advance(1);
    expect(await sqs.receiveMessage("q")).toEqual([]);
    clock.advance(30_000);
    await settle();
    expect(await store.expire("q", clock.nowMs(), 10)).toBe(0);
    expect(await store.nextVisibleAtMs("q", 0)).toBeNull();
    stop();
    expect(clock.pendingCount).toBe(0);
  });
});
