/**
 * `defineApp`'s types. `tsc --noEmit -p .` checks this file: each `@ts-expect-error` must meet a compile error,
 * so a type that stops refusing an undeclared reference fails the typecheck ("Unused '@ts-expect-error'").
 */
import { expect, test } from "vitest";
import { type AppDefinition, defineApp } from "./app-definition.js";
import { checkApp } from "./check-app.js";

test("defineApp gives the definition back unchanged", () => {
  const definition = { name: "shop", queues: { orders: {} } } as const;
  expect(defineApp(definition)).toBe(definition);
});

test("a definition written inline refers only to what it declares", () => {
  const app = defineApp({
    name: "shop",
    buses: { orders: {} },
    queues: { jobs: { deadLetter: { queue: "jobs-dlq", maxReceiveCount: 3 } }, "jobs-dlq": {} },
    functions: { work: { handler: "work.handler", async: { onFailure: { bus: "orders" } } } },
    rules: {
      fan: {
        bus: "orders",
        eventPattern: { source: ["shop"] },
        targets: [{ queue: "jobs" }, { function: "work" }, { bus: "default" }],
      },
    },
    eventSourceMappings: [{ queue: "jobs", function: "work" }],
  });
  expect(checkApp(app).app.name).toBe("shop");

  defineApp({
    name: "shop",
    queues: { jobs: {} },
    rules: {
      fan: {
        eventPattern: { source: ["shop"] },
        targets: [
          // @ts-expect-error "fraud" is not a declared queue
          { queue: "fraud" },
        ],
      },
    },
  });
  defineApp({
    name: "shop",
    queues: { jobs: {} },
    functions: { work: { handler: "work.handler" } },
    eventSourceMappings: [
      {
        queue: "jobs",
        // @ts-expect-error "wrok" is not a declared function
        function: "wrok",
      },
    ],
  });
  defineApp({
    name: "shop",
    buses: { orders: {} },
    queues: { jobs: {} },
    rules: {
      fan: {
        // @ts-expect-error "payments" is not a declared bus
        bus: "payments",
        eventPattern: { source: ["shop"] },
        targets: [{ queue: "jobs" }],
      },
    },
  });
  defineApp({
    name: "shop",
    queues: {
      jobs: {
        // @ts-expect-error "jobs-dql" is not a declared queue
        deadLetter: { queue: "jobs-dql", maxReceiveCount: 3 },
      },
      "jobs-dlq": {},
    },
  });
  defineApp({
    name: "shop",
    queues: { jobs: {} },
    functions: {
      work: {
        handler: "work.handler",
        // @ts-expect-error "alerts" is not a declared function
        async: { onFailure: { function: "alerts" } },
      },
    },
  });
  defineApp({
    name: "shop",
    queues: { jobs: {} },
    functions: { work: { handler: "work.handler" } },
    rules: {
      fan: {
        eventPattern: { source: ["shop"] },
        targets: [
          // @ts-expect-error a target sends to one resource
          { queue: "jobs", function: "work" },
        ],
      },
    },
  });
  defineApp({
    name: "shop",
    functions: {
      work: {
        handler: "work.handler",
        // @ts-expect-error Lambda retries an asynchronous invocation at most twice
        async: { maximumRetryAttempts: 3 },
      },
    },
  });
});

test("a definition typed AppDefinition takes any names; checkApp checks them", () => {
  const built: AppDefinition = {
    name: "built",
    rules: { fan: { eventPattern: { source: ["shop"] }, targets: [{ queue: "anything" }] } },
  };
  expect(() => checkApp(built)).toThrow('rules.fan.targets[0]: queue "anything" is not defined in queues');
});
