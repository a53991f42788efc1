import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ErrorCode, SwitchyardError } from "../errors.js";
import { resolveQueueAttributes } from "../queues/index.js";
import { type AppDefinition, defineApp } from "./app-definition.js";
import { AppDefinitionError } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

/** A small shop: orders arrive on a bus, are shipped, billed in order, and audited. */
const shop = defineApp({
  name: "shop",
  buses: { orders: { description: "Order lifecycle events" } },
  queues: {
    "ship-order": {
      visibilityTimeoutSeconds: 180,
      deadLetter: { queue: "ship-order-dlq", maxReceiveCount: 5 },
    },
    "ship-order-dlq": { messageRetentionPeriodSeconds: 1_209_600 },
    "billing.fifo": {
      visibilityTimeoutSeconds: 60,
      contentBasedDeduplication: true,
      deadLetter: { queue: "billing-dlq.fifo", maxReceiveCount: 3 },
    },
    "billing-dlq.fifo": {},
    "invocation-failures": { messageRetentionPeriodSeconds: 1_209_600 },
  },
  functions: {
    "ship-order": { handler: "handlers/shipping.shipOrder", timeoutSeconds: 30 },
    bill: {
      handler: "handlers/billing.bill",
      timeoutSeconds: 10,
      memorySizeMb: 512,
      environment: { CURRENCY: "EUR" },
      reservedConcurrency: 5,
    },
    audit: {
      handler: "handlers/audit.record",
      async: { maximumRetryAttempts: 0, onFailure: { queue: "invocation-failures" } },
    },
  },
  rules: {
    "ship-paid-orders": {
      bus: "orders",
      eventPattern: { source: ["shop.payments"], "detail-type": ["PaymentProcessed"] },
      targets: [{ queue: "ship-order", inputPath: "$.detail" }],
    },
    "bill-orders": {
      bus: "orders",
      eventPattern: { source: ["shop.orders"], "detail-type": ["OrderCreated"] },
      targets: [
        { queue: "billing.fifo", messageGroupId: "orders" },
        {
          id: "audit-order",
          function: "audit",
          inputTransformer: {
            inputPathsMap: { orderId: "$.detail.orderId" },
            inputTemplate: '{"order": <orderId>}',
          },
          retryPolicy: { maximumRetryAttempts: 3 },
          deadLetterQueue: "invocation-failures",
        },
      ],
    },
    "nightly-report": {
      schedule: "cron(0 2 * * ? *)",
      targets: [{ function: "audit", input: { report: true } }],
    },
  },
  eventSourceMappings: [
    { queue: "ship-order", function: "ship-order", reportBatchItemFailures: true },
    {
      queue: "billing.fifo",
      function: "bill",
      maximumConcurrency: 5,
      filterPatterns: [{ body: { total: [{ exists: true }] } }],
    },
  ],
});

describe("a valid app", () => {
  test("resolves with no warning, every default applied", () => {
    const { app, warnings } = checkApp(shop);
    expect(warnings).toEqual([]);
    expect(Object.keys(app.buses)).toEqual(["default", "orders"]);
    expect(app.buses.orders).toEqual({ name: "orders", description: "Order lifecycle events" });
    expect(app.functions.audit).toEqual({
      name: "audit",
      handler: { text: "handlers/audit.record", modulePath: "handlers/audit", exportName: "record" },
      timeoutSeconds: 3,
      memorySizeMb: 128,
      environment: {},
      async: {
        maximumRetryAttempts: 0,
        maximumEventAgeSeconds: 21_600,
        onFailure: { kind: "queue", name: "invocation-failures" },
      },
    });
    expect(app.functions.bill).toMatchObject({ memorySizeMb: 512, reservedConcurrency: 5 });
    expect(app.functions.bill?.async).toEqual({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 });
  });

  test("queues get the attributes CreateQueue would give them; FIFO follows the name", () => {
    const { app } = checkApp(shop);
    expect(app.queues["ship-order"]).toEqual({
      name: "ship-order",
      attributes: resolveQueueAttributes({ name: "ship-order", attributes: { VisibilityTimeout: "180" } }),
      deadLetter: { queue: "ship-order-dlq", maxReceiveCount: 5 },
    });
    expect(app.queues["billing.fifo"]?.attributes).toEqual(
      resolveQueueAttributes({
        name: "billing.fifo",
        attributes: { FifoQueue: "true", VisibilityTimeout: "60", ContentBasedDeduplication: "true" },
      }),
    );
    expect(app.queues["billing-dlq.fifo"]?.attributes.fifo).toBe(true);
  });

  test("rules default to enabled, targets to their resource's name as id and EventBridge's retry policy", () => {
    const { app } = checkApp(shop);
    expect(app.rules["ship-paid-orders"]).toEqual({
      name: "ship-paid-orders",
      bus: "orders",
      eventPattern: '{"source":["shop.payments"],"detail-type":["PaymentProcessed"]}',
      enabled: true,
      targets: [
        {
          id: "ship-order",
          resource: { kind: "queue", name: "ship-order" },
          inputPath: "$.detail",
          retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 },
        },
      ],
    });
    expect(app.rules["bill-orders"]?.targets).toEqual([
      {
        id: "billing.fifo",
        resource: { kind: "queue", name: "billing.fifo" },
        messageGroupId: "orders",
        retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 },
      },
      {
        id: "audit-order",
        resource: { kind: "function", name: "audit" },
        inputTransformer: {
          inputPathsMap: { orderId: "$.detail.orderId" },
          inputTemplate: '{"order": <orderId>}',
        },
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 86_400 },
        deadLetterQueue: "invocation-failures",
      },
    ]);
    expect(app.rules["nightly-report"]).toMatchObject({
      bus: "default",
      scheduleExpression: "cron(0 2 * * ? *)",
      targets: [{ id: "audit", input: '{"report":true}' }],
    });
  });

  test("event source mappings get Lambda's defaults; filter patterns become JSON text", () => {
    const { app } = checkApp(shop);
    expect(app.eventSourceMappings).toEqual([
      {
        queue: "ship-order",
        function: "ship-order",
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        enabled: true,
        filterPatterns: [],
        reportBatchItemFailures: true,
      },
      {
        queue: "billing.fifo",
        function: "bill",
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        maximumConcurrency: 5,
        enabled: true,
        filterPatterns: ['{"body":{"total":[{"exists":true}]}}'],
        reportBatchItemFailures: false,
      },
    ]);
  });

  test("the resolved app is frozen all the way down", () => {
    const { app } = checkApp(shop);
    expect(Object.isFrozen(app)).toBe(true);
    expect(Object.isFrozen(app.rules["bill-orders"]?.targets[1]?.retryPolicy)).toBe(true);
    expect(Object.isFrozen(app.queues["ship-order"]?.attributes)).toBe(true);
  });

  test("an app of nothing but a name has the default bus", () => {
    expect(checkApp({ name: "empty" }).app).toEqual({
      name: "empty",
      buses: { default: { name: "default" } },
      queues: {},
      functions: {},
      rules: {},
      eventSourceMappings: [],
    });
  });
});

describe("a broken app", () => {
  const broken = {
    name: "shop",
    queues: {
      orders: {
        visibilityTimeoutSeconds: 90_000,
        deadLetter: { queue: "orders-dlq.fifo", maxReceiveCount: 3 },
      },
      "orders-dlq.fifo": {},
    },
    functions: { ship: { handler: "ship", timeoutSeconds: 0 } },
    rules: {
      "fraud-detection": {
        eventPattern: { detail: { total: [{ numeric: [">", "1000"] }] } },
        targets: [{ queue: "fraud" }],
      },
    },
    eventSourceMappings: [{ queue: "orders", function: "ship", batchSize: 100 }],
  } as unknown as AppDefinition;

  test("every problem is reported at once, each under its path", () => {
    const error = thrownBy(() => checkApp(broken), AppDefinitionError);
    expect(error.problems.map((problem) => problem.path)).toEqual([
      "queues.orders.visibilityTimeoutSeconds",
      "queues.orders.deadLetter.queue",
      "functions.ship.handler",
      "functions.ship.timeoutSeconds",
      "rules.fraud-detection.eventPattern",
      "rules.fraud-detection.targets[0]",
      "eventSourceMappings[0].batchSize",
    ]);
    expect(error.problems[5]).toEqual({
      path: "rules.fraud-detection.targets[0]",
      message: 'queue "fraud" is not defined in queues',
    });
  });

  test("the error is a validation error whose message lists every problem", () => {
    const error = thrownBy(() => checkApp(broken), AppDefinitionError);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error.code).toBe(ErrorCode.Validation);
    const lines = error.message.split("\n");
    expect(lines[0]).toBe('App "shop" is not valid (7 problems):');
    expect(lines.slice(1)).toEqual(error.problems.map((problem) => `  ${problem.path}: ${problem.message}`));
    expect(error.context).toMatchObject({ app: "shop", problems: error.problems });
  });

  test.each<[string, unknown, string, string]>([
    [
      "an app name with a space",
      { name: "my shop" },
      "name",
      '"my shop" is not a valid name: letters, digits, - and _, 1 to 64 of them',
    ],
    ["an app without a name", {}, "name", "is required"],
    [
      "an unknown top-level member",
      { name: "shop", topics: {} },
      "topics",
      "is not a setting here (known: name, buses, queues, functions, rules, eventSourceMappings)",
    ],
    [
      "queues that are not a map",
      { name: "shop", queues: ["orders"] },
      "queues",
      'must be an object keyed by name; got ["orders"]',
    ],
    [
      "mappings that are not an array",
      { name: "shop", eventSourceMappings: {} },
      "eventSourceMappings",
      "must be an array; got {}",
    ],
  ])("%s is refused", (_, definition, path, message) => {
    const error = thrownBy(() => checkApp(definition as AppDefinition), AppDefinitionError);
    expect(error.problems).toEqual([{ path, message }]);
  });

  test("a definition that is not an object says so", () => {
    const error = thrownBy(() => checkApp("shop" as unknown as AppDefinition), AppDefinitionError);
    expect(error.problems).toEqual([
      { path: "app", message: 'must be an object; got "shop"' },
      { path: "name", message: "is required" },
    ]);
  });
});
