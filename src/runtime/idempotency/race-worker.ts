/**
 * One of several callers racing for one idempotency key, in a worker thread with its own connection to the
 * database (idempotency-workers.test.ts starts it). Round by round it says it is ready, waits on the shared
 * start flag, calls the idempotent handler and reports what it got. The handler counts its side effect in
 * shared memory and holds the key until another caller has been answered, so the calls overlap for certain.
 */
import { parentPort, workerData } from "node:worker_threads";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import type { Context } from "aws-lambda";
import { lambdaContext } from "./lambda-context.fixture.js";
import { SwitchyardPersistenceLayer } from "./switchyard-persistence-layer.js";

/** What the test gives each worker. */
export interface RaceWorkerData {
  /** Marks a race worker: the test imports this module too, possibly in a thread of the test runner's. */
  readonly role: "race-worker";
  readonly dataDirectory: string;
  readonly rounds: number;
  /** Int32 slots per round: RACE_SLOTS. */
  readonly shared: SharedArrayBuffer;
}

/** A worker's report. */
export type RaceWorkerMessage =
  | { readonly type: "ready"; readonly round: number }
  | { readonly type: "answered"; readonly round: number; readonly result: unknown }
  | { readonly type: "failed"; readonly round: number; readonly errorName: string };

/** The shared slots of one round. */
export const RACE_SLOTS = { go: 0, sideEffects: 1, answered: 2, size: 3 } as const;

/** How long a handler holds the key waiting for another caller's answer (reached only when both ran). */
const HOLD_MS = 3_000;

const data = workerData as Partial<RaceWorkerData> | null;
if (parentPort !== null && data?.role === "race-worker") {
  const port = parentPort;
  const { dataDirectory, rounds, shared } = data as RaceWorkerData;
  const slots = new Int32Array(shared);
  const persistenceStore = new SwitchyardPersistenceLayer({ dataDirectory });
  let round = 0;
  const slot = (name: Exclude<keyof typeof RACE_SLOTS, "size">) => round * RACE_SLOTS.size + RACE_SLOTS[name];
  const charge = makeIdempotent(
    async (event: { orderId: string }, _context: Context) => {
      Atomics.add(slots, slot("sideEffects"), 1);
      Atomics.wait(slots, slot("answered"), 0, HOLD_MS);
      return { charged: event.orderId };
    },
    { persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: "orderId" }) },
  );
  for (round = 0; round < rounds; round++) {
    port.postMessage({ type: "ready", round } satisfies RaceWorkerMessage);
    Atomics.wait(slots, slot("go"), 0);
    let message: RaceWorkerMessage;
    try {
      const result = await charge({ orderId: `order-${round}` }, lambdaContext("charge", 3_000));
      message = { type: "answered", round, result };
    } catch (error) {
      message = { type: "failed", round, errorName: error instanceof Error ? error.name : String(error) };
    }
    Atomics.add(slots, slot("answered"), 1);
    Atomics.notify(slots, slot("answered"));
    port.postMessage(message);
  }
  await persistenceStore.close();
}
