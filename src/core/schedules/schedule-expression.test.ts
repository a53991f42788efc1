import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ErrorCode, ValidationError } from "../errors.js";
import {
  INVALID_SCHEDULE_EXPRESSION_MESSAGE,
  InvalidScheduleExpressionError,
  nextFireAfter,
  parseScheduleExpression,
} from "./index.js";

describe("parseScheduleExpression", () => {
  test("reads rate(...) and cron(...)", () => {
    expect(parseScheduleExpression("rate(5 minutes)")).toMatchObject({
      kind: "rate",
      value: 5,
      unit: "minute",
    });
    expect(parseScheduleExpression("cron(0 20 * * ? *)")).toMatchObject({ kind: "cron", hours: [20] });
  });

  test.each(["", "every 5 minutes", "at(2024-01-01T00:00:00)", "0 10 * * ? *", "rate", "cron"])(
    "%j, neither form, is AWS's ValidationException",
    (expression) => {
      const error = thrownBy(() => parseScheduleExpression(expression), InvalidScheduleExpressionError);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe(ErrorCode.Validation);
      expect(error.message).toBe(INVALID_SCHEDULE_EXPRESSION_MESSAGE);
      expect(INVALID_SCHEDULE_EXPRESSION_MESSAGE).toBe("Parameter ScheduleExpression is not valid.");
    },
  );
});

describe("nextFireAfter", () => {
  const created = Date.parse("2024-05-01T10:02:37Z");

  test("counts a rate from the anchor it is given", () => {
    const schedule = parseScheduleExpression("rate(1 hour)");
    expect(nextFireAfter(schedule, Date.parse("2024-05-01T12:30:00Z"), created)).toBe(
      Date.parse("2024-05-01T13:02:37Z"),
    );
  });

  test("answers a cron from the clock alone; an anchor changes nothing", () => {
    const schedule = parseScheduleExpression("cron(0 18 ? * MON-FRI *)");
    const friday = Date.parse("2024-01-05T18:00:00Z");
    const monday = Date.parse("2024-01-08T18:00:00Z");
    expect(nextFireAfter(schedule, friday, created)).toBe(monday);
    if (schedule.kind === "cron") expect(nextFireAfter(schedule, friday)).toBe(monday);
  });

  test("a rate without its anchor is a programming error, caught by the types first", () => {
    const schedule = parseScheduleExpression("rate(1 day)");
    if (schedule.kind !== "rate") throw new Error("expected a rate schedule");
    // @ts-expect-error: a rate schedule needs its anchor.
    expect(() => nextFireAfter(schedule, created)).toThrow(TypeError);
  });
});
