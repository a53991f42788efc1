import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyValidationError,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import type { IdempotencyConfigOptions } from "@aws-lambda-powertools/idempotency/types";
import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ValidationError } from "../../core/errors.js";
import type { IdempotencyStore } from "../../store/idempotency-store.js";
import { createMemoryIdempotencyStore } from "../../store/memory/memory-idempotency-store.js";
import { createSqliteIdempotencyStore } from "../../store/sqlite/sqlite-idempotency-store.js";
import { lambdaContext } from "./lambda-context.fixture.js";
import { DATA_DIRECTORY_VARIABLE, SwitchyardPersistenceLayer } from "./switchyard-persistence-layer.js";

const FUNCTION_NAME = "charge-order";
const START_MS = Date.parse("2026-03-01T12:00:00.250Z");
const TIMEOUT_MS = 3_000;

interface OrderEvent {
  readonly orderId: string;
  readonly amount: number;
}

/**
 * Where records live in a scenario. `layer()` gives a new persistence layer each call: on SQLite each has
 * a connection of its own to one file (a second worker thread, another process); in memory all share one
 * store. `store` reads the records as they are kept.
 */
interface Backend {
  layer(): SwitchyardPersistenceLayer;
  readonly store: IdempotencyStore;
  close(): Promise<void>;
}

const backends: Record<string, () => Backend> = {
  "SQLite file": () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
    const layers: SwitchyardPersistenceLayer[] = [];
    const reader = createSqliteIdempotencyStore({ dataDirectory: directory });
    return {
      layer() {
        const layer = new SwitchyardPersistenceLayer({ dataDirectory: directory });
        layers.push(layer);
        return layer;
      },
      store: reader.store,
      async close() {
        await Promise.all([...layers.map((layer) => layer.close()), reader.close()]);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  "memory store": () => {
    const store = createMemoryIdempotencyStore();
    return { layer: () => new SwitchyardPersistenceLayer({ store }), store, close: async () => {} };
  },
};

describe.each(Object.keys(backends))("makeIdempotent with SwitchyardPersistenceLayer on a %s", (name) => {
  let backend: Backend;
  let sideEffects: number;

  beforeEach(() => {
    // Only Date: Powertools reads Date.now(), while the group commit needs its real setImmediate.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START_MS);
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
    backend = (backends[name] as () => Backend)();
    sideEffects = 0;
  });

  afterEach(async () => {
    await backend.close();
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });

  /** The handler of the tests: charges an order (the side effect) and answers with a receipt. */
  function chargeHandler(
    options: {
      config?: IdempotencyConfigOptions;
      layer?: SwitchyardPersistenceLayer;
      body?: (event: OrderEvent) => Promise<void>;
    } = {},
  ) {
    return makeIdempotent(
      async (event: OrderEvent, _context: Context) => {
        sideEffects++;
        await options.body?.(event);
        return { receipt: `r-${event.orderId}`, amount: event.amount, lines: [{ sku: "é-1", quantity: 2 }] };
      },
      {
        persistenceStore: options.layer ?? backend.layer(),
        config: new IdempotencyConfig({ eventKeyJmesPath: "orderId", ...options.config }),
      },
    );
  }

  const context = () => lambdaContext(FUNCTION_NAME, TIMEOUT_MS);
  const order: OrderEvent = { orderId: "o-1", amount: 30 };

  test("the same event twice runs the handler once; the second call gets the first call's result", async () => {
    const receipt = await chargeHandler()(order, context());
    // A second execution environment (another connection) answers from the stored record.
    expect(await chargeHandler()(order, context())).toEqual(receipt);
    expect(sideEffects).toBe(1);
    expect(receipt).toEqual({ receipt: "r-o-1", amount: 30, lines: [{ sku: "é-1", quantity: 2 }] });
  });

  test("the record is what the DynamoDB layer would keep: key, COMPLETED, expiries, the result", async () => {
    await chargeHandler()(order, context());
    const key = `${FUNCTION_NAME}#${await md5Base64(JSON.stringify("o-1"))}`;
    expect(await backend.store.get(key)).toEqual({
      key,
      status: "COMPLETED",
      expiresAtSeconds: Math.round(START_MS / 1000 + 3600),
      inProgressExpiresAtMs: START_MS + TIMEOUT_MS,
      responseData: JSON.stringify({ receipt: "r-o-1", amount: 30, lines: [{ sku: "é-1", quantity: 2 }] }),
    });
  });

  test("an event delivered concurrently to two callers runs once; the other is told it is in progress", async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The handler holds the key until one caller has been answered; were both let in, both would wait.
    const body = () => Promise.race([released, new Promise<void>((resolve) => setTimeout(resolve, 2_000))]);
    const callers = [chargeHandler({ body }), chargeHandler({ body })];
    const calls = callers.map((call) => call(order, context()));
    void Promise.race(calls).then(release, release);
    const outcomes = await Promise.allSettled(calls);

    expect(sideEffects).toBe(1);
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(IdempotencyAlreadyInProgressError);
    // Once it completed, a redelivery gets the result.
    expect(await chargeHandler()(order, context())).toMatchObject({ receipt: "r-o-1" });
    expect(sideEffects).toBe(1);
  });

  test("a handler that throws leaves no record, so a retry runs it again", async () => {
    let failures = 1;
    const charge = chargeHandler({
      body: async () => {
        if (failures-- > 0) throw new Error("payment provider unavailable");
      },
    });
    await expect(charge(order, context())).rejects.toThrow("payment provider unavailable");
    expect(await recordCount(backend.store, "o-1")).toBe(0);
    expect(await charge(order, context())).toMatchObject({ receipt: "r-o-1" });
    expect(sideEffects).toBe(2);
  });

  test("a handler that timed out mid-way holds the key until its in-progress expiry, then is retried", async () => {
    // The first invocation never finishes: its worker was stopped at the function's timeout.
    void chargeHandler({ body: () => new Promise<never>(() => {}) })(order, context());
    await vi.waitFor(async () => expect(await recordCount(backend.store, "o-1")).toBe(1));

    vi.setSystemTime(START_MS + TIMEOUT_MS);
    await expect(chargeHandler()(order, context())).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    expect(sideEffects).toBe(1);

    vi.setSystemTime(START_MS + TIMEOUT_MS + 1);
    expect(await chargeHandler()(order, context())).toMatchObject({ receipt: "r-o-1" });
    expect(sideEffects).toBe(2);
  });

  test("without a registered Lambda context an in-progress record holds its key until it expires", async () => {
    const layer = backend.layer();
    const hang = makeIdempotent(async (_event: OrderEvent) => new Promise<never>(() => {}), {
      persistenceStore: layer,
      config: new IdempotencyConfig({ eventKeyJmesPath: "orderId", expiresAfterSeconds: 60 }),
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    void hang(order);
    await vi.waitFor(async () => expect(await recordCount(backend.store, "o-1")).toBe(1));
    warn.mockRestore();

    vi.setSystemTime(START_MS + 59_000);
    await expect(chargeHandler()(order, context())).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    vi.setSystemTime(START_MS + 61_000);
    expect(await chargeHandler()(order, context())).toMatchObject({ receipt: "r-o-1" });
  });

  test("after expiresAfterSeconds the key runs again", async () => {
    const charge = chargeHandler({ config: { expiresAfterSeconds: 60 } });
    await charge(order, context());
    vi.setSystemTime(START_MS + 59_000);
    await charge(order, context());
    expect(sideEffects).toBe(1);
    vi.setSystemTime(START_MS + 61_000);
    await charge(order, context());
    expect(sideEffects).toBe(2);
    // The new run's record lasts another 60 seconds from its own start.
    vi.setSystemTime(START_MS + 61_000 + 59_000);
    await charge(order, context());
    expect(sideEffects).toBe(2);
  });

  test("payload validation refuses a changed payload for the same key, and answers the same one", async () => {
    const config = { payloadValidationJmesPath: "amount" };
    await chargeHandler({ config })(order, context());
    const error = await chargeHandler({ config })({ ...order, amount: 99 }, context()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IdempotencyValidationError);
    expect(await chargeHandler({ config })(order, context())).toMatchObject({ amount: 30 });
    expect(sideEffects).toBe(1);
  });

  test("a handler that returns nothing is answered with nothing, and not run again", async () => {
    const layer = backend.layer();
    let runs = 0;
    const notify = makeIdempotent(
      async (_event: OrderEvent, _context: Context) => {
        runs++;
      },
      { persistenceStore: layer, config: new IdempotencyConfig({ eventKeyJmesPath: "orderId" }) },
    );
    expect(await notify(order, context())).toBeUndefined();
    expect(await notify(order, context())).toBeUndefined();
    expect(runs).toBe(1);
  });
});

describe("SwitchyardPersistenceLayer", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** The protected record operations, as the base class calls them. */
  class ExposedLayer extends SwitchyardPersistenceLayer {
    putRecord = (record: Parameters<SwitchyardPersistenceLayer["_putRecord"]>[0]) => this._putRecord(record);
    getStoredRecord = (key: string) => this._getRecord(key);
  }

  test("a refused put raises IdempotencyItemAlreadyExistsError carrying the existing record", async () => {
    const { IdempotencyRecord } = await import("@aws-lambda-powertools/idempotency/persistence");
    const layer = new ExposedLayer({ store: createMemoryIdempotencyStore() });
    const expiryTimestamp = Math.round(Date.now() / 1000) + 60;
    await layer.putRecord(
      new IdempotencyRecord({ idempotencyKey: "k", status: "INPROGRESS", expiryTimestamp }),
    );
    const error = await layer
      .putRecord(new IdempotencyRecord({ idempotencyKey: "k", status: "INPROGRESS", expiryTimestamp }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyItemAlreadyExistsError);
    expect((error as IdempotencyItemAlreadyExistsError).message).toBe(
      "Failed to put record for already existing idempotency key: k",
    );
    expect((error as IdempotencyItemAlreadyExistsError).existingRecord).toBeInstanceOf(IdempotencyRecord);
    expect((error as IdempotencyItemAlreadyExistsError).existingRecord).toMatchObject({
      idempotencyKey: "k",
      expiryTimestamp,
    });
    await expect(layer.getStoredRecord("other")).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
  });

  test("the data directory comes from SWITCHYARD_DATA_DIRECTORY, and one is required", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-idempotency-"));
    try {
      vi.stubEnv(DATA_DIRECTORY_VARIABLE, directory);
      vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "");
      const layer = new SwitchyardPersistenceLayer();
      const run = makeIdempotent(async (event: { id: string }) => ({ seen: event.id }), {
        persistenceStore: layer,
      });
      // No Lambda context here: Powertools warns that the record has no in-progress expiry.
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      await run({ id: "a" });
      warn.mockRestore();
      await layer.close();
      const { store, close } = createSqliteIdempotencyStore({ dataDirectory: directory });
      expect(await recordCount(store, { id: "a" }, "")).toBe(1);
      await close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    vi.stubEnv(DATA_DIRECTORY_VARIABLE, "");
    expect(() => new SwitchyardPersistenceLayer()).toThrow(ValidationError);
    expect(() => new SwitchyardPersistenceLayer({ dataDirectory: ":memory:" })).toThrow(/in-memory/);
  });
});

async function md5Base64(text: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("md5").update(text).digest("base64");
}

/** How many records (0 or 1) the store holds for the idempotency key of `keyData` (Powertools' hashing). */
async function recordCount(
  store: IdempotencyStore,
  keyData: unknown,
  prefix = FUNCTION_NAME,
): Promise<number> {
  const key = `${prefix}#${await md5Base64(JSON.stringify(keyData))}`;
  return (await store.get(key)) === undefined ? 0 : 1;
}
