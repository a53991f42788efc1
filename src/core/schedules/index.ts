/**
 * EventBridge rule schedules: ScheduleExpression parsing (rate and cron, UTC), next fire times from an
 * injected instant, and the "Scheduled Event" a scheduled rule sends. Pure: time comes in as epoch ms.
 */

export type { CronDays, CronSchedule, DayOfMonthRule, DayOfWeekRule } from "./cron-expression.js";
export {
  INVALID_SCHEDULE_EXPRESSION_MESSAGE,
  InvalidScheduleExpressionError,
} from "./invalid-schedule-expression-error.js";
export type { RateSchedule, RateUnit } from "./rate-expression.js";
export type { Schedule } from "./schedule-expression.js";
export { nextFireAfter, parseScheduleExpression } from "./schedule-expression.js";
export type { ScheduledEventOptions } from "./scheduled-event.js";
export { createScheduledEvent, SCHEDULED_EVENT } from "./scheduled-event.js";
