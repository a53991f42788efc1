/** A few orders as the shop's checkout publishes them: PutEvents entries for the "orders" bus. */
export const SAMPLE_ENTRIES: readonly Record<string, unknown>[] = [
  {
    orderId: "ord-1001",
    total: 59.9,
    items: [{ sku: "SKU-MUG", quantity: 2 }],
    customer: { email: "ada@example.com", country: "DE" },
  },
  {
    orderId: "ord-1002",
    total: 1450,
    items: [{ sku: "SKU-LAPTOP", quantity: 1 }],
    customer: { email: "lin@example.com", country: "US" },
  },
  {
    orderId: "ord-1003",
    total: 12.5,
    items: [{ sku: "SKU-SOLD-OUT", quantity: 1 }],
    customer: { country: "FR" },
  },
].map((order) => ({
  EventBusName: "orders",
  Source: "shop.orders",
  DetailType: "OrderCreated",
  Detail: JSON.stringify(order),
}));
