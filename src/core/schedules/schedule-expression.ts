import { type CronSchedule, parseCronExpression } from "./cron-expression.js";
import { nextCronFireAfter } from "./cron-next-fire.js";
import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";
import { nextRateFireAfter, parseRateExpression, type RateSchedule } from "./rate-expression.js";

/** A rule's ScheduleExpression, parsed once: a rate or a cron schedule. */
export type Schedule = RateSchedule | CronSchedule;

/**
 * Parses a PutRule ScheduleExpression, `rate(value unit)` or `cron(fields)`, in UTC; anything else throws
 * InvalidScheduleExpressionError, AWS's ValidationException "Parameter ScheduleExpression is not valid.".
 * @example
 * const schedule = parseScheduleExpression("cron(0 18 ? * MON-FRI *)");
 * nextFireAfter(schedule, Date.UTC(2024, 0, 5, 18, 0)); // Monday 2024-01-08T18:00:00Z
 */
export function parseScheduleExpression(expression: string): Schedule {
  if (expression.startsWith("rate(")) return parseRateExpression(expression);
  if (expression.startsWith("cron(")) return parseCronExpression(expression);
  throw new InvalidScheduleExpressionError(expression, "neither rate(...) nor cron(...)");
}

/**
 * The first fire time strictly after `afterMs` (epoch ms), or undefined when the schedule has none left
 * (a cron whose years are past). A rate schedule counts its periods from `anchorMs`, when the rule was
 * created or last enabled, and first fires one period after it; a cron schedule ignores the anchor.
 * @example
 * nextFireAfter(parseScheduleExpression("rate(5 minutes)"), now, rule.createdAtMs);
 */
export function nextFireAfter(schedule: CronSchedule, afterMs: number, anchorMs?: number): number | undefined;
export function nextFireAfter(schedule: Schedule, afterMs: number, anchorMs: number): number | undefined;
export function nextFireAfter(schedule: Schedule, afterMs: number, anchorMs?: number): number | undefined {
  if (schedule.kind === "cron") return nextCronFireAfter(schedule, afterMs);
  if (anchorMs === undefined) throw new TypeError(`${schedule.expression} needs the anchor it counts from`);
  return nextRateFireAfter(schedule, afterMs, anchorMs);
}
