/**
 * The shop's routing on its "orders" bus: which handler each event reaches, and in what shape. Each
 * handler has a queue (with a dead-letter queue) until functions arrive with the Lambda issue.
 */
import type { ShopRule } from "../../src/cli/shop.js";

export const SHOP_RULES: readonly ShopRule[] = [
  {
    name: "validate-inventory",
    eventPattern: { source: ["shop.orders"], "detail-type": ["OrderCreated"] },
    target: "ValidateInventory",
  },
  {
    name: "send-confirmation-email",
    eventPattern: {
      source: ["shop.orders"],
      "detail-type": ["OrderCreated"],
      detail: { customer: { email: [{ exists: true }] } },
    },
    target: "SendEmail",
    inputTransformer: {
      InputPathsMap: { email: "$.detail.customer.email", orderId: "$.detail.orderId" },
      InputTemplate: '{"to": "<email>", "template": "order-confirmation", "orderId": "<orderId>"}',
    },
  },
  {
    name: "analytics",
    eventPattern: { source: [{ prefix: "shop." }] },
    target: "Analytics",
  },
  {
    name: "fraud-detection",
    eventPattern: {
      source: ["shop.orders"],
      "detail-type": ["OrderCreated"],
      $or: [
        { detail: { total: [{ numeric: [">=", 1000] }] } },
        { detail: { customer: { country: [{ "anything-but": ["DE", "FR", "NL"] }] } } },
      ],
    },
    target: "FraudDetection",
  },
  {
    name: "process-payment",
    eventPattern: { source: ["shop.inventory"], "detail-type": ["InventoryReserved"] },
    target: "ProcessPayment",
  },
  {
    name: "fulfil-order",
    eventPattern: {
      source: ["shop.payments"],
      "detail-type": ["PaymentProcessed"],
      detail: { status: ["captured"] },
    },
    target: "FulfillOrder",
  },
  {
    name: "send-receipt",
    eventPattern: { source: ["shop.payments"], "detail-type": ["PaymentProcessed"] },
    target: "SendReceipt",
    inputTransformer: {
      InputPathsMap: { orderId: "$.detail.orderId", amount: "$.detail.amount" },
      InputTemplate: '"Receipt for order <orderId>: <amount> EUR"',
    },
  },
];
