import type { EventBridgeEvent } from "aws-lambda";
import type { InventoryReserved, Order } from "./orders.js";

/** SKUs the warehouse has run out of: an order naming one fails, and its event goes to OnFailure. */
const OUT_OF_STOCK = new Set(["SKU-SOLD-OUT"]);

/** An EventBridge rule target: reserves an order's items, or fails when one is out of stock. */
export async function handler(event: EventBridgeEvent<"OrderCreated", Order>): Promise<InventoryReserved> {
  const order = event.detail;
  const missing = (order.items ?? []).filter((item) => OUT_OF_STOCK.has(item.sku));
  if (missing.length > 0) {
    throw new Error(`Out of stock for order ${order.orderId}: ${missing.map((item) => item.sku).join(", ")}`);
  }
  console.log(`reserved the items of ${order.orderId}`);
  return { type: "InventoryReserved", orderId: order.orderId, amount: order.total };
}
