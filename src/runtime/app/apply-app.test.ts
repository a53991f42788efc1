import { describe, expect, test } from "vitest";
import { type AppDefinition, checkApp, defineApp } from "../../core/app/index.js";
import { ACCOUNT, openStores, REGION, STORES, services } from "../bus/bus-fixtures.js";
import { applyApp } from "./apply-app.js";

/** The shop's app; the second variant changes a setting and a rule's targets. */
const shopApp = (variant: "first" | "changed" = "first") =>
  defineApp({
    name: "shop",
    buses: { orders: {} },
    queues: {
      "orders-dlq": { messageRetentionPeriodSeconds: 1_209_600 },
      orders: {
        visibilityTimeoutSeconds: variant === "first" ? 60 : 120,
        deadLetter: { queue: "orders-dlq", maxReceiveCount: 3 },
      },
      "big-orders": {},
    },
    rules: {
      "all-orders": {
        bus: "orders",
        eventPattern: { source: ["shop.orders"] },
        targets: [{ queue: "orders" }],
      },
      "big-orders": {
        bus: "orders",
        eventPattern: { source: ["shop.orders"], detail: { total: [{ numeric: [">=", 100] }] } },
        targets:
          variant === "first"
            ? [{ queue: "big-orders", inputPath: "$.detail" }]
            : [{ id: "audit", queue: "orders" }],
      },
    },
  });
const shop = shopApp();

describe.each(Object.keys(STORES))("applying an app on the %s store", (kind) => {
  const setup = () => {
    const s = services(openStores(kind));
    const place = { queues: s.sqs, events: s.events, account: ACCOUNT, region: REGION };
    return { ...s, apply: (app: AppDefinition) => applyApp(place, checkApp(app).app) };
  };

  test("its queues (with redrive), bus, rules and targets exist and route events", async () => {
    const { sqs, events, apply } = setup();
    await apply(shop);
    expect(await sqs.getQueueAttributes("orders", ["VisibilityTimeout", "RedrivePolicy"])).toEqual({
      VisibilityTimeout: "60",
      RedrivePolicy: `{"deadLetterTargetArn":"arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq","maxReceiveCount":3}`,
    });
    await events.putEvents([
      { EventBusName: "orders", Source: "shop.orders", DetailType: "OrderCreated", Detail: '{"total": 250}' },
    ]);
    expect(await sqs.receiveMessage("orders")).toHaveLength(1);
    const [big] = await sqs.receiveMessage("big-orders");
    expect(JSON.parse(big?.Body ?? "null")).toEqual({ total: 250 });
  });

  test("applying again is idempotent, takes changed settings and drops targets the app no longer has", async () => {
    const { sqs, events, apply } = setup();
    await apply(shop);
    await apply(shop);
    const changed = shopApp("changed");
    await apply(changed);
    expect(await sqs.getQueueAttributes("orders", ["VisibilityTimeout"])).toEqual({
      VisibilityTimeout: "120",
    });
    expect((await events.listTargetsByRule("big-orders", "orders")).map((t) => t.Id)).toEqual(["audit"]);
    expect((await sqs.listQueues()).sort()).toEqual(["big-orders", "orders", "orders-dlq"]);
  });
});
