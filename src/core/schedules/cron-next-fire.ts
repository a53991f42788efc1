import { daysInMonth, MINUTE_MS, weekdayOf } from "./calendar.js";
import type { CronDays, CronSchedule } from "./cron-expression.js";

const SUNDAY = 1;
const SATURDAY = 7;

/**
 * The first minute strictly after `afterMs` that the cron expression selects, as epoch milliseconds, or
 * undefined when none is left before the end of its last year. Walks years, then months, then the
 * month's matching days, then hours and minutes, each from the current position on, so the cost is at
 * most a few hundred months however sparse the schedule (`cron(0 0 29 2 ? *)` skips whole years).
 */
export function nextCronFireAfter(schedule: CronSchedule, afterMs: number): number | undefined {
  if (!Number.isFinite(afterMs)) throw new RangeError(`afterMs must be a finite number, got ${afterMs}`);
  // Every fire time is a whole minute; before 1970 (the first year a cron can name) start at the epoch.
  const from = new Date(Math.max(Math.floor(afterMs / MINUTE_MS) + 1, 0) * MINUTE_MS);
  const fromYear = from.getUTCFullYear();
  const fromMonth = from.getUTCMonth() + 1;
  const fromDay = from.getUTCDate();
  const fromHour = from.getUTCHours();
  const fromMinute = from.getUTCMinutes();

  for (const year of schedule.years) {
    if (year < fromYear) continue;
    const inFromYear = year === fromYear;
    for (const month of schedule.months) {
      if (inFromYear && month < fromMonth) continue;
      const inFromMonth = inFromYear && month === fromMonth;
      for (const day of matchingDays(schedule.days, year, month)) {
        if (inFromMonth && day < fromDay) continue;
        const onFromDay = inFromMonth && day === fromDay;
        for (const hour of schedule.hours) {
          if (onFromDay && hour < fromHour) continue;
          const inFromHour = onFromDay && hour === fromHour;
          for (const minute of schedule.minutes) {
            if (inFromHour && minute < fromMinute) continue;
            return Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
  return undefined;
}

/** The days of `month` in `year` that the day field selects, ascending. */
function matchingDays(days: CronDays, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  if (days.field === "day-of-month") {
    const rule = days.rule;
    switch (rule.kind) {
      case "days":
        return rule.days.filter((day) => day <= lastDay);
      case "last-day":
        return [lastDay];
      case "last-weekday":
        return [nearestWeekday(year, month, lastDay, lastDay)];
      case "nearest-weekday":
        // A day the month lacks (30W in February) selects nothing that month; AWS does not say.
        return rule.day > lastDay ? [] : [nearestWeekday(year, month, rule.day, lastDay)];
    }
  }
  const rule = days.rule;
  const firstWeekday = weekdayOf(year, month, 1);
  switch (rule.kind) {
    case "weekdays": {
      const result: number[] = [];
      for (let day = 1; day <= lastDay; day++) {
        if (rule.weekdays.includes(((firstWeekday - 1 + day - 1) % 7) + 1)) result.push(day);
      }
      return result;
    }
    case "last-of-month": {
      const lastWeekday = ((firstWeekday - 1 + lastDay - 1) % 7) + 1;
      return [lastDay - ((lastWeekday - rule.weekday + 7) % 7)];
    }
    case "nth-of-month": {
      const day = 1 + ((rule.weekday - firstWeekday + 7) % 7) + 7 * (rule.nth - 1);
      return day > lastDay ? [] : [day];
    }
  }
}

// Quartz's W: Saturday moves back to Friday unless that leaves the month (the 1st moves on to Monday the
// 3rd); Sunday moves on to Monday unless that leaves the month (the last day moves back to Friday).
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === SATURDAY) return day === 1 ? 3 : day - 1;
  if (weekday === SUNDAY) return day === lastDay ? day - 2 : day + 1;
  return day;
}
