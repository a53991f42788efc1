/**
 * The shop's order processing, as one app: what `npm start` runs locally and, later, what the Terraform
 * export deploys. Events flow on the "orders" bus:
 *
 *   OrderCreated ─┬─ ValidateInventory (function target) ── on success ─→ bus: InventoryReserved
 *                 ├─ SendEmail      (queue → function, partial batch failures)
 *                 ├─ FraudDetection (queue → function, large or foreign orders only)
 *                 └─ Analytics      (queue → function, batches of up to 100)
 *   InventoryReserved ─ ProcessPayment (idempotent) ── on success ─→ bus: PaymentProcessed
 *   PaymentProcessed  ─┬─ FulfillOrder (captured payments)
 *                      └─ SendReceipt  (a receipt text from an input transformer)
 *
 * ValidateInventory and ProcessPayment hand their results on through Lambda's asynchronous invocation
 * destinations: their return value reaches the bus as "Lambda Function Invocation Result - Success".
 */
import { defineApp } from "../../src/core/app/index.js";

/** A rule's pattern on a function's result, put on the bus by its on-success destination. */
const resultOf = (type: string, detail: Record<string, unknown> = {}) => ({
  source: ["lambda"],
  "detail-type": ["Lambda Function Invocation Result - Success"],
  detail: { responsePayload: { type: [type], ...detail } },
});

export default defineApp({
  name: "shop",
  buses: { orders: { description: "the shop's order events" } },
  queues: {
    "send-email": { deadLetter: { queue: "send-email-dlq", maxReceiveCount: 3 } },
    "send-email-dlq": { messageRetentionPeriodSeconds: 1_209_600 },
    "fraud-detection": { deadLetter: { queue: "fraud-detection-dlq", maxReceiveCount: 3 } },
    "fraud-detection-dlq": { messageRetentionPeriodSeconds: 1_209_600 },
    analytics: {},
    "failed-orders": { messageRetentionPeriodSeconds: 1_209_600 },
  },
  functions: {
    ValidateInventory: {
      handler: "handlers/validate-inventory.handler",
      async: { maximumRetryAttempts: 0, onSuccess: { bus: "orders" }, onFailure: { queue: "failed-orders" } },
    },
    ProcessPayment: {
      handler: "handlers/process-payment.handler",
      timeoutSeconds: 10,
      async: { onSuccess: { bus: "orders" }, onFailure: { queue: "failed-orders" } },
    },
    FulfillOrder: { handler: "handlers/fulfill-order.handler" },
    SendReceipt: { handler: "handlers/send-receipt.handler" },
    SendEmail: { handler: "handlers/send-email.handler" },
    FraudDetection: { handler: "handlers/fraud-detection.handler" },
    Analytics: { handler: "handlers/analytics.handler" },
  },
  rules: {
    "validate-inventory": {
      bus: "orders",
      eventPattern: { source: ["shop.orders"], "detail-type": ["OrderCreated"] },
      targets: [{ function: "ValidateInventory" }],
    },
    "send-confirmation-email": {
      bus: "orders",
      eventPattern: {
        source: ["shop.orders"],
        "detail-type": ["OrderCreated"],
        detail: { customer: { email: [{ exists: true }] } },
      },
      targets: [
        {
          queue: "send-email",
          inputTransformer: {
            inputPathsMap: { email: "$.detail.customer.email", orderId: "$.detail.orderId" },
            inputTemplate: '{"to": "<email>", "template": "order-confirmation", "orderId": "<orderId>"}',
          },
        },
      ],
    },
    "fraud-detection": {
      bus: "orders",
      eventPattern: {
        source: ["shop.orders"],
        "detail-type": ["OrderCreated"],
        $or: [
          { detail: { total: [{ numeric: [">=", 1000] }] } },
          { detail: { customer: { country: [{ "anything-but": ["DE", "FR", "NL"] }] } } },
        ],
      },
      targets: [{ queue: "fraud-detection" }],
    },
    analytics: {
      bus: "orders",
      eventPattern: { source: [{ prefix: "shop." }, "lambda"] },
      targets: [{ queue: "analytics" }],
    },
    "process-payment": {
      bus: "orders",
      eventPattern: resultOf("InventoryReserved"),
      targets: [{ function: "ProcessPayment", inputPath: "$.detail.responsePayload" }],
    },
    "fulfil-order": {
      bus: "orders",
      eventPattern: resultOf("PaymentProcessed", { status: ["captured"] }),
      targets: [{ function: "FulfillOrder", inputPath: "$.detail.responsePayload" }],
    },
    "send-receipt": {
      bus: "orders",
      eventPattern: resultOf("PaymentProcessed"),
      targets: [
        {
          function: "SendReceipt",
          inputTransformer: {
            inputPathsMap: {
              orderId: "$.detail.responsePayload.orderId",
              amount: "$.detail.responsePayload.amount",
            },
            inputTemplate: '"Receipt for order <orderId>: <amount> EUR"',
          },
        },
      ],
    },
  },
  eventSourceMappings: [
    { queue: "send-email", function: "SendEmail", reportBatchItemFailures: true },
    { queue: "fraud-detection", function: "FraudDetection", reportBatchItemFailures: true },
    { queue: "analytics", function: "Analytics", batchSize: 100, maximumBatchingWindowSeconds: 1 },
  ],
});
