import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import shop from "../../examples/shop/app.js";
import { SAMPLE_ENTRIES } from "../../examples/shop/sample-orders.js";
import { checkApp } from "../../src/core/app/index.js";
import type { InvocationResult } from "../../src/runtime/functions/index.js";
import { createSwitchyard, type Switchyard } from "../../src/switchyard.js";

const SHOP_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), "../../examples/shop");

describe("the shop app", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function open(): Switchyard {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-shop-"));
    const switchyard = createSwitchyard({ dataDirectory: directory, onDeliveryFailure: () => {} });
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    cleanups.push(() => switchyard.close());
    return switchyard;
  }

  test("orders run through inventory, an idempotent payment, fulfilment, the receipt and the queue-fed handlers, in worker threads", async () => {
    const switchyard = open();
    const logs: string[] = [];
    const failures: string[] = [];
    const onInvocation = (name: string, result: InvocationResult) => {
      if ("logs" in result) logs.push(...result.logs.map((line) => `${name}: ${line}`));
      if (!result.ok && !result.throttled) failures.push(`${name}: ${result.error.errorMessage}`);
    };
    const app = await switchyard.startApp(checkApp(shop).app, {
      baseDirectory: SHOP_DIRECTORY,
      onInvocation,
    });
    const answer = await switchyard.events.putEvents(SAMPLE_ENTRIES);
    expect(answer.FailedEntryCount).toBe(0);
    await app.whenIdle();

    const said = (text: string) => logs.some((line) => line.includes(text));
    expect(said("reserved the items of ord-1001")).toBe(true);
    expect(said("charging 59.9 for ord-1001")).toBe(true);
    expect(said("shipping ord-1001")).toBe(true);
    expect(said("sending: Receipt for order ord-1001: 59.9 EUR")).toBe(true);
    expect(failures).toEqual(["ValidateInventory: Out of stock for order ord-1003: SKU-SOLD-OUT"]);
    // The queue-fed handlers, through their event source mappings.
    expect(said("e-mail order-confirmation to ada@example.com for ord-1001")).toBe(true);
    expect(said("reviewing ord-1002 (1450, US)")).toBe(true);
    expect(said("reviewing ord-1001")).toBe(false);
    expect(logs.some((line) => line.startsWith("Analytics: ") && line.includes("OrderCreated"))).toBe(true);

    // The failed order's invocation record reached the on-failure queue, as Lambda sends it.
    const [failed] = await switchyard.queues.receiveMessage("failed-orders");
    const record = JSON.parse(failed?.Body ?? "{}");
    expect(record.requestContext).toMatchObject({ condition: "RetriesExhausted", approximateInvokeCount: 1 });
    expect(record.requestPayload.detail.orderId).toBe("ord-1003");

    // Delivering the same InventoryReserved result again charges nothing twice: the payment is idempotent.
    const charged = logs.filter((line) => line.includes("charging 59.9 for ord-1001")).length;
    const again = await app.invoke("ProcessPayment", {
      type: "InventoryReserved",
      orderId: "ord-1001",
      amount: 59.9,
    });
    expect(again.ok && again.payload).toMatchObject({ orderId: "ord-1001", status: "captured" });
    expect(logs.filter((line) => line.includes("charging 59.9 for ord-1001")).length).toBe(charged);
  }, 60_000);
});
