import { describe, expect, test } from "vitest";
import { SHOP_RULES } from "../../examples/shop/rules.js";
import { SAMPLE_ENTRIES } from "../../examples/shop/sample-orders.js";
import { routeEntries } from "./demo-routing.js";

describe("the shop's routing", () => {
  const deliveries = routeEntries(SHOP_RULES, SAMPLE_ENTRIES, new Date("2026-11-29T12:00:00Z"));
  const targetsOf = (eventId: string) => deliveries.filter((d) => d.eventId === eventId).map((d) => d.target);

  test("an ordinary order reaches inventory, email and analytics but not fraud detection", () => {
    expect(targetsOf("demo-1").sort()).toEqual(["Analytics", "SendEmail", "ValidateInventory"]);
  });

  test("a large order from outside the home markets also reaches fraud detection", () => {
    expect(targetsOf("demo-2")).toContain("FraudDetection");
  });

  test("the confirmation email gets the transformed input", () => {
    const email = deliveries.find((d) => d.eventId === "demo-1" && d.target === "SendEmail");
    expect(JSON.parse(email?.body ?? "null")).toEqual({
      to: "ada@example.com",
      template: "order-confirmation",
      orderId: "ord-1001",
    });
  });

  test("a captured payment is fulfilled and receipted with a text template", () => {
    expect(targetsOf("demo-4").sort()).toEqual(["Analytics", "FulfillOrder", "SendReceipt"]);
    expect(deliveries.find((d) => d.target === "SendReceipt")?.body).toBe(
      '"Receipt for order ord-1001: 59.9 EUR"',
    );
  });

  test("a bad entry is refused with PutEvents' answer", () => {
    expect(() => routeEntries(SHOP_RULES, [{ Source: "shop.orders", DetailType: "X" }], new Date())).toThrow(
      /InvalidArgument/,
    );
  });
});
