import { MINUTE_MS } from "./calendar.js";
import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";

/** The unit of a rate expression, singular. */
export type RateUnit = "minute" | "hour" | "day";

/** A parsed `rate(value unit)` expression. */
export interface RateSchedule {
  readonly kind: "rate";
  readonly expression: string;
  readonly value: number;
  readonly unit: RateUnit;
  /** `value` units, in milliseconds. */
  readonly periodMs: number;
}

const UNIT_MS: Readonly<Record<RateUnit, number>> = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
};

// AWS documents no upper bound; this one keeps every period an exact number of milliseconds.
const MAX_RATE_VALUE = 2_147_483_647;

// The largest instant a Date can hold (ECMA-262 §21.4.1.22); a fire time beyond it cannot be delivered.
const MAX_INSTANT_MS = 8.64e15;

const RATE = /^rate\(([0-9]+) (minute|hour|day)(s?)\)$/;

/**
 * Parses `rate(value unit)` as PutRule accepts it (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html):
 * a positive integer, one space, and a lower-case unit, singular for 1 and plural above ("rate(1 hours)
 * and rate(5 hour) aren't valid").
 */
export function parseRateExpression(expression: string): RateSchedule {
  const match = RATE.exec(expression);
  const [, digits, unit, plural] = match ?? [];
  if (digits === undefined || unit === undefined || !isRateUnit(unit) || plural === undefined) {
    throw new InvalidScheduleExpressionError(expression, "not a rate(value unit) expression");
  }
  const value = Number(digits);
  if (!/^[1-9]/.test(digits) || value > MAX_RATE_VALUE) {
    throw new InvalidScheduleExpressionError(
      expression,
      `rate value ${digits} is not an integer 1-${MAX_RATE_VALUE}`,
    );
  }
  if ((value === 1) !== (plural === "")) {
    throw new InvalidScheduleExpressionError(
      expression,
      `rate unit must be ${value === 1 ? "singular" : "plural"}`,
    );
  }
  return { kind: "rate", expression, value, unit, periodMs: value * UNIT_MS[unit] };
}

function isRateUnit(text: string): text is RateUnit {
  return Object.hasOwn(UNIT_MS, text);
}

/**
 * The first fire strictly after `afterMs` of a rate schedule anchored at `anchorMs`: anchor + k × period
 * for the least k ≥ 1 that is after `afterMs` ("A rate expression starts when you create the scheduled
 * event rule"). Undefined only when that instant is beyond what a Date can hold.
 */
export function nextRateFireAfter(
  schedule: RateSchedule,
  afterMs: number,
  anchorMs: number,
): number | undefined {
  if (!Number.isFinite(afterMs)) throw new RangeError(`afterMs must be a finite number, got ${afterMs}`);
  if (!Number.isFinite(anchorMs)) throw new RangeError(`anchorMs must be a finite number, got ${anchorMs}`);
  const periods = afterMs < anchorMs ? 1 : Math.floor((afterMs - anchorMs) / schedule.periodMs) + 1;
  const fireMs = anchorMs + periods * schedule.periodMs;
  return fireMs > MAX_INSTANT_MS ? undefined : fireMs;
}
