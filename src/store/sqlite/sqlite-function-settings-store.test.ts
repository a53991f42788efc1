import { describe, expect, test } from "vitest";
import { describeFunctionSettingsStoreContract } from "../function-settings-store.contract.js";
import { createTempDirectory } from "../store-fixtures.js";
import { createSqliteStores } from "./sqlite-stores.js";

describeFunctionSettingsStoreContract("sqlite", async () => {
  const directory = createTempDirectory();
  const { functions, close } = createSqliteStores({ dataDirectory: directory.path });
  return {
    store: functions,
    close: async () => {
      await close();
      directory.remove();
    },
  };
});

describe("SqliteFunctionSettingsStore", () => {
  test("mappings and configs survive a restart", async () => {
    const directory = createTempDirectory();
    try {
      const mapping = {
        uuid: "u-1",
        queueName: "orders",
        functionName: "fulfil",
        settings: {
          batchSize: 5,
          maximumBatchingWindowSeconds: 1,
          enabled: false,
          filterPatterns: ['{"body":{"kind":["a"]}}'],
          reportBatchItemFailures: true,
        },
        lastModifiedMs: 1_700_000_000_000,
      };
      const config = {
        functionName: "fulfil",
        settings: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 600 },
        declared: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 },
        lastModifiedMs: 1_700_000_000_001,
      };
      const first = createSqliteStores({ dataDirectory: directory.path });
      await first.functions.putEventSourceMapping(mapping);
      await first.functions.putEventInvokeConfig(config);
      await first.close();
      const second = createSqliteStores({ dataDirectory: directory.path });
      expect(await second.functions.listEventSourceMappings()).toEqual([mapping]);
      expect(await second.functions.getEventInvokeConfig("fulfil")).toEqual(config);
      await second.close();
    } finally {
      directory.remove();
    }
  });
});
