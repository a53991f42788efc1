/** Test fixtures for the queue runtime: both stores, a service over one on a manual clock, and turns to let work settle. */
import { afterEach } from "vitest";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import type { QueueStore } from "../../store/queue-store.js";
import { createSqliteQueueStore } from "../../store/sqlite/sqlite-queue-store.js";
import type { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "./queue-service.js";

/** Every store the queue runtime runs on, by name: memory, and SQLite (in memory) with its group commit. */
export const QUEUE_STORES: Record<string, () => { store: QueueStore; close: () => Promise<void> }> = {
  memory: () => ({ store: createMemoryQueueStore(), close: async () => {} }),
  sqlite: () => createSqliteQueueStore({ dataDirectory: ":memory:" }),
};

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

/** Opens a store of the given kind, closed after the test. */
export function openQueueStore(kind: string): QueueStore {
  const { store, close } = (QUEUE_STORES[kind] as () => { store: QueueStore; close: () => Promise<void> })();
  opened.push(close);
  return store;
}

/** The SQS service over a store, on a manual clock, counting ids, in account 000000000000 of us-east-1. */
export function queueServiceOn(store: QueueStore, clock: ManualClock) {
  return createQueueService({
    store,
    clock,
    ids: createCountingIds(),
    account: "000000000000",
    region: "us-east-1",
  });
}

/** Lets pending work (store calls and group commits inside a receive) finish before the clock moves. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
