import { CRON_FIELDS, expandCronList, readCronValue } from "./cron-field.js";
import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";

/** Which days of the month a Day-of-month field picks. */
export type DayOfMonthRule =
  /** Listed days (`1`, `1-15`, `*`, `1/3`); a day the month lacks (31 in April) is skipped. */
  | { readonly kind: "days"; readonly days: readonly number[] }
  /** `L`: the month's last day. */
  | { readonly kind: "last-day" }
  /** `LW`: the month's last weekday (Monday to Friday). */
  | { readonly kind: "last-weekday" }
  /** `3W`: the weekday nearest that day, never leaving the month. */
  | { readonly kind: "nearest-weekday"; readonly day: number };

/** Which days a Day-of-week field picks; weekdays are AWS's 1 = Sunday … 7 = Saturday. */
export type DayOfWeekRule =
  /** Listed weekdays (`MON-FRI`, `2,4`, `*`; `L` alone is 7, Saturday, every week). */
  | { readonly kind: "weekdays"; readonly weekdays: readonly number[] }
  /** `6L`: the last such weekday of the month. */
  | { readonly kind: "last-of-month"; readonly weekday: number }
  /** `3#2`: the nth (1-5) such weekday of the month, in months that have one. */
  | { readonly kind: "nth-of-month"; readonly weekday: number; readonly nth: number };

/** The one day field that constrains a cron expression; the other is `?`. */
export type CronDays =
  | { readonly field: "day-of-month"; readonly rule: DayOfMonthRule }
  | { readonly field: "day-of-week"; readonly rule: DayOfWeekRule };

/** A parsed `cron(...)` expression: every field's values, sorted and distinct, all in UTC. */
export interface CronSchedule {
  readonly kind: "cron";
  readonly expression: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: CronDays;
  readonly months: readonly number[];
  readonly years: readonly number[];
}

const CRON = /^cron\((.*)\)$/;

/**
 * Parses `cron(Minutes Hours Day-of-month Month Day-of-week Year)` as PutRule accepts it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html): six fields one
 * space apart, names and L/W in any case, exactly one of the two day fields `?`.
 */
export function parseCronExpression(expression: string): CronSchedule {
  const body = CRON.exec(expression)?.[1];
  if (body === undefined) throw new InvalidScheduleExpressionError(expression, "not a cron(...) expression");
  // ASCII only: String#toUpperCase would turn "ſun" into "SUN".
  const fields = body.replace(/[a-z]+/g, (letters) => letters.toUpperCase()).split(" ");
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (
    fields.length !== 6 ||
    minutes === undefined ||
    hours === undefined ||
    dayOfMonth === undefined ||
    month === undefined ||
    dayOfWeek === undefined ||
    year === undefined
  ) {
    throw new InvalidScheduleExpressionError(expression, `expected 6 fields, found ${fields.length}`);
  }
  return {
    kind: "cron",
    expression,
    minutes: expandCronList(minutes, CRON_FIELDS.minutes, expression),
    hours: expandCronList(hours, CRON_FIELDS.hours, expression),
    days: readDays(dayOfMonth, dayOfWeek, expression),
    months: expandCronList(month, CRON_FIELDS.month, expression),
    years: expandCronList(year, CRON_FIELDS.year, expression),
  };
}

// "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you specify
// a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
function readDays(dayOfMonth: string, dayOfWeek: string, expression: string): CronDays {
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    throw new InvalidScheduleExpressionError(
      expression,
      "exactly one of Day-of-month and Day-of-week must be ?",
    );
  }
  return dayOfWeek === "?"
    ? { field: "day-of-month", rule: readDayOfMonth(dayOfMonth, expression) }
    : { field: "day-of-week", rule: readDayOfWeek(dayOfWeek, expression) };
}

function readDayOfMonth(field: string, expression: string): DayOfMonthRule {
  if (field === "L") return { kind: "last-day" };
  if (field === "LW") return { kind: "last-weekday" };
  const nearest = /^([0-9]+)W$/.exec(field)?.[1];
  if (nearest !== undefined) {
    return { kind: "nearest-weekday", day: readCronValue(nearest, CRON_FIELDS.dayOfMonth, expression) };
  }
  // Like Quartz, L and W stand alone: no lists, ranges or offsets (`L-3`) with them.
  if (/[LW]/.test(field)) {
    throw new InvalidScheduleExpressionError(expression, `Day-of-month "${field}" misuses L or W`);
  }
  return { kind: "days", days: expandCronList(field, CRON_FIELDS.dayOfMonth, expression) };
}

function readDayOfWeek(field: string, expression: string): DayOfWeekRule {
  const spec = CRON_FIELDS.dayOfWeek;
  // Alone, L is the week's last day, Saturday (Quartz; the docs: "the last day of the month or week").
  if (field === "L") return { kind: "weekdays", weekdays: [spec.max] };
  const last = /^([0-9]+|[A-Z]{3})L$/.exec(field)?.[1];
  if (last !== undefined) return { kind: "last-of-month", weekday: readCronValue(last, spec, expression) };
  const nth = /^([0-9]+|[A-Z]{3})#([0-9]+)$/.exec(field);
  if (nth?.[1] !== undefined && nth[2] !== undefined) {
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) {
      throw new InvalidScheduleExpressionError(
        expression,
        `Day-of-week "${field}" asks for occurrence ${nth[2]}`,
      );
    }
    return { kind: "nth-of-month", weekday: readCronValue(nth[1], spec, expression), nth: occurrence };
  }
  // "If you use a '#' character, you can define only one expression in the day-of-week field."
  if (/[L#]/.test(field)) {
    throw new InvalidScheduleExpressionError(expression, `Day-of-week "${field}" misuses L or #`);
  }
  return { kind: "weekdays", weekdays: expandCronList(field, spec, expression) };
}
