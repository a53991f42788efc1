import { describe, expect, test } from "vitest";
import type {
  FunctionSettingsStore,
  StoredEventInvokeConfig,
  StoredEventSourceMapping,
} from "./function-settings-store.js";

/**
 * The behaviour every FunctionSettingsStore adapter must show. Each adapter's test file calls this with a
 * factory for a fresh, empty store.
 */
export function describeFunctionSettingsStoreContract(
  adapter: string,
  open: () => Promise<{ store: FunctionSettingsStore; close: () => Promise<void> }>,
): void {
  describe(`FunctionSettingsStore contract: ${adapter}`, () => {
    const settings = {
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      enabled: true,
      filterPatterns: [],
      reportBatchItemFailures: false,
    };
    const mapping = (uuid: string, overrides: Partial<StoredEventSourceMapping> = {}) =>
      ({
        uuid,
        queueName: "orders",
        functionName: "fulfil",
        settings,
        lastModifiedMs: 1_700_000_000_123,
        ...overrides,
      }) satisfies StoredEventSourceMapping;
    const config: StoredEventInvokeConfig = {
      functionName: "fulfil",
      settings: {
        maximumRetryAttempts: 0,
        maximumEventAgeSeconds: 60,
        onSuccess: { kind: "queue", name: "done" },
        onFailure: { kind: "bus", name: "orders" },
      },
      declared: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 },
      lastModifiedMs: 1_700_000_000_456,
    };

    async function withStore(run: (store: FunctionSettingsStore) => Promise<void>): Promise<void> {
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close();
      }
    }

    test("an empty store lists no mappings and has no configs", () =>
      withStore(async (store) => {
        expect(await store.listEventSourceMappings()).toEqual([]);
        expect(await store.getEventInvokeConfig("fulfil")).toBeUndefined();
        expect(await store.deleteEventSourceMapping("nope")).toBe(false);
        expect(await store.deleteEventInvokeConfig("fulfil")).toBe(false);
      }));

    test("mappings come back as stored, every member, in the order first stored", () =>
      withStore(async (store) => {
        const declared = {
          queueName: "orders",
          functionName: "fulfil",
          settings: { ...settings, maximumConcurrency: 5, filterPatterns: ['{"body":{"a":[1]}}'] },
        };
        const first = mapping("b-uuid", { declared });
        const second = mapping("a-uuid", {
          queueName: "refunds.fifo",
          settings: { ...settings, batchSize: 3, maximumConcurrency: 2, reportBatchItemFailures: true },
        });
        await store.putEventSourceMapping(first);
        await store.putEventSourceMapping(second);
        expect(await store.listEventSourceMappings()).toEqual([first, second]);
      }));

    test("putting a mapping again replaces it in place", () =>
      withStore(async (store) => {
        await store.putEventSourceMapping(mapping("one"));
        await store.putEventSourceMapping(mapping("two"));
        const changed = mapping("one", {
          functionName: "audit",
          settings: { ...settings, enabled: false },
          lastModifiedMs: 1_800_000_000_000,
        });
        await store.putEventSourceMapping(changed);
        expect(await store.listEventSourceMappings()).toEqual([changed, mapping("two")]);
      }));

    test("a deleted mapping is gone, the others stay", () =>
      withStore(async (store) => {
        await store.putEventSourceMapping(mapping("one"));
        await store.putEventSourceMapping(mapping("two"));
        expect(await store.deleteEventSourceMapping("one")).toBe(true);
        expect(await store.deleteEventSourceMapping("one")).toBe(false);
        expect(await store.listEventSourceMappings()).toEqual([mapping("two")]);
      }));

    test("an event invoke config is kept per function, replaced by the next put, and deleted", () =>
      withStore(async (store) => {
        await store.putEventInvokeConfig(config);
        await store.putEventInvokeConfig({ ...config, functionName: "audit" });
        expect(await store.getEventInvokeConfig("fulfil")).toEqual(config);
        const replaced: StoredEventInvokeConfig = {
          ...config,
          settings: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 120 },
          lastModifiedMs: 1_800_000_000_000,
        };
        await store.putEventInvokeConfig(replaced);
        expect(await store.getEventInvokeConfig("fulfil")).toEqual(replaced);
        expect(await store.deleteEventInvokeConfig("fulfil")).toBe(true);
        expect(await store.getEventInvokeConfig("fulfil")).toBeUndefined();
        expect(await store.getEventInvokeConfig("audit")).toEqual({ ...config, functionName: "audit" });
      }));
  });
}
