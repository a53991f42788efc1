import { afterEach, describe, expect, test } from "vitest";
import { describeQueueStoreContract } from "../queue-store.contract.js";
import type { QueueRecord } from "../queue-store.js";
import {
  createMessageFactory,
  createTempDirectory,
  createTokenSource,
  queueRecord,
} from "../store-fixtures.js";
import { GroupCommit } from "./group-commit.js";
import { openDatabase } from "./open-database.js";
import { resolveSqliteOptions } from "./sqlite-options.js";
import {
  createSqliteQueueStore,
  SqliteQueueStore,
  type SqliteQueueStoreHandle,
} from "./sqlite-queue-store.js";

describeQueueStoreContract("sqlite", async () => {
  const directory = createTempDirectory();
  const { store, close } = createSqliteQueueStore({ dataDirectory: directory.path });
  return {
    store,
    close: async () => {
      await close();
      directory.remove();
    },
  };
});

const queue = (name: string, fifo = false): QueueRecord => ({
  ...queueRecord(name, fifo, { VisibilityTimeout: "30" }),
  tags: { team: "shop" },
});
const message = createMessageFactory();
const tokens = createTokenSource();

describe("SqliteQueueStore", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDirectory(): string {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    return directory.path;
  }

  function open(dataDirectory: string): SqliteQueueStoreHandle {
    const handle = createSqliteQueueStore({ dataDirectory });
    cleanups.push(handle.close);
    return handle;
  }

  test("queues, messages, receive counts and deduplication records survive close and reopen", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    await first.store.putQueue(queue("orders"));
    await first.store.putQueue(queue("orders.fifo", true));
    const rich = message({
      body: "🧾 order 42",
      messageAttributes: '{"kind":{"DataType":"String","StringValue":"order"}}',
      systemAttributes: '{"AWSTraceHeader":"Root=1-abc"}',
      sentAtMs: 900,
      expiresAtMs: 345_600_900,
    });
    await first.store.enqueue([
      { queue: "orders", message: rich },
      { queue: "orders", message: message({ body: "waiting", visibleAtMs: 50_000 }) },
      {
        queue: "orders.fifo",
        message: message({ groupId: "g", deduplicationId: "d-1" }),
        deduplicateSinceMs: 1_000 - 300_000,
      },
    ]);
    const [received] = (
      await first.store.claim({ queue: "orders", nowMs: 2_000, max: 1, hiddenUntilMs: 32_000, tokens })
    ).messages;
    await first.close();

    const second = open(directory);
    expect((await second.store.listQueues()).map((q) => q.name)).toEqual(["orders", "orders.fifo"]);
    expect(await second.store.getQueue("orders")).toEqual(queue("orders"));
    expect(await second.store.counts("orders", 2_000)).toEqual({
      visible: 0,
      inFlight: 1,
      delayed: 1,
      oldestSentAtMs: 900,
    });
    const [again] = (
      await second.store.claim({ queue: "orders", nowMs: 32_000, max: 1, hiddenUntilMs: 62_000, tokens })
    ).messages;
    expect(again).toMatchObject({
      ...rich,
      visibleAtMs: 62_000,
      receiveCount: 2,
      firstReceivedAtMs: 2_000,
      sequence: received?.sequence,
    });
    const [duplicate] = await second.store.enqueue([
      {
        queue: "orders.fifo",
        message: message({ groupId: "g", deduplicationId: "d-1", sentAtMs: 2_000 }),
        deduplicateSinceMs: 2_000 - 300_000,
      },
    ]);
    expect(duplicate?.stored).toBe(false);
    // Sequence numbers go on from where they were.
    const [later] = await second.store.enqueue([{ queue: "orders", message: message() }]);
    expect(later).toEqual({ stored: true, sequence: 3 });
  });

  test("a write that arrives while the store closes is committed before the database closes", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    await first.store.putQueue(queue("q"));
    const pending = first.store.enqueue([{ queue: "q", message: message() }]);
    await first.close();
    expect(await pending).toEqual([{ stored: true, sequence: 1 }]);
    await expect(first.store.enqueue([{ queue: "q", message: message() }])).rejects.toThrow(/closed/);
    await expect(first.store.counts("q", 1_000)).rejects.toThrow(/closed/);
    const second = open(directory);
    expect((await second.store.counts("q", 1_000)).visible).toBe(1);
  });

  test("writes of the same turn share a batch, and a failing one rejects only its own caller", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    await first.store.putQueue(queue("q"));
    const results = await Promise.allSettled([
      first.store.enqueue([{ queue: "q", message: message({ body: "kept" }) }]),
      first.store.enqueue([
        { queue: "q", message: message({ body: "dropped" }) },
        { queue: "missing", message: message() },
      ]),
      first.store.putQueue(queue("other")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    await first.close();
    const second = open(directory);
    const { messages } = await second.store.claim({
      queue: "q",
      nowMs: 1_000,
      max: 10,
      hiddenUntilMs: 2_000,
      tokens,
    });
    expect(messages.map((m) => m.body)).toEqual(["kept"]);
    expect(await second.store.getQueue("other")).toBeDefined();
  });

  test("the acks of one turn run together; each answers for itself, and a missing queue fails only its own", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    await store.enqueue([1, 2, 3].map((n) => ({ queue: "q", message: message({ body: `m${n}` }) })));
    const { messages } = await store.claim({
      queue: "q",
      nowMs: 1_000,
      max: 3,
      hiddenUntilMs: 9_000,
      tokens,
    });
    const [a, b, c] = messages;
    if (a === undefined || b === undefined || c === undefined) throw new Error("expected three receives");
    const refOf = (m: typeof a, token = m.receiptToken as string) => ({
      queue: "q",
      sequence: m.sequence,
      receiptToken: token,
    });
    const outcomes = await Promise.allSettled([
      store.ack(refOf(a)),
      store.ack(refOf(b, "not-its-token")),
      store.ack({ queue: "missing", sequence: 1, receiptToken: "t" }),
      store.ack(refOf(c)),
      store.ack(refOf(a)),
    ]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).name))).toEqual([
      "done",
      "stale",
      "QueueDoesNotExistError",
      "done",
      "gone",
    ]);
    const counts = await store.counts("q", 1_000);
    expect(counts.inFlight + counts.visible + counts.delayed).toBe(1);
  });

  test("writes of one batch find a queue deleted and created again in that batch under its new id", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    // One turn, one batch: the first enqueue caches q's id; the delete and re-create must drop it.
    const [before, , , after] = await Promise.all([
      store.enqueue([{ queue: "q", message: message({ body: "old" }) }]),
      store.deleteQueue("q"),
      store.putQueue(queue("q")),
      store.enqueue([{ queue: "q", message: message({ body: "new" }) }]),
    ]);
    expect(before?.[0]?.stored && after?.[0]?.stored).toBe(true);
    const { messages } = await store.claim({
      queue: "q",
      nowMs: 1_000,
      max: 10,
      hiddenUntilMs: 2_000,
      tokens,
    });
    expect(messages.map((m) => m.body)).toEqual(["new"]);
    expect((await store.counts("q", 1_000)).inFlight).toBe(1);
  });

  test("a queue's record is read again once another connection has changed it, and at once after its own change", async () => {
    const directory = tempDirectory();
    const { store } = open(directory);
    await store.putQueue(queue("q"));
    expect((await store.getQueue("q"))?.attributes).toEqual(queue("q").attributes);
    await store.putQueue({ ...queue("q"), attributes: { VisibilityTimeout: "5" } });
    expect((await store.getQueue("q"))?.attributes).toEqual({ VisibilityTimeout: "5" });
    const other = open(directory);
    await other.store.putQueue({ ...queue("q"), attributes: { VisibilityTimeout: "7" } });
    expect((await store.getQueue("q"))?.attributes).toEqual({ VisibilityTimeout: "7" });
    await other.store.deleteQueue("q");
    expect(await store.getQueue("q")).toBeUndefined();
  });

  test("a queue created again goes on numbering, so a receipt of the deleted one finds nothing", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    const [old] = (await store.claim({ queue: "q", nowMs: 1_000, max: 1, hiddenUntilMs: 9_000, tokens }))
      .messages;
    if (old === undefined) throw new Error("expected a receive");
    await store.deleteQueue("q");
    await store.putQueue(queue("q"));
    const [outcome] = await store.enqueue([{ queue: "q", message: message() }]);
    expect(outcome).toEqual({ stored: true, sequence: old.sequence + 1 });
    expect(
      await store.ack({ queue: "q", sequence: old.sequence, receiptToken: old.receiptToken as string }),
    ).toBe("gone");
  });

  test("a claim with a zero visibility timeout takes each message once", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    await store.enqueue([1, 2, 3].map(() => ({ queue: "q", message: message() })));
    const claimed = await store.claim({ queue: "q", nowMs: 1_000, max: 10, hiddenUntilMs: 1_000, tokens });
    expect(claimed.messages.map((m) => m.sequence)).toEqual([1, 2, 3]);
  });

  test("a claim reads past more expired and dead-lettered messages than it asked for", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    await store.putQueue(queue("dlq"));
    await store.enqueue([
      ...Array.from({ length: 7 }, () => ({ queue: "q", message: message({ expiresAtMs: 1_500 }) })),
      ...Array.from({ length: 5 }, () => ({ queue: "q", message: message({ receiveCount: 3 }) })),
      { queue: "q", message: message({ body: "wanted" }) },
    ]);
    const result = await store.claim({
      queue: "q",
      nowMs: 2_000,
      max: 2,
      hiddenUntilMs: 3_000,
      tokens,
      redrive: { maxReceiveCount: 3, deadLetterQueue: "dlq" },
    });
    expect(result.messages.map((m) => m.body)).toEqual(["wanted"]);
    expect(result.deadLettered).toHaveLength(5);
    expect(result.deadLettered.map((m) => m.receiveCount)).toEqual([3, 3, 3, 3, 3]);
    expect(await store.counts("dlq", 2_000)).toMatchObject({ visible: 5 });
    // The seven past their retention count nowhere, though expire() has not dropped them yet.
    expect(await store.counts("q", 2_000)).toEqual({
      visible: 0,
      inFlight: 1,
      delayed: 0,
      oldestSentAtMs: 1_000,
    });
    expect(await store.expire("q", 2_000, 100)).toBe(7);
  });

  test("a missing dead-letter queue rejects the claim and hides nothing", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q"));
    await store.enqueue([{ queue: "q", message: message() }]);
    const claim = store.claim({
      queue: "q",
      nowMs: 2_000,
      max: 1,
      hiddenUntilMs: 3_000,
      tokens,
      redrive: { maxReceiveCount: 3, deadLetterQueue: "gone" },
    });
    await expect(claim).rejects.toMatchObject({ code: "QueueDoesNotExist" });
    expect((await store.counts("q", 2_000)).visible).toBe(1);
  });

  test("FIFO: a claim walks past many busy groups to the free ones, oldest first", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q.fifo", true));
    const groups = Array.from({ length: 40 }, (_, i) => `g${String(i).padStart(2, "0")}`);
    await store.enqueue(
      [1, 2].flatMap((n) =>
        groups.map((g) => ({ queue: "q.fifo", message: message({ groupId: g, body: `${g}-${n}` }) })),
      ),
    );
    const first = await store.claim({ queue: "q.fifo", nowMs: 1_000, max: 1, hiddenUntilMs: 9_000, tokens });
    expect(first.messages.map((m) => m.body)).toEqual(["g00-1"]);
    const busy = [];
    for (let i = 1; i < 35; i++) {
      busy.push(await store.claim({ queue: "q.fifo", nowMs: 1_000, max: 1, hiddenUntilMs: 9_000, tokens }));
    }
    expect(busy.at(-1)?.messages.map((m) => m.body)).toEqual(["g34-1"]);
    const rest = await store.claim({ queue: "q.fifo", nowMs: 1_000, max: 10, hiddenUntilMs: 9_000, tokens });
    expect(rest.messages.map((m) => m.body)).toEqual([
      "g35-1",
      "g35-2",
      "g36-1",
      "g36-2",
      "g37-1",
      "g37-2",
      "g38-1",
      "g38-2",
      "g39-1",
      "g39-2",
    ]);
  });

  test("FIFO: a group whose oldest message is delayed waits, later messages too", async () => {
    const { store } = open(tempDirectory());
    await store.putQueue(queue("q.fifo", true));
    await store.enqueue([
      { queue: "q.fifo", message: message({ groupId: "a", body: "a1", visibleAtMs: 5_000 }) },
      { queue: "q.fifo", message: message({ groupId: "a", body: "a2" }) },
      { queue: "q.fifo", message: message({ groupId: "b", body: "b1" }) },
    ]);
    const early = await store.claim({ queue: "q.fifo", nowMs: 2_000, max: 10, hiddenUntilMs: 9_000, tokens });
    expect(early.messages.map((m) => m.body)).toEqual(["b1"]);
    const later = await store.claim({ queue: "q.fifo", nowMs: 5_000, max: 10, hiddenUntilMs: 9_000, tokens });
    expect(later.messages.map((m) => m.body)).toEqual(["a1", "a2"]);
  });

  test("FIFO: deduplication records outside the window are retired as new ones arrive", async () => {
    const db = openDatabase(resolveSqliteOptions({ dataDirectory: tempDirectory() }));
    cleanups.push(() => void db.close());
    const store = new SqliteQueueStore(db, new GroupCommit(db));
    const records = () => db.prepare("SELECT deduplication_id FROM deduplication ORDER BY 1").pluck().all();
    await store.putQueue(queue("q.fifo", true));
    const send = (deduplicationId: string, sentAtMs: number) =>
      store.enqueue([
        {
          queue: "q.fifo",
          message: message({ groupId: "g", deduplicationId, sentAtMs }),
          deduplicateSinceMs: sentAtMs - 300_000,
        },
      ]);
    for (let i = 0; i < 6; i++) await send(`old-${i}`, 1_000 + i);
    expect(records()).toHaveLength(6);
    for (let i = 0; i < 3; i++) await send(`new-${i}`, 400_000 + i);
    expect(records()).toEqual(["new-0", "new-1", "new-2"]);
    expect((await send("old-5", 400_010))[0]?.stored).toBe(true);
    expect((await send("new-0", 400_020))[0]?.stored).toBe(false);
  });
});
