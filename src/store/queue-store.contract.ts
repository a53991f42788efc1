import { describe, expect, test } from "vitest";
import { QueueDoesNotExistError } from "../core/errors.js";
import type { QueueRecord, QueueStore } from "./queue-store.js";
import { createMessageFactory, createTokenSource, queueRecord } from "./store-fixtures.js";

/**
 * The behaviour every QueueStore adapter must show. Each adapter's test file calls this with a factory
 * for a fresh, empty store; an adapter that differs says so here, with the reason.
 */
export function describeQueueStoreContract(
  adapter: string,
  open: () => Promise<{ store: QueueStore; close: () => Promise<void> }>,
): void {
  describe(`QueueStore contract: ${adapter}`, () => {
    const queue = (name: string, fifo = false): QueueRecord =>
      queueRecord(name, fifo, { VisibilityTimeout: "30" });
    const message = createMessageFactory();
    const tokens = createTokenSource();

    async function withStore(run: (store: QueueStore) => Promise<void>): Promise<void> {
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close();
      }
    }

    const rejection = async (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    test("a queue is stored, listed by name and prefix, replaced and deleted", () =>
      withStore(async (store) => {
        await store.putQueue(queue("orders"));
        await store.putQueue(queue("orders-dlq"));
        await store.putQueue(queue("payments.fifo", true));
        expect(await store.getQueue("orders")).toEqual(queue("orders"));
        expect((await store.listQueues()).map((q) => q.name)).toEqual([
          "orders",
          "orders-dlq",
          "payments.fifo",
        ]);
        expect((await store.listQueues("orders")).map((q) => q.name)).toEqual(["orders", "orders-dlq"]);
        await store.putQueue({
          ...queue("orders"),
          attributes: { VisibilityTimeout: "60" },
          updatedAtMs: 2_000,
        });
        expect((await store.getQueue("orders"))?.attributes).toEqual({ VisibilityTimeout: "60" });
        expect(await store.deleteQueue("orders")).toBe(true);
        expect(await store.deleteQueue("orders")).toBe(false);
        expect(await store.getQueue("orders")).toBeUndefined();
      }));

    test("enqueue numbers messages in order per queue and answers in request order", () =>
      withStore(async (store) => {
        await store.putQueue(queue("a"));
        await store.putQueue(queue("b"));
        const outcomes = await store.enqueue([
          { queue: "a", message: message() },
          { queue: "b", message: message() },
          { queue: "a", message: message() },
        ]);
        expect(outcomes.every((o) => o.stored)).toBe(true);
        const sequences = outcomes.map((o) => (o.stored ? o.sequence : -1));
        expect(sequences[2]).toBeGreaterThan(sequences[0] as number);
        expect((await store.counts("a", 1_000)).visible).toBe(2);
        expect((await store.counts("b", 1_000)).visible).toBe(1);
      }));

    test("interleaved queues in one enqueue: each numbers its messages in request order, and goes on from there", () =>
      withStore(async (store) => {
        await store.putQueue(queue("a"));
        await store.putQueue(queue("b"));
        const sent = ["a", "b", "a", "a", "b"].map((name, i) => ({
          queue: name,
          message: message({ body: `${name}${i}` }),
        }));
        const first = await store.enqueue(sent);
        const second = await store.enqueue([{ queue: "a", message: message({ body: "a5" }) }]);
        const sequencesOf = (name: string) =>
          [...first, ...second]
            .map((outcome, i) => ({ outcome, name: i < sent.length ? sent[i]?.queue : "a" }))
            .filter((entry) => entry.name === name)
            .map(({ outcome }) => (outcome.stored ? outcome.sequence : Number.NaN));
        for (const name of ["a", "b"]) {
          const sequences = sequencesOf(name);
          expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
          expect(new Set(sequences).size).toBe(sequences.length);
        }
        const claimed = await store.claim({
          queue: "a",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 30_000,
          tokens,
        });
        expect(claimed.messages.map((m) => m.body)).toEqual(["a0", "a2", "a3", "a5"]);
        expect(await store.counts("a", 2_000)).toMatchObject({ visible: 0, inFlight: 4 });
        expect(await store.counts("b", 2_000)).toMatchObject({ visible: 2, inFlight: 0 });
      }));

    test("an enqueue naming a missing queue stores nothing at all", () =>
      withStore(async (store) => {
        await store.putQueue(queue("a"));
        const error = await rejection(
          store.enqueue([
            { queue: "a", message: message() },
            { queue: "missing", message: message() },
          ]),
        );
        expect(error).toBeInstanceOf(QueueDoesNotExistError);
        expect((await store.counts("a", 1_000)).visible).toBe(0);
      }));

    test("a claim takes visible messages in the order they became visible and hides them", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([
          { queue: "q", message: message({ body: "late", visibleAtMs: 1_500 }) },
          { queue: "q", message: message({ body: "first" }) },
          { queue: "q", message: message({ body: "second" }) },
          { queue: "q", message: message({ body: "delayed", visibleAtMs: 9_000 }) },
        ]);
        const first = await store.claim({ queue: "q", nowMs: 2_000, max: 2, hiddenUntilMs: 32_000, tokens });
        expect(first.messages.map((m) => m.body)).toEqual(["first", "second"]);
        const second = await store.claim({
          queue: "q",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 32_000,
          tokens,
        });
        expect(second.messages.map((m) => m.body)).toEqual(["late"]);
        expect(
          (await store.claim({ queue: "q", nowMs: 2_000, max: 10, hiddenUntilMs: 32_000, tokens })).messages,
        ).toEqual([]);
        expect(
          (
            await store.claim({ queue: "q", nowMs: 9_000, max: 10, hiddenUntilMs: 39_000, tokens })
          ).messages.map((m) => m.body),
        ).toEqual(["delayed"]);
      }));

    test("every receive counts, keeps the first receive time and hands out a new token", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([{ queue: "q", message: message() }]);
        const [one] = (await store.claim({ queue: "q", nowMs: 2_000, max: 1, hiddenUntilMs: 3_000, tokens }))
          .messages;
        expect(one?.receiveCount).toBe(1);
        expect(one?.firstReceivedAtMs).toBe(2_000);
        expect(one?.visibleAtMs).toBe(3_000);
        const [two] = (await store.claim({ queue: "q", nowMs: 3_000, max: 1, hiddenUntilMs: 4_000, tokens }))
          .messages;
        expect(two?.receiveCount).toBe(2);
        expect(two?.firstReceivedAtMs).toBe(2_000);
        expect(two?.receiptToken).not.toBe(one?.receiptToken);
        expect(two?.sequence).toBe(one?.sequence);
      }));

    test("expired messages are never claimed and expire() drops them", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([
          { queue: "q", message: message({ body: "old", expiresAtMs: 5_000 }) },
          { queue: "q", message: message({ body: "fresh", expiresAtMs: 50_000 }) },
        ]);
        const claimed = await store.claim({
          queue: "q",
          nowMs: 6_000,
          max: 10,
          hiddenUntilMs: 7_000,
          tokens,
        });
        expect(claimed.messages.map((m) => m.body)).toEqual(["fresh"]);
        expect(await store.expire("q", 6_000, 100)).toBe(1);
        expect(await store.expire("q", 6_000, 100)).toBe(0);
      }));

    test("ack deletes with the latest token only", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([{ queue: "q", message: message() }]);
        const [first] = (
          await store.claim({ queue: "q", nowMs: 2_000, max: 1, hiddenUntilMs: 3_000, tokens })
        ).messages;
        const [again] = (
          await store.claim({ queue: "q", nowMs: 3_000, max: 1, hiddenUntilMs: 4_000, tokens })
        ).messages;
        if (first === undefined || again === undefined) throw new Error("expected two receives");
        const ref = (m: typeof first) => ({
          queue: "q",
          sequence: m.sequence,
          receiptToken: m.receiptToken as string,
        });
        expect(await store.ack(ref(first))).toBe("stale");
        expect((await store.counts("q", 3_500)).inFlight).toBe(1);
        expect(await store.ack(ref(again))).toBe("done");
        expect(await store.ack(ref(again))).toBe("gone");
        expect(await store.counts("q", 3_500)).toEqual({
          visible: 0,
          inFlight: 0,
          delayed: 0,
          oldestSentAtMs: null,
        });
      }));

    test("changeVisibility moves an in-flight message's return, and refuses others", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([{ queue: "q", message: message() }]);
        const [m] = (await store.claim({ queue: "q", nowMs: 2_000, max: 1, hiddenUntilMs: 30_000, tokens }))
          .messages;
        if (m === undefined) throw new Error("expected a receive");
        const ref = { queue: "q", sequence: m.sequence, receiptToken: m.receiptToken as string };
        expect(await store.changeVisibility(ref, 2_500, 2_100)).toBe("done");
        expect(
          (await store.claim({ queue: "q", nowMs: 2_400, max: 1, hiddenUntilMs: 9_000, tokens })).messages,
        ).toEqual([]);
        expect(await store.changeVisibility(ref, 5_000, 2_400)).toBe("done");
        // Visible again since 5,000: no longer in flight.
        expect(await store.changeVisibility(ref, 6_000, 5_500)).toBe("not-in-flight");
        const later = await store.claim({ queue: "q", nowMs: 6_000, max: 1, hiddenUntilMs: 9_000, tokens });
        expect(later.messages).toHaveLength(1);
        expect(await store.changeVisibility(ref, 9_500, 6_000)).toBe("stale");
        const fresh = {
          queue: "q",
          sequence: m.sequence,
          receiptToken: later.messages[0]?.receiptToken as string,
        };
        expect(await store.changeVisibility(fresh, 9_500, 6_000)).toBe("done");
        expect(await store.changeVisibility({ ...fresh, sequence: m.sequence + 1000 }, 9_500, 6_000)).toBe(
          "gone",
        );
      }));

    test("a message received maxReceiveCount times moves to the dead-letter queue on the next receive", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.putQueue(queue("dlq"));
        await store.enqueue([{ queue: "q", message: message({ body: "poison" }) }]);
        const redrive = { maxReceiveCount: 2, deadLetterQueue: "dlq" };
        for (const nowMs of [2_000, 3_000]) {
          const r = await store.claim({
            queue: "q",
            nowMs,
            max: 1,
            hiddenUntilMs: nowMs + 500,
            tokens,
            redrive,
          });
          expect(r.messages.map((m) => m.body)).toEqual(["poison"]);
        }
        // Visible again at 3,500, before "fine" (3,600): its third receive moves it instead, and the
        // claim goes on to the next message.
        await store.enqueue([
          { queue: "q", message: message({ body: "fine", sentAtMs: 3_600, visibleAtMs: 3_600 }) },
        ]);
        const third = await store.claim({
          queue: "q",
          nowMs: 4_000,
          max: 1,
          hiddenUntilMs: 4_500,
          tokens,
          redrive,
        });
        expect(third.deadLettered.map((m) => m.body)).toEqual(["poison"]);
        expect(third.messages.map((m) => m.body)).toEqual(["fine"]);
        const [dead] = (
          await store.claim({ queue: "dlq", nowMs: 4_000, max: 1, hiddenUntilMs: 5_000, tokens })
        ).messages;
        expect(dead?.messageId).toBe(third.deadLettered[0]?.messageId);
        expect(dead?.body).toBe("poison");
        expect((await store.counts("q", 4_000)).inFlight).toBe(1);
      }));

    test("FIFO: a claim fills from the oldest free group first, in sequence order", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q.fifo", true));
        await store.enqueue(
          ["a1", "b1", "a2", "b2", "c1"].map((body) => ({
            queue: "q.fifo",
            message: message({ body, groupId: body.charAt(0) }),
          })),
        );
        const first = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 2,
          hiddenUntilMs: 9_000,
          tokens,
        });
        expect(first.messages.map((m) => m.body)).toEqual(["a1", "a2"]);
        const second = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 9_000,
          tokens,
        });
        expect(second.messages.map((m) => m.body)).toEqual(["b1", "b2", "c1"]);
      }));

    test("FIFO: a group waits while one of its messages is in flight", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q.fifo", true));
        await store.enqueue(
          ["a1", "a2", "b1"].map((body) => ({
            queue: "q.fifo",
            message: message({ body, groupId: body.charAt(0) }),
          })),
        );
        const first = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 1,
          hiddenUntilMs: 9_000,
          tokens,
        });
        expect(first.messages.map((m) => m.body)).toEqual(["a1"]);
        const second = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 9_000,
          tokens,
        });
        expect(second.messages.map((m) => m.body)).toEqual(["b1"]);
        const a1 = first.messages[0];
        if (a1 === undefined) throw new Error("expected a1");
        expect(
          await store.ack({
            queue: "q.fifo",
            sequence: a1.sequence,
            receiptToken: a1.receiptToken as string,
          }),
        ).toBe("done");
        const third = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 9_000,
          tokens,
        });
        expect(third.messages.map((m) => m.body)).toEqual(["a2"]);
        // At 9,000 a2 and b1 are visible again: both groups are free.
        const fourth = await store.claim({
          queue: "q.fifo",
          nowMs: 9_000,
          max: 10,
          hiddenUntilMs: 19_000,
          tokens,
        });
        expect(fourth.messages.map((m) => [m.body, m.receiveCount])).toEqual([
          ["a2", 2],
          ["b1", 2],
        ]);
      }));

    test("FIFO: a message in flight holds back an earlier one of its group made visible again", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q.fifo", true));
        await store.enqueue(
          ["a1", "a2"].map((body) => ({ queue: "q.fifo", message: message({ body, groupId: "a" }) })),
        );
        const both = await store.claim({
          queue: "q.fifo",
          nowMs: 2_000,
          max: 10,
          hiddenUntilMs: 9_000,
          tokens,
        });
        const a1 = both.messages[0];
        if (a1 === undefined) throw new Error("expected a1");
        const ref = { queue: "q.fifo", sequence: a1.sequence, receiptToken: a1.receiptToken as string };
        expect(await store.changeVisibility(ref, 2_000, 2_000)).toBe("done");
        expect(
          (await store.claim({ queue: "q.fifo", nowMs: 3_000, max: 10, hiddenUntilMs: 9_000, tokens }))
            .messages,
        ).toEqual([]);
        const later = await store.claim({
          queue: "q.fifo",
          nowMs: 9_000,
          max: 10,
          hiddenUntilMs: 19_000,
          tokens,
        });
        expect(later.messages.map((m) => m.body)).toEqual(["a1", "a2"]);
      }));

    test("FIFO: a deduplication id seen within the window is not stored again", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q.fifo", true));
        const send = (sentAtMs: number) => {
          const sent = message({ groupId: "g", deduplicationId: "order-1", sentAtMs });
          return store
            .enqueue([{ queue: "q.fifo", message: sent, deduplicateSinceMs: sentAtMs - 300_000 }])
            .then(([outcome]) => ({ sent, outcome }));
        };
        const first = await send(1_000);
        const duplicate = await send(200_000);
        expect(first.outcome?.stored).toBe(true);
        const firstSequence = first.outcome?.stored ? first.outcome.sequence : -1;
        expect(duplicate.outcome).toEqual({
          stored: false,
          duplicateOf: { messageId: first.sent.messageId, sequence: firstSequence },
        });
        expect((await send(400_000)).outcome?.stored).toBe(true);
      }));

    test("purge empties a queue; deleteQueue takes its messages with it", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([1, 2, 3].map(() => ({ queue: "q", message: message() })));
        expect(await store.purge("q")).toBe(3);
        expect((await store.counts("q", 1_000)).visible).toBe(0);
        await store.enqueue([{ queue: "q", message: message() }]);
        await store.deleteQueue("q");
        await store.putQueue(queue("q"));
        expect((await store.counts("q", 1_000)).visible).toBe(0);
        expect(await rejection(store.purge("missing"))).toBeInstanceOf(QueueDoesNotExistError);
      }));

    test("move sends visible messages back, oldest first, with their receive count reset", () =>
      withStore(async (store) => {
        await store.putQueue(queue("source"));
        await store.putQueue(queue("dlq"));
        await store.enqueue(
          ["x", "y", "z"].map((body, i) => ({
            queue: "dlq",
            message: message({ body, receiveCount: 3, sentAtMs: 1_000 + i }),
          })),
        );
        expect(await store.move("dlq", "source", 2, 5_000)).toBe(2);
        const back = await store.claim({
          queue: "source",
          nowMs: 5_000,
          max: 10,
          hiddenUntilMs: 6_000,
          tokens,
        });
        expect(back.messages.map((m) => [m.body, m.receiveCount])).toEqual([
          ["x", 1],
          ["y", 1],
        ]);
        expect((await store.counts("dlq", 5_000)).visible).toBe(1);
      }));

    test("the next visibility time is the earliest hidden message's", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        expect(await store.nextVisibleAtMs("q", 1_000)).toBeNull();
        await store.enqueue([
          { queue: "q", message: message({ visibleAtMs: 1_000 }) },
          { queue: "q", message: message({ visibleAtMs: 8_000 }) },
        ]);
        expect(await store.nextVisibleAtMs("q", 1_000)).toBe(8_000);
        await store.claim({ queue: "q", nowMs: 1_000, max: 1, hiddenUntilMs: 4_000, tokens });
        expect(await store.nextVisibleAtMs("q", 1_000)).toBe(4_000);
        expect(await store.nextVisibleAtMs("q", 5_000)).toBe(8_000);
        expect(await store.nextVisibleAtMs("q", 8_000)).toBeNull();
      }));

    test("counts split visible, in-flight and delayed, with the oldest send time", () =>
      withStore(async (store) => {
        await store.putQueue(queue("q"));
        await store.enqueue([
          { queue: "q", message: message({ sentAtMs: 500 }) },
          { queue: "q", message: message({ sentAtMs: 700 }) },
          { queue: "q", message: message({ sentAtMs: 900, visibleAtMs: 60_000 }) },
        ]);
        await store.claim({ queue: "q", nowMs: 1_000, max: 1, hiddenUntilMs: 31_000, tokens });
        expect(await store.counts("q", 1_000)).toEqual({
          visible: 1,
          inFlight: 1,
          delayed: 1,
          oldestSentAtMs: 500,
        });
        expect(await store.counts("q", 40_000)).toEqual({
          visible: 2,
          inFlight: 0,
          delayed: 1,
          oldestSentAtMs: 500,
        });
      }));
  });
}
