import { describe, expect, test } from "vitest";
import { thrownBy } from "../../../test/support/thrown.js";
import { type CronSchedule, parseCronExpression } from "./cron-expression.js";
import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function fieldsOf(expression: string): Omit<CronSchedule, "kind" | "expression"> {
  const { kind: _kind, expression: _expression, ...fields } = parseCronExpression(expression);
  return fields;
}

describe("parseCronExpression: the documented examples", () => {
  // Every cron expression on https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
  // and its older "Schedule Expressions for Rules" page, plus the forms of LocalStack's AWS-validated
  // tests_put_rule_with_schedule_cron and the SDK reference's "cron(0 20 * * ? *)".
  test.each([
    "cron(0 10 * * ? *)",
    "cron(15 12 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 8 1 * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(0/10 * ? * MON-FRI *)",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "cron(0/30 20-2 ? * MON-FRI *)",
    "cron(0/30 20-23 ? * MON-FRI *)",
    "cron(0/30 0-2 ? * MON-FRI *)",
    "cron(0 12 * * ? *)",
    "cron(5,35 14 * * ? *)",
    "cron(15 10 ? * 6L 2019-2022)",
    "cron(0 20 * * ? *)",
    "cron(0 9 ? * 2#1 *)",
  ])("%s parses", (expression) => {
    expect(parseCronExpression(expression).expression).toBe(expression);
  });

  test("cron(0/5 8-17 ? * MON-FRI *): every fifth minute, hours 8 to 17, Monday (2) to Friday (6)", () => {
    expect(fieldsOf("cron(0/5 8-17 ? * MON-FRI *)")).toEqual({
      minutes: [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55],
      hours: range(8, 17),
      days: { field: "day-of-week", rule: { kind: "weekdays", weekdays: [2, 3, 4, 5, 6] } },
      months: range(1, 12),
      years: range(1970, 2199),
    });
  });

  test("cron(0/30 20-2 ? * MON-FRI *): a range past midnight wraps to 20-23 and 0-2", () => {
    expect(fieldsOf("cron(0/30 20-2 ? * MON-FRI *)").hours).toEqual([0, 1, 2, 20, 21, 22, 23]);
  });

  test("cron(15 10 ? * 6L 2019-2022): the last Friday, in four years", () => {
    const fields = fieldsOf("cron(15 10 ? * 6L 2019-2022)");
    expect(fields.days).toEqual({ field: "day-of-week", rule: { kind: "last-of-month", weekday: 6 } });
    expect(fields.years).toEqual([2019, 2020, 2021, 2022]);
  });

  test("cron(0 8 1 * ? *): day 1 of the month, day-of-week unconstrained", () => {
    expect(fieldsOf("cron(0 8 1 * ? *)").days).toEqual({
      field: "day-of-month",
      rule: { kind: "days", days: [1] },
    });
  });
});

describe("parseCronExpression: wildcards", () => {
  test.each([
    [
      "1/10 minutes: every tenth minute from the first (the docs' example)",
      "cron(1/10 * * * ? *)",
      "minutes",
      [1, 11, 21, 31, 41, 51],
    ],
    ["*/20 starts at the field's minimum", "cron(*/20 * * * ? *)", "minutes", [0, 20, 40]],
    ["a step over a range", "cron(10-30/10 * * * ? *)", "minutes", [10, 20, 30]],
    ["a step carries across a wrapping range", "cron(0 20-2/3 * * ? *)", "hours", [2, 20, 23]],
    ["a list of values and ranges, sorted and distinct", "cron(5,1-3,2 * * * ? *)", "minutes", [1, 2, 3, 5]],
    ["leading zeros", "cron(05 08 * * ? *)", "hours", [8]],
    ["month names", "cron(0 0 1 JAN,FEB,MAR ? *)", "months", [1, 2, 3]],
    ["a month range that wraps the year", "cron(0 0 1 NOV-FEB ? *)", "months", [1, 2, 11, 12]],
    ["a month step", "cron(0 0 1 1/4 ? *)", "months", [1, 5, 9]],
    ["a year step from 1970", "cron(0 0 1 1 ? */50)", "years", [1970, 2020, 2070, 2120, 2170]],
    ["a year list", "cron(0 0 1 1 ? 2024,2026)", "years", [2024, 2026]],
  ])("%s", (_case, expression, field, values) => {
    expect(fieldsOf(expression)).toMatchObject({ [field]: values });
  });

  test.each([
    [
      "names in any case (AWS's own workshop writes mon-sun)",
      "cron(* * ? * mon-sun *)",
      { kind: "weekdays", weekdays: [1, 2, 3, 4, 5, 6, 7] },
    ],
    ["SUN is 1 and SAT is 7", "cron(0 0 ? * SUN,SAT *)", { kind: "weekdays", weekdays: [1, 7] }],
    [
      "a weekday range that wraps the week",
      "cron(0 0 ? * FRI-MON *)",
      { kind: "weekdays", weekdays: [1, 2, 6, 7] },
    ],
    ["L alone is the week's last day, Saturday", "cron(0 0 ? * L *)", { kind: "weekdays", weekdays: [7] }],
    ["nL is the month's last such weekday", "cron(0 0 ? * 1L *)", { kind: "last-of-month", weekday: 1 }],
    ["a named weekday takes L too", "cron(0 0 ? * FRIL *)", { kind: "last-of-month", weekday: 6 }],
    [
      "3#2 is the second Tuesday (the docs' example)",
      "cron(0 0 ? * 3#2 *)",
      { kind: "nth-of-month", weekday: 3, nth: 2 },
    ],
    ["# with a name", "cron(0 0 ? * fri#5 *)", { kind: "nth-of-month", weekday: 6, nth: 5 }],
  ])("Day-of-week: %s", (_case, expression, rule) => {
    expect(fieldsOf(expression).days).toEqual({ field: "day-of-week", rule });
  });

  test.each([
    ["* is every day", "cron(0 0 * * ? *)", { kind: "days", days: range(1, 31) }],
    [
      "a range that wraps the month counts 31 days",
      "cron(0 0 28-3 * ? *)",
      { kind: "days", days: [1, 2, 3, 28, 29, 30, 31] },
    ],
    ["a step", "cron(0 0 1/10 * ? *)", { kind: "days", days: [1, 11, 21, 31] }],
    ["L is the last day", "cron(0 0 L * ? *)", { kind: "last-day" }],
    ["LW is the last weekday", "cron(0 0 LW * ? *)", { kind: "last-weekday" }],
    [
      "3W is the weekday nearest the 3rd (the docs' example)",
      "cron(0 0 3W * ? *)",
      { kind: "nearest-weekday", day: 3 },
    ],
    ["l and w in lower case", "cron(0 0 15w * ? *)", { kind: "nearest-weekday", day: 15 }],
  ])("Day-of-month: %s", (_case, expression, rule) => {
    expect(fieldsOf(expression).days).toEqual({ field: "day-of-month", rule });
  });
});

describe("parseCronExpression: refusals", () => {
  test.each([
    ["five fields", "cron(0 10 * * ?)"],
    ["seven fields (a seconds field, as Quartz has)", "cron(0 0 10 * * ? *)"],
    ["no fields", "cron()"],
    ["both day fields specified with *", "cron(0 9 * * MON-FRI *)"],
    ["both day fields specified with values", "cron(0 9 1 * 2 *)"],
    ["both day fields *", "cron(0 9 * * * *)"],
    ["both day fields ?", "cron(0 9 ? * ? *)"],
    ["minute 60", "cron(60 * * * ? *)"],
    ["hour 24", "cron(0 24 * * ? *)"],
    ["day 0", "cron(0 0 0 * ? *)"],
    ["day 32", "cron(0 0 32 * ? *)"],
    ["month 0", "cron(0 0 1 0 ? *)"],
    ["month 13", "cron(0 0 1 13 ? *)"],
    ["weekday 0 (Unix cron's Sunday)", "cron(0 0 ? * 0 *)"],
    ["weekday 8", "cron(0 0 ? * 8 *)"],
    ["year 1969", "cron(0 0 1 * ? 1969)"],
    ["year 2200", "cron(0 0 1 * ? 2200)"],
    ["a year range that runs backwards", "cron(0 0 1 * ? 2022-2019)"],
    ["two # expressions (the docs' own counter-example)", "cron(0 0 ? * 3#1,6#3 *)"],
    ["# with a range", "cron(0 0 ? * 2-3#1 *)"],
    ["a sixth occurrence", "cron(0 0 ? * 3#6 *)"],
    ["a zeroth occurrence", "cron(0 0 ? * 3#0 *)"],
    ["/ in Day-of-week, which the docs do not list", "cron(0 0 ? * 1/2 *)"],
    ["L in a weekday list", "cron(0 0 ? * 1,6L *)"],
    ["W in Day-of-week", "cron(0 0 ? * 2W *)"],
    ["# in Day-of-month", "cron(0 0 1#2 * ? *)"],
    ["an offset from the last day", "cron(0 0 L-3 * ? *)"],
    ["L in a day list", "cron(0 0 1,L * ? *)"],
    ["W over a range", "cron(0 0 1-5W * ? *)"],
    ["W on day 32", "cron(0 0 32W * ? *)"],
    ["L in Month", "cron(0 0 1 L ? *)"],
    ["? in Minutes", "cron(? 0 1 * ? *)"],
    ["a weekday name in Hours", "cron(0 MON 1 * ? *)"],
    ["a month's full name", "cron(0 0 1 JANUARY ? *)"],
    ["a weekday name in Month", "cron(0 0 1 MON ? *)"],
    ["a range mixing a name and a number", "cron(0 0 1 JAN-3 ? *)"],
    ["an increment of 0", "cron(0/0 * * * ? *)"],
    ["an increment above the field's maximum", "cron(0/60 * * * ? *)"],
    ["an hour increment of 24", "cron(0 0/24 * * ? *)"],
    ["* in a list", "cron(*,5 * * * ? *)"],
    ["an empty list item", "cron(1,,2 * * * ? *)"],
    ["an open range", "cron(1- * * * ? *)"],
    ["a negative value", "cron(-1 * * * ? *)"],
    ["an increment without a number", "cron(*/ * * * ? *)"],
    ["an increment without a start", "cron(/5 * * * ? *)"],
    ["two spaces between fields", "cron(0  10 * * ? *)"],
    ["spaces inside the parentheses", "cron( 0 10 * * ? * )"],
    ["a tab between fields", "cron(0\t10 * * ? *)"],
    ["a missing parenthesis", "cron(0 10 * * ? *"],
    ["an upper-case keyword", "CRON(0 10 * * ? *)"],
    ["a non-ASCII letter that upper-cases to a name", "cron(0 0 ? * ſun *)"],
  ])("%s: %s", (_case, expression) => {
    const error = thrownBy(() => parseCronExpression(expression), InvalidScheduleExpressionError);
    expect(error.message).toBe("Parameter ScheduleExpression is not valid.");
    expect(error.expression).toBe(expression);
    expect(error.reason).not.toBe("");
  });

  test("the reason names the part that was wrong", () => {
    const error = thrownBy(() => parseCronExpression("cron(0 24 * * ? *)"), InvalidScheduleExpressionError);
    expect(error.reason).toBe("Hours value 24 is outside 0-23");
    expect(error.context).toEqual({ scheduleExpression: "cron(0 24 * * ? *)", reason: error.reason });
  });
});
