import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { ErrorCode } from "../errors.js";
import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";
import { nextRateFireAfter, parseRateExpression } from "./rate-expression.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseRateExpression", () => {
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html, "Examples".
  test.each([
    ["rate(1 minute)", 1, "minute", MINUTE],
    ["rate(5 minutes)", 5, "minute", 5 * MINUTE],
    ["rate(1 hour)", 1, "hour", HOUR],
    ["rate(1 day)", 1, "day", DAY],
    ["rate(12 hours)", 12, "hour", 12 * HOUR],
    ["rate(10 days)", 10, "day", 10 * DAY],
  ])("the documented %s parses to %i %s", (expression, value, unit, periodMs) => {
    expect(parseRateExpression(expression)).toEqual({ kind: "rate", expression, value, unit, periodMs });
  });

  // The AWS-validated rejections of LocalStack's test_put_rule_with_invalid_schedule_rate, then the
  // documented singular/plural rule ("rate(1 hours) and rate(5 hour) aren't valid") and our own bounds.
  test.each([
    "rate(10 seconds)",
    "rate(10 years)",
    "rate(1 minutes)",
    "rate(1 hours)",
    "rate(1 days)",
    "rate(10 minute)",
    "rate(10 hour)",
    "rate(10 day)",
    "rate()",
    "rate(10)",
    "rate(10 minutess)",
    "rate(foo minutes)",
    "rate(0 minutes)",
    "rate(-10 minutes)",
    "rate(10 MINUTES)",
    "rate( 10 minutes )",
    " rate(10 minutes)",
    "rate(5 hour)",
    "rate(1.5 hours)",
    "rate(01 minute)",
    "rate(10  minutes)",
    "rate(10 minutes) ",
    "Rate(10 minutes)",
    "rate(2147483648 minutes)",
  ])("%j is refused with AWS's ValidationException message", (expression) => {
    const error = thrownBy(() => parseRateExpression(expression), InvalidScheduleExpressionError);
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.message).toBe("Parameter ScheduleExpression is not valid.");
    expect(error.context).toMatchObject({ scheduleExpression: expression });
  });

  test("the largest value accepted keeps an exact period", () => {
    const schedule = parseRateExpression("rate(2147483647 days)");
    expect(schedule.periodMs).toBe(2_147_483_647 * DAY);
    expect(Number.isSafeInteger(schedule.periodMs / 1024)).toBe(true);
  });
});

describe("nextRateFireAfter", () => {
  const anchor = Date.parse("2024-05-01T10:02:37.250Z");
  const everyFive = parseRateExpression("rate(5 minutes)");

  test("the first fire is one period after the anchor, not at it", () => {
    expect(nextRateFireAfter(everyFive, anchor, anchor)).toBe(anchor + 5 * MINUTE);
  });

  test("fires keep the anchor's phase, seconds included, rather than aligning to the minute", () => {
    expect(new Date(nextRateFireAfter(everyFive, anchor + 61 * MINUTE, anchor) ?? 0).toISOString()).toBe(
      "2024-05-01T11:07:37.250Z",
    );
  });

  test("a query exactly at a fire time returns the next one: fires are strictly after", () => {
    const fire = anchor + 3 * 5 * MINUTE;
    expect(nextRateFireAfter(everyFive, fire - 1, anchor)).toBe(fire);
    expect(nextRateFireAfter(everyFive, fire, anchor)).toBe(fire + 5 * MINUTE);
  });

  test("a query before the anchor answers the first fire", () => {
    expect(nextRateFireAfter(everyFive, anchor - DAY, anchor)).toBe(anchor + 5 * MINUTE);
  });

  test("a day is always 24 hours: UTC has no daylight saving", () => {
    const daily = parseRateExpression("rate(1 day)");
    const start = Date.parse("2024-03-09T02:30:00Z");
    const fires: number[] = [];
    for (let after = start; fires.length < 30; ) {
      const fire = nextRateFireAfter(daily, after, start) ?? Number.NaN;
      fires.push(fire);
      after = fire;
    }
    expect(fires.every((fire, i) => fire === start + (i + 1) * DAY)).toBe(true);
  });

  test("a fire beyond the last instant a Date can hold is no fire", () => {
    const huge = parseRateExpression("rate(2147483647 days)");
    expect(nextRateFireAfter(huge, anchor, anchor)).toBeUndefined();
  });

  test("non-finite instants are a programming error", () => {
    expect(() => nextRateFireAfter(everyFive, Number.NaN, anchor)).toThrow(RangeError);
    expect(() => nextRateFireAfter(everyFive, anchor, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
