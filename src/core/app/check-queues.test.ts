import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import type { AppDefinition } from "./app-definition.js";
import { AppDefinitionError } from "./app-definition-error.js";
import { checkApp } from "./check-app.js";

/** Valid queues without warnings; each case below breaks one thing. */
const QUEUES = {
  orders: { visibilityTimeoutSeconds: 60, deadLetter: { queue: "orders-dlq", maxReceiveCount: 3 } },
  "orders-dlq": { messageRetentionPeriodSeconds: 1_209_600 },
  "ledger.fifo": { deadLetter: { queue: "ledger-dlq.fifo", maxReceiveCount: 3 } },
  "ledger-dlq.fifo": {},
} as const;

const withQueue = (name: string, definition: unknown) =>
  ({ name: "shop", queues: { ...QUEUES, [name]: definition } }) as unknown as AppDefinition;
const withOrders = (settings: Readonly<Record<string, unknown>>) =>
  withQueue("orders", { ...QUEUES.orders, ...settings });

function expectOneProblem(definition: AppDefinition, path: string, message: string | RegExp): void {
  const error = thrownBy(() => checkApp(definition), AppDefinitionError);
  const expected = typeof message === "string" ? message : expect.stringMatching(message);
  expect(error.problems).toEqual([{ path, message: expected }]);
}

test("the base queues are valid and warn about nothing", () => {
  expect(checkApp({ name: "shop", queues: QUEUES }).warnings).toEqual([]);
});

const SQS_STANDARD_NAME =
  "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
const SQS_FIFO_NAME =
  "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with " +
  ".fifo suffix and be 1 to 80 in length.";

describe("queue names are SQS's", () => {
  test.each<[string, string, unknown, string, string | RegExp]>([
    [
      "a character SQS refuses",
      "bad!",
      {},
      'queues["bad!"]',
      `"bad!" is not a valid queue name: ${SQS_STANDARD_NAME}`,
    ],
    [
      "81 characters",
      "q".repeat(81),
      {},
      `queues.${"q".repeat(81)}`,
      /^"q+" is not a valid queue name: Can only/,
    ],
    [
      "a FIFO queue without .fifo",
      "jobs",
      { fifo: true },
      "queues.jobs",
      `"jobs" is not a valid queue name: ${SQS_FIFO_NAME}`,
    ],
    [
      "a standard queue named .fifo",
      "jobs.fifo",
      { fifo: false },
      'queues["jobs.fifo"]',
      `"jobs.fifo" is not a valid queue name: ${SQS_STANDARD_NAME}`,
    ],
  ])("%s is refused", (_, name, definition, path, message) => {
    expectOneProblem(withQueue(name, definition), path, message);
  });
});

describe("queue attributes are checked by core/queues, with SQS's messages", () => {
  test.each<[string, Readonly<Record<string, unknown>>, string, string | RegExp]>([
    [
      "a visibility timeout above 12 hours",
      { visibilityTimeoutSeconds: 43_201 },
      "visibilityTimeoutSeconds",
      "Invalid value for the parameter VisibilityTimeout.",
    ],
    [
      "a retention below a minute",
      { messageRetentionPeriodSeconds: 59 },
      "messageRetentionPeriodSeconds",
      "Invalid value for the parameter MessageRetentionPeriod.",
    ],
    [
      "a delay above 15 minutes",
      { delaySeconds: 901 },
      "delaySeconds",
      "Invalid value for the parameter DelaySeconds.",
    ],
    [
      "a fractional delay",
      { delaySeconds: 1.5 },
      "delaySeconds",
      "Invalid value for the parameter DelaySeconds.",
    ],
    [
      "a message size below 1 KiB",
      { maximumMessageSizeBytes: 1_023 },
      "maximumMessageSizeBytes",
      "Invalid value for the parameter MaximumMessageSize.",
    ],
    [
      "a receive wait above 20 s",
      { receiveMessageWaitTimeSeconds: 21 },
      "receiveMessageWaitTimeSeconds",
      "Invalid value for the parameter ReceiveMessageWaitTimeSeconds.",
    ],
    [
      "a number given as text",
      { visibilityTimeoutSeconds: "60" },
      "visibilityTimeoutSeconds",
      'must be a whole number; got "60"',
    ],
    [
      "content-based deduplication on a standard queue",
      { contentBasedDeduplication: true },
      "contentBasedDeduplication",
      "applies only to FIFO queues",
    ],
    [
      "a misspelt setting",
      { visibilityTimeout: 60 },
      "visibilityTimeout",
      /^is not a setting here \(known: fifo, visibilityTimeoutSeconds,/,
    ],
    ["fifo given as text", { fifo: "no" }, "fifo", 'must be true or false; got "no"'],
  ])("%s is refused", (_, settings, member, message) => {
    expectOneProblem(withOrders(settings), `queues.orders.${member}`, message);
  });

  test("every bad attribute of a queue is reported, not only the first", () => {
    const error = thrownBy(
      () => checkApp(withOrders({ delaySeconds: 901, visibilityTimeoutSeconds: -1 })),
      AppDefinitionError,
    );
    expect(error.problems.map((problem) => problem.path)).toEqual([
      "queues.orders.visibilityTimeoutSeconds",
      "queues.orders.delaySeconds",
    ]);
  });
});

describe("dead-letter queues", () => {
  test.each<[string, string, unknown, string, string | RegExp]>([
    [
      "an undeclared one",
      "orders",
      { deadLetter: { queue: "lost", maxReceiveCount: 3 } },
      "queues.orders.deadLetter.queue",
      'queue "lost" is not defined in queues',
    ],
    [
      "a standard one for a FIFO queue",
      "ledger.fifo",
      { deadLetter: { queue: "orders-dlq", maxReceiveCount: 3 } },
      'queues["ledger.fifo"].deadLetter.queue',
      '"orders-dlq" is a standard queue; the dead-letter queue of a FIFO queue must be FIFO too (SQS: Dead-letter queue must be same type of queue as the source.)',
    ],
    [
      "a FIFO one for a standard queue",
      "orders",
      { deadLetter: { queue: "ledger-dlq.fifo", maxReceiveCount: 3 } },
      "queues.orders.deadLetter.queue",
      /^"ledger-dlq.fifo" is a FIFO queue; the dead-letter queue of a standard queue must be standard too/,
    ],
    [
      "a maxReceiveCount of 0",
      "orders",
      { deadLetter: { queue: "orders-dlq", maxReceiveCount: 0 } },
      "queues.orders.deadLetter.maxReceiveCount",
      "must be a whole number from 1 to 1000 (RedrivePolicy maxReceiveCount); got 0",
    ],
    [
      "a maxReceiveCount of 1001",
      "orders",
      { deadLetter: { queue: "orders-dlq", maxReceiveCount: 1_001 } },
      "queues.orders.deadLetter.maxReceiveCount",
      /from 1 to 1000 .*; got 1001$/,
    ],
    [
      "no maxReceiveCount",
      "orders",
      { deadLetter: { queue: "orders-dlq" } },
      "queues.orders.deadLetter.maxReceiveCount",
      "is required",
    ],
  ])("%s is refused", (_, name, definition, path, message) => {
    expectOneProblem(withQueue(name, definition), path, message);
  });
});

test("a queue that is not an object is refused, and its references still count as declared", () => {
  expectOneProblem(withQueue("orders-dlq", true), "queues.orders-dlq", "must be an object; got true");
});
