import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import type { AppDefinition } from "./app-definition.js";
import { AppDefinitionError } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

const BASE = {
  name: "shop",
  buses: { orders: {} },
  queues: { failures: {}, "ledger.fifo": {} },
  functions: { ship: { handler: "handlers/ship.handler" } },
} as const;

const withFunction = (settings: Readonly<Record<string, unknown>>, name = "ship") =>
  ({
    ...BASE,
    functions: { ...BASE.functions, [name]: { ...BASE.functions.ship, ...settings } },
  }) as unknown as AppDefinition;

function expectOneProblem(definition: AppDefinition, path: string, message: string | RegExp): void {
  const error = thrownBy(() => checkApp(definition), AppDefinitionError);
  const expected = typeof message === "string" ? message : expect.stringMatching(message);
  expect(error.problems).toEqual([{ path, message: expected }]);
}

test("destinations may be a standard queue, a bus (the default one too) or a function", () => {
  const { app } = checkApp(
    withFunction({ async: { onSuccess: { bus: "default" }, onFailure: { queue: "failures" } } }),
  );
  expect(app.functions.ship?.async).toMatchObject({
    onSuccess: { kind: "bus", name: "default" },
    onFailure: { kind: "queue", name: "failures" },
  });
});

describe("function names are Lambda's", () => {
  test.each<[string, string, string, string | RegExp]>([
    [
      "a dot",
      "ship.v2",
      'functions["ship.v2"]',
      '"ship.v2" is not a valid name: Lambda function names are letters, digits, - and _, 1 to 64 of them',
    ],
    [
      "65 characters",
      "f".repeat(65),
      `functions.${"f".repeat(65)}`,
      /is not a valid name: Lambda function names/,
    ],
  ])("a name with %s is refused", (_, name, path, message) => {
    expectOneProblem(withFunction({}, name), path, message);
  });
});

describe("function settings", () => {
  test.each<[string, Readonly<Record<string, unknown>>, string, string | RegExp]>([
    [
      "a handler without an export",
      { handler: "handlers/ship" },
      "handler",
      '"handlers/ship" is not "path/to/module.exportName"',
    ],
    [
      "a handler without a module",
      { handler: "handlers/.ship" },
      "handler",
      '"handlers/.ship" is not "path/to/module.exportName"',
    ],
    [
      "a handler with a space",
      { handler: "ship .handler" },
      "handler",
      /^"ship \.handler" is not valid: Lambda's Handler is 1 to 128 characters without spaces$/,
    ],
    [
      "a handler of 129 characters",
      { handler: `${"h".repeat(120)}.handler0` },
      "handler",
      /is not valid: Lambda's Handler/,
    ],
    [
      "a timeout of 0",
      { timeoutSeconds: 0 },
      "timeoutSeconds",
      "must be a whole number from 1 to 900 (Lambda Timeout); got 0",
    ],
    ["a timeout of 901", { timeoutSeconds: 901 }, "timeoutSeconds", /from 1 to 900 .*; got 901$/],
    ["a fractional timeout", { timeoutSeconds: 2.5 }, "timeoutSeconds", /from 1 to 900 .*; got 2.5$/],
    [
      "a memory size below 128",
      { memorySizeMb: 127 },
      "memorySizeMb",
      "must be a whole number from 128 to 10240 (Lambda MemorySize); got 127",
    ],
    [
      "a memory size above 10,240",
      { memorySizeMb: 10_241 },
      "memorySizeMb",
      /from 128 to 10240 .*; got 10241$/,
    ],
    [
      "a negative reserved concurrency",
      { reservedConcurrency: -1 },
      "reservedConcurrency",
      "must be a whole number from 0 to 900 (Lambda ReservedConcurrentExecutions); got -1",
    ],
    [
      "a reservation that leaves the account less than 100 unreserved",
      { reservedConcurrency: 901 },
      "reservedConcurrency",
      "must be a whole number from 0 to 900 (Lambda ReservedConcurrentExecutions); got 901",
    ],
    [
      "3 async retries",
      { async: { maximumRetryAttempts: 3 } },
      "async.maximumRetryAttempts",
      "must be a whole number from 0 to 2 (Lambda MaximumRetryAttempts); got 3",
    ],
    [
      "an event age below 60 s",
      { async: { maximumEventAgeSeconds: 59 } },
      "async.maximumEventAgeSeconds",
      /from 60 to 21600 .*; got 59$/,
    ],
    [
      "an event age above 6 hours",
      { async: { maximumEventAgeSeconds: 21_601 } },
      "async.maximumEventAgeSeconds",
      /from 60 to 21600 .*; got 21601$/,
    ],
    [
      "an environment name starting with a digit",
      { environment: { "1ST": "x" } },
      "environment.1ST",
      /^is not a valid name: Lambda takes a letter/,
    ],
    ["a one-letter environment name", { environment: { A: "x" } }, "environment.A", /^is not a valid name/],
    [
      "a reserved environment name",
      { environment: { AWS_REGION: "eu-west-1" } },
      "environment.AWS_REGION",
      /^is reserved: Lambda sets it itself/,
    ],
    [
      "an environment value that is not text",
      { environment: { PORT: 8080 } },
      "environment.PORT",
      "must be a string; got 8080",
    ],
    [
      "environment variables over 4 KB",
      { environment: { BIG: "x".repeat(4_094) } },
      "environment",
      "takes 4097 bytes; Lambda allows 4096 in all, names and values",
    ],
    [
      "an undeclared destination",
      { async: { onFailure: { function: "alert" } } },
      "async.onFailure",
      'function "alert" is not defined in functions',
    ],
    [
      "a FIFO queue as a destination",
      { async: { onSuccess: { queue: "ledger.fifo" } } },
      "async.onSuccess",
      'queue "ledger.fifo" is FIFO; Lambda sends invocation records only to standard queues',
    ],
    [
      "a destination naming two resources",
      { async: { onFailure: { queue: "failures", bus: "orders" } } },
      "async.onFailure",
      "names queue and bus; it sends to exactly one of them",
    ],
    [
      "a destination naming none",
      { async: { onFailure: {} } },
      "async.onFailure",
      "must name one of queue, bus, function",
    ],
  ])("%s is refused", (_, settings, member, message) => {
    expectOneProblem(withFunction(settings), `functions.ship.${member}`, message);
  });

  test("a function without a handler is refused", () => {
    const definition = { ...BASE, functions: { ship: { timeoutSeconds: 10 } } } as unknown as AppDefinition;
    expectOneProblem(definition, "functions.ship.handler", 'is required: "path/to/module.exportName"');
  });
});
