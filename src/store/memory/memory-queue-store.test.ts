import { describe, expect, test } from "vitest";
import { QueueDoesNotExistError } from "../../core/errors.js";
import { describeQueueStoreContract } from "../queue-store.contract.js";
import type { ClaimRequest, QueueRecord, StoredMessage } from "../queue-store.js";
import { createMessageFactory, createTokenSource, queueRecord } from "../store-fixtures.js";
import { createMemoryQueueStore } from "./memory-queue-store.js";

describeQueueStoreContract("memory", async () => ({
  store: createMemoryQueueStore(),
  close: async () => {},
}));

const queue = (name: string, fifo = false): QueueRecord => queueRecord(name, fifo);
const message = createMessageFactory();
const tokens = createTokenSource();
const receive = (queueName: string, nowMs: number, extra: Partial<ClaimRequest> = {}): ClaimRequest => ({
  queue: queueName,
  nowMs,
  max: 10,
  hiddenUntilMs: nowMs + 30_000,
  tokens,
  ...extra,
});
const refOf = (queueName: string, m: StoredMessage) => ({
  queue: queueName,
  sequence: m.sequence,
  receiptToken: m.receiptToken as string,
});
const bodies = (messages: readonly StoredMessage[]) => messages.map((m) => m.body);

describe("MemoryQueueStore", () => {
  test("a message a call returned does not change when the store changes it later", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    const [first] = (await store.claim(receive("q", 2_000, { hiddenUntilMs: 3_000 }))).messages;
    await store.claim(receive("q", 3_000));
    expect(first).toMatchObject({ receiveCount: 1, visibleAtMs: 3_000 });
    expect(Object.isFrozen(first)).toBe(true);
  });

  test("a token source that throws leaves the claim undone", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q"));
    await store.enqueue([
      { queue: "q", message: message() },
      { queue: "q", message: message() },
    ]);
    let drawn = 0;
    const failing = () => {
      if (++drawn === 2) throw new Error("no more randomness");
      return `t-${drawn}`;
    };
    await expect(store.claim(receive("q", 2_000, { tokens: failing }))).rejects.toThrow("no more randomness");
    expect(await store.counts("q", 2_000)).toMatchObject({ visible: 2, inFlight: 0 });
  });

  test("a receipt from a deleted queue is gone in the queue re-created under its name", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    const [old] = (await store.claim(receive("q", 2_000))).messages;
    if (old === undefined) throw new Error("expected a receive");
    await store.deleteQueue("q");
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    await store.claim(receive("q", 2_000));
    expect(await store.ack(refOf("q", old))).toBe("gone");
  });
});

// Behaviour every adapter should show that the contract does not pin yet: candidates for the contract.
describe("MemoryQueueStore beyond the contract", () => {
  test("a deduplication id is remembered after its message is deleted, and within one batch", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q.fifo", true));
    const send = (sentAtMs: number) => ({
      queue: "q.fifo",
      message: message({ groupId: "g", deduplicationId: "order-1", sentAtMs }),
      deduplicateSinceMs: sentAtMs - 300_000,
    });
    const [stored, sameBatch] = await store.enqueue([send(1_000), send(1_000)]);
    if (!stored?.stored) throw new Error("expected the first send stored");
    expect(sameBatch).toMatchObject({ stored: false, duplicateOf: { sequence: stored.sequence } });
    const [received] = (await store.claim(receive("q.fifo", 2_000))).messages;
    if (received === undefined) throw new Error("expected a receive");
    expect(await store.ack(refOf("q.fifo", received))).toBe("done");
    expect((await store.enqueue([send(3_000)]))[0]).toMatchObject({ stored: false });
  });

  test("a claim naming a missing dead-letter queue rejects and receives nothing", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    const redrive = { maxReceiveCount: 1, deadLetterQueue: "missing" };
    await expect(store.claim(receive("q", 2_000, { redrive }))).rejects.toBeInstanceOf(
      QueueDoesNotExistError,
    );
    expect(await store.counts("q", 2_000)).toMatchObject({ visible: 1, inFlight: 0 });
  });

  test("FIFO: a dead-lettered message frees its group and the claim goes on with the next one", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q.fifo", true));
    await store.putQueue(queue("dlq.fifo", true));
    await store.enqueue(
      ["a1", "a2"].map((body) => ({ queue: "q.fifo", message: message({ body, groupId: "a" }) })),
    );
    await store.claim(receive("q.fifo", 2_000, { max: 1, hiddenUntilMs: 2_500 }));
    const redrive = { maxReceiveCount: 1, deadLetterQueue: "dlq.fifo" };
    const result = await store.claim(receive("q.fifo", 3_000, { redrive }));
    expect(bodies(result.messages)).toEqual(["a2"]);
    expect(result.deadLettered).toEqual([
      expect.objectContaining({ body: "a1", groupId: "a", receiveCount: 1, visibleAtMs: 3_000 }),
    ]);
    const [dead] = (await store.claim(receive("dlq.fifo", 3_000))).messages;
    expect(dead).toMatchObject({ body: "a1", sequence: result.deadLettered[0]?.sequence, receiveCount: 2 });
  });

  test("FIFO: a message in flight holds back an earlier one of its group made visible again", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q.fifo", true));
    await store.enqueue(
      ["a1", "a2", "b1"].map((body) => ({
        queue: "q.fifo",
        message: message({ body, groupId: body.charAt(0) }),
      })),
    );
    const [a1] = (await store.claim(receive("q.fifo", 2_000, { max: 2 }))).messages;
    if (a1 === undefined) throw new Error("expected a1");
    expect(await store.changeVisibility(refOf("q.fifo", a1), 2_000, 2_000)).toBe("done");
    expect(bodies((await store.claim(receive("q.fifo", 2_000))).messages)).toEqual(["b1"]);
  });

  test("FIFO: a message past its retention no longer holds back its group", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q.fifo", true));
    await store.enqueue([
      { queue: "q.fifo", message: message({ body: "a1", groupId: "a", expiresAtMs: 5_000 }) },
      { queue: "q.fifo", message: message({ body: "a2", groupId: "a" }) },
    ]);
    await store.claim(receive("q.fifo", 2_000, { max: 1 }));
    expect(bodies((await store.claim(receive("q.fifo", 6_000))).messages)).toEqual(["a2"]);
  });

  test("FIFO: a group is served up to its first message that is not visible yet", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q.fifo", true));
    await store.enqueue(
      [1_000, 5_000, 1_000].map((visibleAtMs, i) => ({
        queue: "q.fifo",
        message: message({ body: `g${i + 1}`, groupId: "g", visibleAtMs }),
      })),
    );
    expect(bodies((await store.claim(receive("q.fifo", 2_000))).messages)).toEqual(["g1"]);
  });

  test("move skips in-flight and expired messages and forgets the first receive", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("dlq"));
    await store.putQueue(queue("source"));
    await store.enqueue([
      { queue: "dlq", message: message({ body: "in-flight" }) },
      { queue: "dlq", message: message({ body: "expired", expiresAtMs: 4_000 }) },
      { queue: "dlq", message: message({ body: "back", receiveCount: 2, firstReceivedAtMs: 900 }) },
    ]);
    await store.claim(receive("dlq", 2_000, { max: 1 }));
    expect(await store.move("dlq", "source", 10, 5_000)).toBe(1);
    const [back] = (await store.claim(receive("source", 5_000))).messages;
    expect(back).toMatchObject({ body: "back", receiveCount: 1, firstReceivedAtMs: 5_000 });
  });

  test("receipts, expiry, moves and counts on a missing queue reject", async () => {
    const store = createMemoryQueueStore();
    await store.putQueue(queue("q"));
    const ref = { queue: "missing", sequence: 1, receiptToken: "t" };
    for (const call of [
      () => store.ack(ref),
      () => store.changeVisibility(ref, 5_000, 1_000),
      () => store.expire("missing", 1_000, 10),
      () => store.move("q", "missing", 10, 1_000),
      () => store.move("missing", "q", 10, 1_000),
      () => store.counts("missing", 1_000),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(QueueDoesNotExistError);
    }
  });
});
