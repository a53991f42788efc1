import { afterEach, describe, expect, test } from "vitest";
import { SHOP_RULES } from "../../examples/shop/rules.js";
import { SAMPLE_ENTRIES } from "../../examples/shop/sample-orders.js";
import { createSwitchyard, type Switchyard } from "../switchyard.js";
import { runShop } from "./shop.js";

const running: Switchyard[] = [];
afterEach(async () => {
  for (const switchyard of running.splice(0)) await switchyard.close();
});

describe("the shop on the embedded store", () => {
  async function run() {
    const switchyard = createSwitchyard({ dataDirectory: ":memory:", onDeliveryFailure: () => {} });
    running.push(switchyard);
    return { switchyard, handled: await runShop(switchyard, SHOP_RULES, SAMPLE_ENTRIES) };
  }
  const orderOf = (body: string) => (JSON.parse(body) as { detail?: { orderId?: string } }).detail?.orderId;

  test("an ordinary order reaches inventory, email and analytics but not fraud detection", async () => {
    const { handled } = await run();
    const forOrder = (handler: string, orderId: string) =>
      handled.filter(
        (h) => h.handler === handler && (h.body.includes(orderId) || orderOf(h.body) === orderId),
      );
    expect(forOrder("ValidateInventory", "ord-1001")).toHaveLength(1);
    expect(forOrder("SendEmail", "ord-1001")).toHaveLength(1);
    expect(forOrder("FraudDetection", "ord-1001")).toHaveLength(0);
    expect(forOrder("FraudDetection", "ord-1002")).toHaveLength(1);
  });

  test("the confirmation e-mail gets the transformed input, the receipt a text template", async () => {
    const { handled } = await run();
    const emails = handled.filter((h) => h.handler === "SendEmail").map((h) => JSON.parse(h.body));
    expect(emails).toContainEqual({
      to: "ada@example.com",
      template: "order-confirmation",
      orderId: "ord-1001",
    });
    expect(handled.filter((h) => h.handler === "SendReceipt").map((h) => h.body)).toEqual([
      '"Receipt for order ord-1001: 59.9 EUR"',
    ]);
  });

  test("every event reaches analytics, and a second run reuses the set-up", async () => {
    const { switchyard, handled } = await run();
    expect(handled.filter((h) => h.handler === "Analytics")).toHaveLength(SAMPLE_ENTRIES.length);
    const again = await runShop(switchyard, SHOP_RULES, SAMPLE_ENTRIES);
    expect(again.length).toBe(handled.length);
  });
});
