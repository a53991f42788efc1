import type { Random } from "./random.js";

/** Vocabulary of the online shop the benchmarks simulate. */
export const SOURCES = [
  "shop.orders",
  "shop.payments",
  "shop.inventory",
  "shop.shipping",
  "shop.customers",
  "shop.returns",
  "shop.catalog",
  "shop.marketing",
] as const;
export const DETAIL_TYPES = [
  "OrderCreated",
  "OrderUpdated",
  "OrderCancelled",
  "PaymentAuthorized",
  "PaymentCaptured",
  "PaymentFailed",
  "InventoryReserved",
  "InventoryReleased",
  "StockLow",
  "ShipmentCreated",
  "ShipmentDelivered",
  "CustomerRegistered",
  "CustomerUpdated",
  "ReturnRequested",
  "RefundIssued",
  "PriceChanged",
  "ProductPublished",
  "CouponRedeemed",
  "CartAbandoned",
  "ReviewPosted",
] as const;
export const COUNTRIES = [
  "DE",
  "FR",
  "US",
  "GB",
  "NL",
  "ES",
  "IT",
  "PL",
  "SE",
  "AT",
  "CH",
  "BE",
  "DK",
  "CA",
  "JP",
] as const;
export const TIERS = ["bronze", "silver", "gold", "platinum"] as const;
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "JPY"] as const;
export const STATUSES = ["pending", "authorized", "captured", "failed", "refunded", "cancelled"] as const;
export const METHODS = ["card", "paypal", "invoice", "klarna", "apple-pay"] as const;
export const CATEGORIES = [
  "books",
  "garden",
  "kitchen",
  "toys",
  "electronics",
  "fashion",
  "sports",
  "beauty",
] as const;
export const DOMAINS = ["example.com", "mail.test", "shop.example", "corp.example", "web.test"] as const;
export const CHANNELS = ["web", "ios", "android", "pos", "marketplace"] as const;

/** One EventBridge envelope of a shop event, as JSON text of roughly 300–900 bytes. */
export function shopEventText(random: Random, index: number): string {
  const items = Array.from({ length: random.int(1, 4) }, () => ({
    sku: `${random.pick(CATEGORIES).slice(0, 3).toUpperCase()}-${random.int(1000, 9999)}`,
    quantity: random.int(1, 5),
    price: random.int(199, 49999) / 100,
    category: random.pick(CATEGORIES),
  }));
  const event = {
    version: "0",
    id: `6a7e8feb-b491-4cf7-a9f1-${String(index).padStart(12, "0")}`,
    "detail-type": random.pick(DETAIL_TYPES),
    source: random.pick(SOURCES),
    account: "000000000000",
    time: "2026-11-29T13:48:01Z",
    region: "us-east-1",
    resources: [`arn:aws:shop:us-east-1:000000000000:order/ord-${index}`],
    detail: {
      orderId: `ord-${random.int(100000, 999999)}`,
      status: random.pick(STATUSES),
      total: random.int(100, 250000) / 100,
      currency: random.pick(CURRENCIES),
      channel: random.pick(CHANNELS),
      customer: {
        id: `cus-${random.int(1, 50000)}`,
        email: `user${random.int(1, 99999)}@${random.pick(DOMAINS)}`,
        tier: random.pick(TIERS),
        country: random.pick(COUNTRIES),
      },
      items,
      payment: { method: random.pick(METHODS), attempts: random.int(1, 3) },
      clientIp: `10.${random.int(0, 3)}.${random.int(0, 255)}.${random.int(1, 254)}`,
      ...(random.chance(0.3) ? { coupon: `SAVE${random.int(5, 50)}` } : {}),
    },
  };
  return JSON.stringify(event);
}

/** One order as an application would put it in a message body or an event's Detail: JSON of about 300 bytes. */
export function shopOrderText(random: Random, index: number): string {
  const items = Array.from({ length: random.int(1, 2) }, () => ({
    sku: `${random.pick(CATEGORIES).slice(0, 3).toUpperCase()}-${random.int(1000, 9999)}`,
    quantity: random.int(1, 5),
    price: random.int(199, 49999) / 100,
  }));
  return JSON.stringify({
    orderId: `ord-${String(index).padStart(6, "0")}`,
    status: random.pick(STATUSES),
    createdAt: "2026-11-29T13:48:01Z",
    customer: {
      id: `cus-${random.int(1, 50000)}`,
      email: `user${random.int(1, 99999)}@${random.pick(DOMAINS)}`,
      country: random.pick(COUNTRIES),
    },
    items,
    total: items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0) / 100,
    currency: random.pick(CURRENCIES),
    channel: random.pick(CHANNELS),
    payment: { method: random.pick(METHODS) },
  });
}

/**
 * One rule pattern mixing EventBridge's operators the way a shop's rules use them: nearly every rule
 * names its source and detail-type, then one selective condition (a customer, an order range, a SKU
 * family, a price band, an address block …) and often a broad qualifier (tier, currency, status,
 * coupon, channel, payment method). Selective conditions draw from pools as large as the shop's data,
 * so a rule set of any size matches about the same share of events.
 */
export function shopRulePattern(random: Random, index: number): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  const pattern: Record<string, unknown> = { source: [random.pick(SOURCES)], detail };
  if (random.chance(0.9)) pattern["detail-type"] = [random.pick(DETAIL_TYPES)];
  // One rule in 64 routes a whole event type (a catch-all handler), so large sets match events often.
  if (index % 64 === 63) return { source: pattern.source, "detail-type": [random.pick(DETAIL_TYPES)] };
  // Operators in turn, so that even ten rules use every one: a rule set of any size names the same
  // fields and the comparison across sizes measures the number of rules, not the operators drawn.
  addSelectiveCondition(random, detail, index % 7);
  if (index % 5 !== 4) addQualifier(random, detail, index % 7);
  return pattern;
}

function addSelectiveCondition(random: Random, detail: Record<string, unknown>, kind: number): void {
  switch (kind) {
    case 0:
      detail.customer = { id: [`cus-${random.int(1, 50000)}`, `cus-${random.int(1, 50000)}`] };
      break;
    case 1:
      detail.orderId = [{ prefix: `ord-${random.int(1000, 9999)}` }];
      break;
    case 2:
      detail.customer = { email: [{ suffix: `${random.int(1, 99999)}@${random.pick(DOMAINS)}` }] };
      break;
    case 3: {
      const low = random.int(100, 250000) / 100;
      detail.total = [{ numeric: [">=", low, "<", low + random.int(1, 20) / 10] }];
      break;
    }
    case 4:
      detail.clientIp = [
        { cidr: `10.${random.int(0, 3)}.${random.int(0, 255)}.${random.int(0, 15) * 16}/28` },
      ];
      break;
    case 5:
      detail.items = {
        sku: [{ wildcard: `${random.pick(CATEGORIES).slice(0, 3).toUpperCase()}-${random.int(100, 999)}*` }],
      };
      break;
    default:
      detail.customer = { email: [{ prefix: { "equals-ignore-case": `USER${random.int(1, 99999)}@` } }] };
  }
}

function addQualifier(random: Random, detail: Record<string, unknown>, kind: number): void {
  // Paired with the selective kinds so that no rule puts two conditions on one field.
  switch ((kind + 3) % 7) {
    case 0:
      detail.currency = [random.pick(CURRENCIES), random.pick(CURRENCIES)];
      break;
    case 1:
      detail.status = [{ "anything-but": [random.pick(STATUSES), random.pick(STATUSES)] }];
      break;
    case 2:
      detail.coupon = [{ exists: random.chance(0.5) }];
      break;
    case 3:
      detail.channel = [{ "equals-ignore-case": random.pick(CHANNELS).toUpperCase() }];
      break;
    case 4:
      detail.payment = { method: [{ "anything-but": { prefix: random.pick(METHODS).slice(0, 3) } }] };
      break;
    case 5:
      detail.items = {
        category: [random.pick(CATEGORIES)],
        quantity: [{ numeric: [">", random.int(0, 3)] }],
      };
      break;
    default:
      detail.$or = [
        { payment: { method: [random.pick(METHODS)] } },
        { customer: { tier: [random.pick(TIERS)] } },
      ];
  }
}

/** A simple rule: source, detail-type and one exact detail value (the memory question). */
export function simpleRulePattern(random: Random, index: number): Record<string, unknown> {
  return {
    source: [random.pick(SOURCES)],
    "detail-type": [random.pick(DETAIL_TYPES)],
    detail: { customer: { id: [`cus-${index}`] } },
  };
}
