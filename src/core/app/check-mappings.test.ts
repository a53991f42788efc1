import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import type { AppDefinition } from "./app-definition.js";
import { AppDefinitionError } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

/** A queue and a FIFO queue, both at six times the function's timeout; one mapping. */
const BASE = {
  name: "shop",
  queues: { orders: { visibilityTimeoutSeconds: 60 }, "ledger.fifo": { visibilityTimeoutSeconds: 60 } },
  functions: { ship: { handler: "handlers/ship.handler", timeoutSeconds: 10 } },
  eventSourceMappings: [{ queue: "orders", function: "ship" }],
} as const;

type Settings = Readonly<Record<string, unknown>>;

const withMappings = (mappings: readonly Settings[]) =>
  ({ ...BASE, eventSourceMappings: mappings }) as unknown as AppDefinition;
const withMapping = (settings: Settings) => withMappings([{ ...BASE.eventSourceMappings[0], ...settings }]);

function expectOneProblem(definition: AppDefinition, path: string, message: string | RegExp): void {
  const error = thrownBy(() => checkApp(definition), AppDefinitionError);
  const expected = typeof message === "string" ? message : expect.stringMatching(message);
  expect(error.problems).toEqual([{ path, message: expected }]);
}

test("a batch size above 10 is accepted with a batching window of at least 1 s", () => {
  const { app } = checkApp(withMapping({ batchSize: 10_000, maximumBatchingWindowSeconds: 1 }));
  expect(app.eventSourceMappings[0]).toMatchObject({ batchSize: 10_000, maximumBatchingWindowSeconds: 1 });
});

describe("mapping settings", () => {
  test.each<[string, Settings, string, string | RegExp]>([
    [
      "a batch size of 0",
      { batchSize: 0 },
      ".batchSize",
      "must be a whole number from 1 to 10000 (Lambda BatchSize); got 0",
    ],
    [
      "a batch size of 10,001",
      { batchSize: 10_001, maximumBatchingWindowSeconds: 1 },
      ".batchSize",
      /from 1 to 10000 .*; got 10001$/,
    ],
    [
      "a batch size above 10 without a batching window",
      { batchSize: 11 },
      ".batchSize",
      "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
    ],
    [
      "a FIFO batch size above 10",
      { queue: "ledger.fifo", batchSize: 11 },
      ".batchSize",
      "is 11; for a FIFO queue Lambda's BatchSize is at most 10",
    ],
    [
      "a batching window on a FIFO queue",
      { queue: "ledger.fifo", maximumBatchingWindowSeconds: 1 },
      ".maximumBatchingWindowSeconds",
      "Batching window is not supported for FIFO queues",
    ],
    [
      "a batching window above 5 minutes",
      { maximumBatchingWindowSeconds: 301 },
      ".maximumBatchingWindowSeconds",
      /from 0 to 300 .*; got 301$/,
    ],
    [
      "a maximum concurrency of 1",
      { maximumConcurrency: 1 },
      ".maximumConcurrency",
      "must be a whole number from 2 to 1000 (Lambda ScalingConfig MaximumConcurrency); got 1",
    ],
    [
      "a maximum concurrency of 1,001",
      { maximumConcurrency: 1_001 },
      ".maximumConcurrency",
      /from 2 to 1000 .*; got 1001$/,
    ],
    [
      "six filter patterns",
      { filterPatterns: Array.from({ length: 6 }, () => ({ body: { a: [1] } })) },
      ".filterPatterns",
      "has 6 patterns; Lambda allows 5 filters a mapping",
    ],
    [
      "an invalid filter pattern",
      { filterPatterns: [{ body: { a: 1 } }] },
      ".filterPatterns[0]",
      /^Event pattern is not valid\. Reason: /,
    ],
    ["an undeclared queue", { queue: "lost" }, ".queue", 'queue "lost" is not defined in queues'],
    [
      "an undeclared function",
      { function: "lost" },
      ".function",
      'function "lost" is not defined in functions',
    ],
    ["no queue", { queue: undefined }, ".queue", "is required"],
    [
      "reportBatchItemFailures given as text",
      { reportBatchItemFailures: "true" },
      ".reportBatchItemFailures",
      'must be true or false; got "true"',
    ],
  ])("%s is refused", (_, settings, member, message) => {
    expectOneProblem(withMapping(settings), `eventSourceMappings[0]${member}`, message);
  });
});

test("a second mapping of the same queue and function is refused, as Lambda refuses it", () => {
  expectOneProblem(
    withMappings([BASE.eventSourceMappings[0], { ...BASE.eventSourceMappings[0], batchSize: 5 }]),
    "eventSourceMappings[1]",
    'maps queue "orders" to function "ship" as eventSourceMappings[0] does; Lambda allows one mapping of a queue to a function',
  );
});

test("a queue whose visibility timeout is shorter than the function's timeout is refused with Lambda's message", () => {
  const definition = {
    ...BASE,
    functions: { ship: { ...BASE.functions.ship, timeoutSeconds: 61 } },
  } as AppDefinition;
  expectOneProblem(
    definition,
    "eventSourceMappings[0]",
    'Queue visibility timeout: 60 seconds is less than Function timeout: 61 seconds (queue "orders", function "ship")',
  );
});
