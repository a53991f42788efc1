import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createMemoryQueueStore } from "../memory/memory-queue-store.js";
import type { MessageRef, QueueStore, StoredMessage } from "../queue-store.js";
import { GroupCommit } from "./group-commit.js";
import { openDatabase } from "./open-database.js";
import { IN_MEMORY, resolveSqliteOptions } from "./sqlite-options.js";
import { SqliteQueueStore } from "./sqlite-queue-store.js";

/**
 * Random runs of queue operations against the SQLite store and the in-memory one, which serves as the
 * simple reference: every answer must agree (sequence numbers aside: memory numbers across the whole
 * store, SQLite per queue), and afterwards SQLite's bookkeeping (counters, FIFO group heads) must match
 * its rows.
 */
const QUEUES = [
  { name: "std", fifo: false, deadLetterQueue: "dlq" },
  { name: "dlq", fifo: false, deadLetterQueue: "std" },
  { name: "f.fifo", fifo: true, deadLetterQueue: "fdlq.fifo" },
  { name: "fdlq.fifo", fifo: true, deadLetterQueue: "f.fifo" },
] as const;
const queueIndex = fc.nat({ max: QUEUES.length - 1 });

const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("enqueue" as const),
      items: fc.array(
        fc.record({
          queue: queueIndex,
          delayMs: fc.constantFrom(0, 0, 15),
          retentionMs: fc.constantFrom(40, 400),
          group: fc.constantFrom("a", "b", "c"),
          deduplicationId: fc.constantFrom(null, "d1", "d2"),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("claim" as const),
      queue: queueIndex,
      max: fc.integer({ min: 1, max: 4 }),
      visibilityMs: fc.constantFrom(0, 10, 30),
      redrive: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("ack" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("changeVisibility" as const),
      pick: fc.nat(),
      visibilityMs: fc.constantFrom(0, 5, 20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("expire" as const),
      queue: queueIndex,
      limit: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("move" as const),
      queue: queueIndex,
      limit: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("purge" as const), queue: queueIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("recreate" as const), queue: queueIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("counts" as const), queue: queueIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 1, max: 25 }) }),
  },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Answers with sequence numbers taken out, the one thing the two stores number differently. */
function withoutSequences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSequences);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "sequence")
      .map(([key, inner]) => [key, withoutSequences(inner)]),
  );
}

/** What a call gave: its answer, or the code of the error it rejected with. */
async function settle(call: Promise<unknown>): Promise<unknown> {
  return call.then(withoutSequences, (error: unknown) => ({ rejected: (error as { code?: string }).code }));
}

interface Run {
  readonly sqlite: QueueStore;
  readonly memory: QueueStore;
  nowMs: number;
  /** Receipt tokens handed out so far, per store. */
  readonly tokens: { sqlite: number; memory: number };
  /** Each receive, as a ref for each store. */
  readonly receipts: { sqlite: MessageRef; memory: MessageRef }[];
}

const ref = (queue: string, m: StoredMessage): MessageRef => ({
  queue,
  sequence: m.sequence,
  receiptToken: m.receiptToken as string,
});

async function step(run: Run, op: Operation, next: () => number): Promise<void> {
  const both = async (call: (store: QueueStore) => Promise<unknown>) => {
    const [fromSqlite, fromMemory] = await Promise.all([settle(call(run.sqlite)), settle(call(run.memory))]);
    expect(fromSqlite, JSON.stringify(op)).toEqual(fromMemory);
  };
  const record = (q: number) => ({
    name: QUEUES[q]?.name ?? "",
    fifo: QUEUES[q]?.fifo ?? false,
    attributes: {},
    tags: {},
    createdAtMs: run.nowMs,
    updatedAtMs: run.nowMs,
  });
  switch (op.kind) {
    case "enqueue": {
      const items = op.items.map((item) => {
        const { name, fifo } = QUEUES[item.queue] ?? QUEUES[0];
        const id = next();
        return {
          queue: name,
          message: {
            messageId: `m-${id}`,
            body: `body-${id}`,
            messageAttributes: null,
            systemAttributes: null,
            sentAtMs: run.nowMs,
            visibleAtMs: run.nowMs + item.delayMs,
            expiresAtMs: run.nowMs + item.retentionMs,
            groupId: fifo ? item.group : null,
            deduplicationId: fifo ? item.deduplicationId : null,
            receiveCount: 0,
            firstReceivedAtMs: null,
          },
          ...(fifo ? { deduplicateSinceMs: run.nowMs - 100 } : {}),
        };
      });
      return both((store) => store.enqueue(items));
    }
    case "claim": {
      const { name, deadLetterQueue } = QUEUES[op.queue] ?? QUEUES[0];
      const base = {
        queue: name,
        nowMs: run.nowMs,
        max: op.max,
        hiddenUntilMs: run.nowMs + op.visibilityMs,
        ...(op.redrive ? { redrive: { maxReceiveCount: 2, deadLetterQueue } } : {}),
      };
      const [fromSqlite, fromMemory] = await Promise.all([
        run.sqlite.claim({ ...base, tokens: () => `t${++run.tokens.sqlite}` }),
        run.memory.claim({ ...base, tokens: () => `t${++run.tokens.memory}` }),
      ]);
      expect(withoutSequences(fromSqlite), JSON.stringify(op)).toEqual(withoutSequences(fromMemory));
      fromSqlite.messages.forEach((m, i) => {
        const other = fromMemory.messages[i] as StoredMessage;
        run.receipts.push({ sqlite: ref(name, m), memory: ref(name, other) });
      });
      return;
    }
    case "ack":
    case "changeVisibility": {
      const receipt = run.receipts[op.pick % Math.max(1, run.receipts.length)];
      if (receipt === undefined) return;
      const visibleAtMs = run.nowMs + (op.kind === "changeVisibility" ? op.visibilityMs : 0);
      return both((store) => {
        const mine = store === run.sqlite ? receipt.sqlite : receipt.memory;
        return op.kind === "ack" ? store.ack(mine) : store.changeVisibility(mine, visibleAtMs, run.nowMs);
      });
    }
    case "expire":
      return both((store) => store.expire(QUEUES[op.queue]?.name ?? "", run.nowMs, op.limit));
    case "move": {
      const { name, deadLetterQueue } = QUEUES[op.queue] ?? QUEUES[0];
      return both((store) => store.move(deadLetterQueue, name, op.limit, run.nowMs));
    }
    case "purge":
      return both((store) => store.purge(QUEUES[op.queue]?.name ?? ""));
    case "recreate":
      await both((store) => store.deleteQueue(QUEUES[op.queue]?.name ?? ""));
      return both((store) => store.putQueue(record(op.queue)));
    case "counts":
      return both((store) => store.counts(QUEUES[op.queue]?.name ?? "", run.nowMs));
    case "tick":
      run.nowMs += op.ms;
      return;
  }
}

describe("SqliteQueueStore against the in-memory reference", () => {
  test("random runs of operations give the same answers, and the bookkeeping matches the rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 40 }), async (operations) => {
        const db = openDatabase(resolveSqliteOptions({ dataDirectory: IN_MEMORY }));
        const commits = new GroupCommit(db);
        try {
          const run: Run = {
            sqlite: new SqliteQueueStore(db, commits),
            memory: createMemoryQueueStore(),
            nowMs: 1_000,
            tokens: { sqlite: 0, memory: 0 },
            receipts: [],
          };
          for (const q of QUEUES) {
            const record = {
              name: q.name,
              fifo: q.fifo,
              attributes: {},
              tags: {},
              createdAtMs: 0,
              updatedAtMs: 0,
            };
            await Promise.all([run.sqlite.putQueue(record), run.memory.putQueue(record)]);
          }
          let id = 0;
          for (const op of operations) await step(run, op, () => ++id);
          for (const q of QUEUES) {
            await step(run, { kind: "counts", queue: QUEUES.indexOf(q) }, () => ++id);
          }
          expect(
            db
              .prepare(
                `SELECT q.name, q.message_count AS counter, (SELECT count(*) FROM messages m WHERE m.queue_id = q.id) AS rows
                 FROM queues q WHERE q.message_count <> (SELECT count(*) FROM messages m WHERE m.queue_id = q.id)`,
              )
              .all(),
          ).toEqual([]);
          const groups = (sql: string) => db.prepare(sql).all();
          expect(groups("SELECT queue_id, group_id, head_sequence FROM fifo_groups ORDER BY 1, 2")).toEqual(
            groups(
              `SELECT m.queue_id, m.group_id, min(m.sequence) AS head_sequence FROM messages m
               JOIN queues q ON q.id = m.queue_id WHERE q.fifo = 1 GROUP BY 1, 2 ORDER BY 1, 2`,
            ),
          );
        } finally {
          commits.close();
          db.close();
        }
      }),
      { numRuns: 500 },
    );
  });
});
