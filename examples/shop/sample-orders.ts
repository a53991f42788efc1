/** A few PutEvents entries of the shop's order flow, as a client would send them. */
export const SAMPLE_ENTRIES: readonly Record<string, unknown>[] = [
  {
    Source: "shop.orders",
    DetailType: "OrderCreated",
    Detail: JSON.stringify({
      orderId: "ord-1001",
      total: 59.9,
      customer: { email: "ada@example.com", country: "DE" },
    }),
  },
  {
    Source: "shop.orders",
    DetailType: "OrderCreated",
    Detail: JSON.stringify({
      orderId: "ord-1002",
      total: 1450,
      customer: { email: "lin@example.com", country: "US" },
    }),
  },
  {
    Source: "shop.inventory",
    DetailType: "InventoryReserved",
    Detail: JSON.stringify({ orderId: "ord-1001" }),
  },
  {
    Source: "shop.payments",
    DetailType: "PaymentProcessed",
    Detail: JSON.stringify({ orderId: "ord-1001", amount: 59.9, status: "captured" }),
  },
];
