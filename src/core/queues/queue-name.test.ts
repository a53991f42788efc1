import { describe, expect, test } from "vitest";
import { QueueRequestError } from "../errors.js";
import { isFifoQueueName, validateQueueName } from "./queue-name.js";

const STANDARD_MESSAGE =
  "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
const FIFO_MESSAGE =
  "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, " +
  "must end with .fifo suffix and be 1 to 80 in length.";

function refusal(name: string, fifo: boolean): QueueRequestError {
  try {
    validateQueueName(name, { fifo });
  } catch (error) {
    if (error instanceof QueueRequestError) return error;
    throw error;
  }
  throw new Error(`"${name}" was accepted`);
}

describe("standard queue names", () => {
  test("1 to 80 letters, digits, hyphens and underscores are accepted", () => {
    for (const name of ["a", "Orders_v2-dlq", "x".repeat(80)]) {
      expect(() => validateQueueName(name, { fifo: false })).not.toThrow();
    }
  });

  test.each([
    ["81 characters", "x".repeat(81)],
    ["an empty name", ""],
    ["a dot", "in.fo"],
    ["the FIFO suffix", "orders.fifo"],
    ["a space", "my queue"],
    ["a slash", "queue/1"],
    ["a letter outside ASCII", "ééwwà"],
  ])("%s is refused with SQS's InvalidParameterValue", (_case, name) => {
    const error = refusal(name, false);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(STANDARD_MESSAGE);
  });
});

describe("FIFO queue names", () => {
  test("a name ending in .fifo, 80 characters with the suffix, is accepted", () => {
    expect(() => validateQueueName("orders.fifo", { fifo: true })).not.toThrow();
    expect(() => validateQueueName(`${"x".repeat(75)}.fifo`, { fifo: true })).not.toThrow();
  });

  test.each([
    ["no suffix", "orders"],
    ["81 characters with the suffix", `${"x".repeat(76)}.fifo`],
    ["nothing before the suffix", ".fifo"],
    ["a misspelt suffix", "orders.ifo"],
    ["a dot before the suffix", "my.orders.fifo"],
    ["an upper-case suffix", "orders.FIFO"],
  ])("%s is refused with SQS's FIFO name message", (_case, name) => {
    const error = refusal(name, true);
    expect(error.code).toBe("InvalidParameterValue");
    expect(error.message).toBe(FIFO_MESSAGE);
  });
});

test("isFifoQueueName says whether the name has the FIFO suffix", () => {
  expect(isFifoQueueName("orders.fifo")).toBe(true);
  expect(isFifoQueueName("orders")).toBe(false);
});
