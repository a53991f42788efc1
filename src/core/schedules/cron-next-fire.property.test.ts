import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCronExpression } from "./cron-expression.js";
import { nextCronFireAfter } from "./cron-next-fire.js";

/*
 * nextCronFireAfter against a brute-force reference. Expressions are generated as parts, each part
 * carrying its own reading (a plain membership test written from the docs and Quartz, sharing nothing
 * with the parser or the engine), and rendered to text for the parser. For each expression and instant t:
 * the answer is after t, on a whole minute, and matches; and stepping minute by minute (and, between
 * the first and the last day, day by day) finds no earlier match.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far past t the day-by-day scan looks when the answer is further away, or missing. */
const DAY_SCAN_LIMIT = 800;

interface Part {
  readonly text: string;
  readonly has: (value: number) => boolean;
}

interface FieldShape {
  readonly min: number;
  readonly max: number;
  readonly names: readonly string[];
  readonly steps: boolean;
  readonly wraps: boolean;
}

const MINUTES: FieldShape = { min: 0, max: 59, names: [], steps: true, wraps: true };
const HOURS: FieldShape = { min: 0, max: 23, names: [], steps: true, wraps: true };
const DAYS: FieldShape = { min: 1, max: 31, names: [], steps: true, wraps: true };
const MONTHS: FieldShape = {
  min: 1,
  max: 12,
  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  steps: true,
  wraps: true,
};
const WEEKDAYS: FieldShape = {
  min: 1,
  max: 7,
  names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
  steps: false,
  wraps: true,
};
const YEARS: FieldShape = { min: 1970, max: 2199, names: [], steps: true, wraps: false };

/** Whether `value` is reached from `start` by steps of `step` without passing `end`, going round the field. */
function onCycle(shape: FieldShape, start: number, end: number, step: number, value: number): boolean {
  const size = shape.max - shape.min + 1;
  const offset = (((value - start) % size) + size) % size;
  const span = (((end - start) % size) + size) % size;
  return offset <= span && offset % step === 0;
}

function valueText(shape: FieldShape, value: number, named: boolean): string {
  return named && shape.names.length > 0 ? (shape.names[value - shape.min] ?? "?") : String(value);
}

function listItem(shape: FieldShape): fc.Arbitrary<Part> {
  const value = fc.integer({ min: shape.min, max: shape.max });
  const step = fc.integer({ min: 1, max: Math.min(shape.max, 12) });
  const named = fc.boolean();
  const single = fc
    .tuple(value, named)
    .map(([v, n]): Part => ({ text: valueText(shape, v, n), has: (x) => x === v }));
  const span = fc
    .tuple(value, value, named)
    .filter(([a, b]) => a !== b && (shape.wraps || a < b))
    .map(
      ([a, b, n]): Part => ({
        text: `${valueText(shape, a, n)}-${valueText(shape, b, n)}`,
        has: (x) => onCycle(shape, a, b, 1, x),
      }),
    );
  if (!shape.steps) return fc.oneof(single, span);
  const from = fc
    .tuple(value, step)
    .map(([a, n]): Part => ({ text: `${a}/${n}`, has: (x) => x >= a && (x - a) % n === 0 }));
  const spanStep = fc
    .tuple(value, value, step)
    .filter(([a, b]) => a !== b && (shape.wraps || a < b))
    .map(([a, b, n]): Part => ({ text: `${a}-${b}/${n}`, has: (x) => onCycle(shape, a, b, n, x) }));
  return fc.oneof(single, span, from, spanStep);
}

/** A whole list field: a star, a star with an increment (both only alone, as the parser wants them), or up to three items. */
function listField(shape: FieldShape): fc.Arbitrary<Part> {
  const all: Part = { text: "*", has: () => true };
  const everyNth = fc
    .integer({ min: 1, max: Math.min(shape.max, 12) })
    .map((n): Part => ({ text: `*/${n}`, has: (x) => (x - shape.min) % n === 0 }));
  const list = fc.array(listItem(shape), { minLength: 1, maxLength: 3 }).map(
    (items): Part => ({
      text: items.map((item) => item.text).join(","),
      has: (x) => items.some((item) => item.has(x)),
    }),
  );
  return fc.oneof(
    { arbitrary: fc.constant(all), weight: 2 },
    { arbitrary: shape.steps ? everyNth : fc.constant(all), weight: 1 },
    { arbitrary: list, weight: 4 },
  );
}

/** A calendar day as the reference sees it, from Date alone. */
interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly lastDay: number;
}

function dayAt(year: number, month: number, day: number): Day {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day, weekday, lastDay };
}

const isWeekday = (d: Day, day: number): boolean => {
  const weekday = dayAt(d.year, d.month, day).weekday;
  return weekday !== 1 && weekday !== 7;
};

interface DayPart {
  readonly dayOfMonth: string;
  readonly dayOfWeek: string;
  readonly has: (d: Day) => boolean;
}

const dayOfMonthPart: fc.Arbitrary<DayPart> = fc.oneof(
  listField(DAYS).map((p): DayPart => ({ dayOfMonth: p.text, dayOfWeek: "?", has: (d) => p.has(d.day) })),
  fc.constant<DayPart>({ dayOfMonth: "L", dayOfWeek: "?", has: (d) => d.day === d.lastDay }),
  fc.constant<DayPart>({
    dayOfMonth: "LW",
    dayOfWeek: "?",
    // The last weekday: a weekday with none after it in the month.
    has: (d) => isWeekday(d, d.day) && !rangeOf(d.day + 1, d.lastDay).some((e) => isWeekday(d, e)),
  }),
  fc.integer({ min: 1, max: 31 }).map(
    (n): DayPart => ({
      dayOfMonth: `${n}W`,
      dayOfWeek: "?",
      // The weekday of the same month closest to day n.
      has: (d) => {
        if (n > d.lastDay) return false;
        const weekdays = rangeOf(1, d.lastDay).filter((e) => isWeekday(d, e));
        const closest = weekdays.reduce((best, e) => (Math.abs(e - n) < Math.abs(best - n) ? e : best));
        return d.day === closest;
      },
    }),
  ),
);

const dayOfWeekPart: fc.Arbitrary<DayPart> = fc.oneof(
  listField(WEEKDAYS).map(
    (p): DayPart => ({ dayOfMonth: "?", dayOfWeek: p.text, has: (d) => p.has(d.weekday) }),
  ),
  fc.constant<DayPart>({ dayOfMonth: "?", dayOfWeek: "L", has: (d) => d.weekday === 7 }),
  fc.integer({ min: 1, max: 7 }).map(
    (n): DayPart => ({
      dayOfMonth: "?",
      dayOfWeek: `${n}L`,
      has: (d) => d.weekday === n && d.day + 7 > d.lastDay,
    }),
  ),
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 })).map(
    ([n, k]): DayPart => ({
      dayOfMonth: "?",
      dayOfWeek: `${n}#${k}`,
      has: (d) => d.weekday === n && Math.ceil(d.day / 7) === k,
    }),
  ),
);

/** Years mostly near the instants tested, so that schedules fire within reach of the scans. */
const yearPart: fc.Arbitrary<Part> = fc.oneof(
  { arbitrary: fc.constant<Part>({ text: "*", has: () => true }), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 2018, max: 2032 }), fc.integer({ min: 0, max: 6 }))
      .map(([a, length]): Part => ({ text: `${a}-${a + length}`, has: (x) => x >= a && x <= a + length })),
    weight: 2,
  },
  { arbitrary: listField(YEARS), weight: 1 },
);

interface Generated {
  readonly expression: string;
  readonly matchesDay: (d: Day) => boolean;
  readonly matchesMinute: (ms: number) => boolean;
}

const cronExpression: fc.Arbitrary<Generated> = fc
  .record({
    minutes: listField(MINUTES),
    hours: listField(HOURS),
    days: fc.oneof(dayOfMonthPart, dayOfWeekPart),
    months: listField(MONTHS),
    years: yearPart,
  })
  .map(({ minutes, hours, days, months, years }): Generated => {
    // The Year field's whole range is 1970-2199, `*` included.
    const matchesDay = (d: Day): boolean =>
      d.year >= YEARS.min && d.year <= YEARS.max && years.has(d.year) && months.has(d.month) && days.has(d);
    return {
      expression: `cron(${minutes.text} ${hours.text} ${days.dayOfMonth} ${months.text} ${days.dayOfWeek} ${years.text})`,
      matchesDay,
      matchesMinute: (ms) => {
        const at = new Date(ms);
        return (
          minutes.has(at.getUTCMinutes()) &&
          hours.has(at.getUTCHours()) &&
          matchesDay(dayAt(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()))
        );
      },
    };
  });

/** Instants mostly in 2018-2035, some around month ends, some anywhere from 1969 to past 2199. */
const instant: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2035, 0, 1) }),
  fc
    .tuple(
      fc.integer({ min: 2018, max: 2035 }),
      fc.integer({ min: 0, max: 11 }),
      fc.integer({ min: -3 * DAY, max: DAY }),
    )
    .map(([year, month, offset]) => Date.UTC(year, month, 1) + offset),
  fc.integer({ min: Date.UTC(1969, 6, 1), max: Date.UTC(2200, 1, 1) }),
);

function rangeOf(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** The first minute of the reference's that is in [fromMs, toMs), stepping minute by minute. */
function firstMatchingMinute(g: Generated, fromMs: number, toMs: number): number | undefined {
  for (let ms = fromMs; ms < toMs; ms += MINUTE) if (g.matchesMinute(ms)) return ms;
  return undefined;
}

/** The first day of the reference's that starts in [fromMs, toMs), stepping day by day. */
function firstMatchingDay(g: Generated, fromMs: number, toMs: number): number | undefined {
  for (let ms = fromMs; ms < toMs; ms += DAY) {
    const at = new Date(ms);
    if (g.matchesDay(dayAt(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()))) return ms;
  }
  return undefined;
}

describe("nextCronFireAfter against a brute-force reference", () => {
  test("the answer is after t, a whole minute, matching, and no earlier minute matches", () => {
    fc.assert(
      fc.property(cronExpression, instant, (g, t) => {
        const schedule = parseCronExpression(g.expression);
        const next = nextCronFireAfter(schedule, t);
        if (next !== undefined) {
          expect(next).toBeGreaterThan(t);
          expect(next % MINUTE).toBe(0);
          expect(g.matchesMinute(next)).toBe(true);
          expect(nextCronFireAfter(schedule, next - 1)).toBe(next);
        }
        const firstMinute = Math.floor(t / MINUTE) * MINUTE + MINUTE;
        const endOfFirstDay = startOfDay(t) + DAY;
        const scanLimit = endOfFirstDay + DAY_SCAN_LIMIT * DAY;
        // The rest of t's day, minute by minute, up to the answer.
        expect(
          firstMatchingMinute(g, firstMinute, Math.min(next ?? endOfFirstDay, endOfFirstDay)),
        ).toBeUndefined();
        if (next !== undefined && next < endOfFirstDay) return;
        // The whole days after it: every day has an hour and a minute in the fields, so a matching day
        // holds a matching minute.
        const answerDay = next === undefined ? scanLimit : Math.min(startOfDay(next), scanLimit);
        expect(firstMatchingDay(g, endOfFirstDay, answerDay)).toBeUndefined();
        // The answer's own day, minute by minute, up to the answer.
        if (next !== undefined && startOfDay(next) < scanLimit) {
          expect(firstMatchingMinute(g, startOfDay(next), next)).toBeUndefined();
        }
      }),
      { numRuns: 400 },
    );
  });

  test("within three days of t, stepping every minute finds exactly the engine's answer", () => {
    fc.assert(
      fc.property(cronExpression, instant, (g, t) => {
        const next = nextCronFireAfter(parseCronExpression(g.expression), t);
        const firstMinute = Math.floor(t / MINUTE) * MINUTE + MINUTE;
        const found = firstMatchingMinute(g, firstMinute, firstMinute + 3 * DAY);
        if (found !== undefined) expect(next).toBe(found);
        else if (next !== undefined) expect(next).toBeGreaterThanOrEqual(firstMinute + 3 * DAY);
      }),
      { numRuns: 150 },
    );
  });
});
