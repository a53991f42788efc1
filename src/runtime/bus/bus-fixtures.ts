/** Test fixtures for the bus runtime: both stores, the services over them, and a sample order event. */
import { afterEach } from "vitest";
import type { ArchiveStore } from "../../store/archive-store.js";
import type { BusStore } from "../../store/bus-store.js";
import { createMemoryArchiveStore } from "../../store/memory/memory-archive-store.js";
import { createMemoryBusStore } from "../../store/memory/memory-bus-store.js";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import type { QueueStore } from "../../store/queue-store.js";
import { createSqliteStores } from "../../store/sqlite/sqlite-stores.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "../queues/queue-service.js";
import { QueueWakeups } from "../queues/queue-wakeups.js";
import { createEventBusService } from "./event-bus-service.js";

/** A queue store and a bus store that close together. */
export type Stores = {
  queues: QueueStore;
  buses: BusStore;
  archives: ArchiveStore;
  close: () => Promise<void>;
};

/** Every store the bus runs on, by name. */
export const STORES: Record<string, () => Stores> = {
  memory: () => ({
    queues: createMemoryQueueStore(),
    buses: createMemoryBusStore(),
    archives: createMemoryArchiveStore(),
    close: async () => {},
  }),
  sqlite: () => createSqliteStores({ dataDirectory: ":memory:" }),
};

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";
/** The ARN of a queue of the test account. */
export const arnOf = (queue: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`;

const opened: Stores[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** Opens a store of the given kind, closed after the test. */
export function openStores(kind: string): Stores {
  const s = (STORES[kind] as () => Stores)();
  opened.push(s);
  return s;
}

/** The SQS and EventBridge services over one store, on a manual clock and counting ids. */
export function services(stores: Stores, clock = new ManualClock(1_700_000_000_000)) {
  const ids = createCountingIds();
  const wakeups = new QueueWakeups(clock);
  const base = { clock, ids, account: ACCOUNT, region: REGION, wakeups };
  return {
    clock,
    stores,
    sqs: createQueueService({ ...base, store: stores.queues }),
    events: createEventBusService({
      ...base,
      queues: stores.queues,
      buses: stores.buses,
      archives: stores.archives,
    }),
  };
}

/** A PutEvents entry of the shop's OrderCreated event. */
export const order = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Source: "shop.orders",
  DetailType: "OrderCreated",
  Detail: JSON.stringify(detail),
  ...extra,
});
