import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import type { AppDefinition } from "./app-definition.js";
import { AppDefinitionError } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

/** A valid app around one rule; each case below breaks one thing in it. */
const BASE = {
  name: "shop",
  buses: { orders: {} },
  queues: { orders: {}, "ledger.fifo": {}, "ledger-dlq.fifo": {} },
  functions: { ship: { handler: "handlers/ship.handler" } },
  rules: {
    ship: {
      bus: "orders",
      eventPattern: { source: ["shop.orders"] },
      targets: [{ queue: "orders" }, { queue: "ledger.fifo", messageGroupId: "all" }],
    },
  },
} as const;

type Settings = Readonly<Record<string, unknown>>;

const withRule = (settings: Settings, name = "ship") =>
  ({
    ...BASE,
    rules: { ...BASE.rules, [name]: { ...BASE.rules.ship, ...settings } },
  }) as unknown as AppDefinition;
const withTarget = (target: Settings) => withRule({ targets: [target] });

function expectOneProblem(definition: AppDefinition, path: string, message: string | RegExp): void {
  const error = thrownBy(() => checkApp(definition), AppDefinitionError);
  const expected = typeof message === "string" ? message : expect.stringMatching(message);
  expect(error.problems).toEqual([{ path, message: expected }]);
}

test("the base app is valid; a rule may have both a pattern and a schedule on the default bus", () => {
  expect(checkApp(withRule({})).warnings).toEqual([]);
  const { app } = checkApp(withRule({ bus: undefined, schedule: "rate(1 hour)" }));
  expect(app.rules.ship).toMatchObject({ bus: "default", scheduleExpression: "rate(1 hour)" });
});

describe("names", () => {
  test.each<[string, AppDefinition, string, string | RegExp]>([
    [
      "a rule name with a space",
      withRule({}, "fraud detection"),
      'rules["fraud detection"]',
      '"fraud detection" is not a valid name: EventBridge rule names are letters, digits, ., - and _, 1 to 64 of them',
    ],
    [
      "a custom bus name with a slash",
      { ...BASE, buses: { ...BASE.buses, "a/b": {} } } as AppDefinition,
      'buses["a/b"]',
      /^"a\/b" is not a valid name: custom event bus names/,
    ],
    [
      "the default bus declared",
      { ...BASE, buses: { ...BASE.buses, default: {} } } as AppDefinition,
      "buses.default",
      /^the "default" bus always exists and is never declared/,
    ],
    [
      "a bus description over 512 characters",
      { ...BASE, buses: { orders: { description: "d".repeat(513) } } } as AppDefinition,
      "buses.orders.description",
      "is 513 characters; EventBridge allows 512",
    ],
  ])("%s is refused", (_, definition, path, message) => {
    expectOneProblem(definition, path, message);
  });
});

describe("rules", () => {
  test.each<[string, Settings, string, string | RegExp]>([
    ["an undeclared bus", { bus: "payments" }, "bus", /^bus "payments" is not defined in buses/],
    [
      "an invalid event pattern",
      { eventPattern: { source: "shop.orders" } },
      "eventPattern",
      'Event pattern is not valid. Reason: "source" must be an object or an array',
    ],
    [
      "an event pattern that is not an object",
      { eventPattern: ["shop"] },
      "eventPattern",
      'must be an event pattern object; got ["shop"]',
    ],
    [
      "an invalid schedule",
      { bus: undefined, eventPattern: undefined, schedule: "rate(5 minute)" },
      "schedule",
      /^Parameter ScheduleExpression is not valid\. \("rate\(5 minute\)": .+\)$/,
    ],
    [
      "a schedule on a custom bus",
      { schedule: "rate(5 minutes)" },
      "schedule",
      "ScheduleExpression is supported only on the default event bus.",
    ],
    [
      "a description over 512 characters",
      { description: "d".repeat(513) },
      "description",
      "is 513 characters; EventBridge allows 512",
    ],
    ["enabled given as text", { enabled: "yes" }, "enabled", 'must be true or false; got "yes"'],
    ["no targets", { targets: [] }, "targets", "is empty: a rule needs a target"],
    [
      "six targets",
      { targets: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `t${n}`, queue: "orders" })) },
      "targets",
      "has 6 targets; EventBridge allows 5 a rule",
    ],
    [
      "targets that are not an array",
      { targets: { queue: "orders" } },
      "targets",
      'must be an array; got {"queue":"orders"}',
    ],
    ["targets left out", { targets: undefined }, "targets", "is required: 1 to 5 targets"],
  ])("%s is refused", (_, settings, member, message) => {
    expectOneProblem(withRule(settings), `rules.ship.${member}`, message);
  });

  test("a rule with neither a pattern nor a schedule is refused with EventBridge's message", () => {
    expectOneProblem(
      withRule({ eventPattern: undefined }),
      "rules.ship",
      "needs an eventPattern or a schedule (EventBridge: Parameter(s) EventPattern or ScheduleExpression must be specified.)",
    );
  });
});

describe("targets", () => {
  test.each<[string, Settings, string, string | RegExp]>([
    ["an undeclared queue", { queue: "fraud" }, "", 'queue "fraud" is not defined in queues'],
    ["an undeclared function", { function: "fraud" }, "", 'function "fraud" is not defined in functions'],
    [
      "an undeclared bus",
      { bus: "audit" },
      "",
      'bus "audit" is not defined in buses (only "default" exists without being declared)',
    ],
    ["no resource", { id: "x" }, "", "must name one of queue, function, bus"],
    [
      "two resources",
      { queue: "orders", function: "ship" },
      "",
      "names queue and function; it sends to exactly one of them",
    ],
    [
      "an id with a space",
      { id: "ship it", queue: "orders" },
      ".id",
      /^"ship it" is not a valid name: target ids are/,
    ],
    ["an input JSON cannot carry", { queue: "orders", input: 10n }, ".input", /^is not JSON: /],
    [
      "an input and an input path",
      { queue: "orders", input: { a: 1 }, inputPath: "$.detail" },
      "",
      "Only one of Input, InputPath, or InputTransformer must be provided for target orders.",
    ],
    [
      "an invalid input path",
      { queue: "orders", inputPath: "detail" },
      "",
      /^InputPath for target orders is not a valid JSON path: /,
    ],
    [
      "a template placeholder without a path",
      { queue: "orders", inputTransformer: { inputPathsMap: { id: "$.id" }, inputTemplate: '"<order>"' } },
      "",
      "InputTemplate for target orders contains invalid placeholder order.",
    ],
    [
      "an input transformer without a template",
      { queue: "orders", inputTransformer: { inputPathsMap: {} } },
      ".inputTransformer.inputTemplate",
      "is required",
    ],
    [
      "an input on a bus target",
      { bus: "orders", input: { a: 1 } },
      "",
      "Input, InputPath and InputTransformer are not supported for event bus targets.",
    ],
    [
      "a FIFO queue without a message group",
      { queue: "ledger.fifo" },
      "",
      'FIFO queue "ledger.fifo" needs a messageGroupId (EventBridge: Parameter(s) SqsParameters must be specified for target: ledger.fifo.)',
    ],
    [
      "a message group on a function target",
      { function: "ship", messageGroupId: "g" },
      ".messageGroupId",
      "applies only to queue targets",
    ],
    [
      "186 retries",
      { queue: "orders", retryPolicy: { maximumRetryAttempts: 186 } },
      ".retryPolicy.maximumRetryAttempts",
      "must be a whole number from 0 to 185 (EventBridge RetryPolicy MaximumRetryAttempts); got 186",
    ],
    [
      "an event age above a day",
      { queue: "orders", retryPolicy: { maximumEventAgeSeconds: 86_401 } },
      ".retryPolicy.maximumEventAgeSeconds",
      /from 60 to 86400 .*; got 86401$/,
    ],
    [
      "an undeclared dead-letter queue",
      { queue: "orders", deadLetterQueue: "lost" },
      ".deadLetterQueue",
      'queue "lost" is not defined in queues',
    ],
    [
      "a FIFO dead-letter queue",
      { queue: "orders", deadLetterQueue: "ledger-dlq.fifo" },
      ".deadLetterQueue",
      'queue "ledger-dlq.fifo": SQS FIFO is not supported by Dead Letter Queues.',
    ],
  ])("%s is refused", (_, target, member, message) => {
    expectOneProblem(withTarget(target), `rules.ship.targets[0]${member}`, message);
  });

  test("two targets with the same default id are refused", () => {
    expectOneProblem(
      withRule({ targets: [{ queue: "orders" }, { queue: "orders", inputPath: "$.detail" }] }),
      "rules.ship.targets[1]",
      /^has the id "orders" of rules\.ship\.targets\[0\]; target ids are unique in a rule/,
    );
  });

  test("a target whose default id would be over 64 characters needs an id", () => {
    const longName = "q".repeat(70);
    const definition = {
      ...BASE,
      queues: { ...BASE.queues, [longName]: {} },
      rules: { ship: { ...BASE.rules.ship, targets: [{ queue: longName }] } },
    } as AppDefinition;
    expectOneProblem(
      definition,
      "rules.ship.targets[0]",
      /^needs an id: its default, the queue name "q+", is longer than the 64 characters of a target id$/,
    );
  });
});
