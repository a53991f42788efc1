import { describe, expect, test } from "vitest";
import { describeBusStoreContract } from "../bus-store.contract.js";
import { createMemoryBusStore } from "./memory-bus-store.js";

describeBusStoreContract("memory", async () => ({
  store: createMemoryBusStore(),
  close: async () => {},
}));

describe("MemoryBusStore", () => {
  test("what a call returns is frozen, so a caller cannot change the store through it", async () => {
    const store = createMemoryBusStore();
    await store.putBus({ name: "orders", tags: { team: "shop" }, createdAtMs: 1 });
    await store.putRule({
      bus: "orders",
      name: "r",
      eventPattern: "{}",
      state: "ENABLED",
      tags: {},
      createdAtMs: 1,
      updatedAtMs: 1,
    });
    await store.putTargets([
      {
        bus: "orders",
        rule: "r",
        id: "t",
        arn: "arn:aws:sqs:us-east-1:0:q",
        inputTransformer: { InputPathsMap: { id: "$.id" }, InputTemplate: "<id>" },
        retryPolicy: { MaximumRetryAttempts: 1 },
      },
    ]);
    const bus = await store.getBus("orders");
    expect(Object.isFrozen(bus)).toBe(true);
    expect(Object.isFrozen(bus?.tags)).toBe(true);
    const [loaded] = await store.loadBus("orders");
    expect(Object.isFrozen(loaded?.rule)).toBe(true);
    const [target] = loaded?.targets ?? [];
    expect(Object.isFrozen(target)).toBe(true);
    expect(Object.isFrozen(target?.inputTransformer?.InputPathsMap)).toBe(true);
    expect(Object.isFrozen(target?.retryPolicy)).toBe(true);
  });
});
