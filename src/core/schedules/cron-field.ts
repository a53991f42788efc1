import { InvalidScheduleExpressionError } from "./invalid-schedule-expression-error.js";

/** What one of the six cron fields accepts: its range, its names, and which wildcards it allows. */
export interface CronFieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Three-letter names, `names[i]` standing for `min + i` (JAN-DEC, SUN-SAT). */
  readonly names: readonly string[];
  /** The largest `/` increment, or 0 where the field has no `/` wildcard. */
  readonly maxStep: number;
  /** Whether a range may run past the end and around (`20-2` hours, `FRI-MON`); years cannot. */
  readonly wraps: boolean;
}

// Ranges and wildcards per field: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
// Increment ceilings are Quartz's (whose syntax EventBridge's cron follows): no larger step than the field's maximum.
/** The six fields of an EventBridge cron expression, in order. */
export const CRON_FIELDS = {
  minutes: { label: "Minutes", min: 0, max: 59, names: [], maxStep: 59, wraps: true },
  hours: { label: "Hours", min: 0, max: 23, names: [], maxStep: 23, wraps: true },
  dayOfMonth: { label: "Day-of-month", min: 1, max: 31, names: [], maxStep: 31, wraps: true },
  month: {
    label: "Month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    maxStep: 12,
    wraps: true,
  },
  // The current docs list `, - * ? L #` for Day-of-week: no `/`.
  dayOfWeek: {
    label: "Day-of-week",
    min: 1,
    max: 7,
    names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    maxStep: 0,
    wraps: true,
  },
  year: { label: "Year", min: 1970, max: 2199, names: [], maxStep: 2199 - 1970, wraps: false },
} as const satisfies Record<string, CronFieldSpec>;

const VALUE = "([0-9]+|[A-Z]{3})";
const LIST_ITEM = new RegExp(`^(?:(\\*)|${VALUE}(?:-${VALUE})?)(?:/([0-9]+))?$`);

/**
 * Reads one value of a field, a number or (where the field has names) a three-letter name, already
 * upper-cased; throws AWS's error when it is out of the field's range.
 */
export function readCronValue(token: string, spec: CronFieldSpec, expression: string): number {
  if (/^[0-9]+$/.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) {
      throw new InvalidScheduleExpressionError(
        expression,
        `${spec.label} value ${token} is outside ${spec.min}-${spec.max}`,
      );
    }
    return value;
  }
  const index = spec.names.indexOf(token);
  if (index < 0) throw new InvalidScheduleExpressionError(expression, `${spec.label} has no value ${token}`);
  return spec.min + index;
}

/**
 * Expands a list field (`5,35`, `0/15`, `MON-FRI`, `20-2`, `*`) into its sorted, distinct values.
 * A range whose end is below its start runs to the field's maximum and on from its minimum, the
 * increment carrying across, as Quartz reads it: the docs' own example `cron(0/30 20-2 ? * MON-FRI *)`.
 */
export function expandCronList(field: string, spec: CronFieldSpec, expression: string): number[] {
  const items = field.split(",");
  const values = new Set<number>();
  for (const item of items) {
    const match = LIST_ITEM.exec(item);
    if (match === null) {
      throw new InvalidScheduleExpressionError(expression, `${spec.label} item "${item}" is not valid`);
    }
    const [, star, startToken, endToken, stepToken] = match;
    if (star !== undefined && items.length > 1) {
      throw new InvalidScheduleExpressionError(expression, `${spec.label} cannot list * with other values`);
    }
    const step = stepToken === undefined ? 1 : readStep(stepToken, spec, expression);
    const start = startToken === undefined ? spec.min : readCronValue(startToken, spec, expression);
    let end = stepToken === undefined ? start : spec.max;
    if (star !== undefined) end = spec.max;
    if (startToken !== undefined && endToken !== undefined) {
      if (/^[0-9]/.test(startToken) !== /^[0-9]/.test(endToken)) {
        throw new InvalidScheduleExpressionError(
          expression,
          `${spec.label} range "${item}" mixes names and numbers`,
        );
      }
      end = readCronValue(endToken, spec, expression);
      if (end < start && !spec.wraps) {
        throw new InvalidScheduleExpressionError(expression, `${spec.label} range "${item}" runs backwards`);
      }
    }
    for (const value of walkRange(start, end, step, spec)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function readStep(token: string, spec: CronFieldSpec, expression: string): number {
  if (spec.maxStep === 0) {
    throw new InvalidScheduleExpressionError(expression, `${spec.label} does not take the / wildcard`);
  }
  const step = Number(token);
  if (step < 1 || step > spec.maxStep) {
    throw new InvalidScheduleExpressionError(
      expression,
      `${spec.label} increment ${token} is outside 1-${spec.maxStep}`,
    );
  }
  return step;
}

function* walkRange(start: number, end: number, step: number, spec: CronFieldSpec): Generator<number> {
  const size = spec.max - spec.min + 1;
  const span = end >= start ? end - start : end - start + size;
  for (let offset = 0; offset <= span; offset += step) {
    yield spec.min + ((start - spec.min + offset) % size);
  }
}
