/** A PutEvents `Time` as callers send it: epoch seconds (the JSON 1.1 wire form), an RFC 3339 string, or a Date. */
export type EventTimeInput = Date | number | string;

/** The outcome of reading a PutEvents `Time`: the envelope's `time` text, or why it cannot be read. */
export type EventTimeParse =
  | { readonly ok: true; readonly time: string }
  | { readonly ok: false; readonly reason: string };

// The envelope's time has four year digits, so the instants it can carry are 0000-01-01 to 9999-12-31.
const EARLIEST_MS = -62_167_219_200_000;
const LATEST_MS = 253_402_300_799_999;

// RFC 3339 date-time (https://www.rfc-editor.org/rfc/rfc3339#section-5.6), which PutEventsRequestEntry
// names for Time. Leap second 60 is refused: no clock here can represent it.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Formats an instant as the envelope's `time`: ISO-8601 UTC to the whole second ("2022-07-13T13:48:01Z"),
 * the form every EventBridge event carries (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html).
 */
export function formatEventTime(instant: Date): string {
  const epochMs = instant.getTime();
  if (!isRepresentable(epochMs))
    throw new RangeError(`Instant ${String(epochMs)} ms has no four-digit-year form`);
  const second = Math.floor(epochMs / 1000);
  // Events come in bursts within one second: the last second's text is kept (one Date and three strings
  // less per event).
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return lastSecondText;
}

let lastSecond = Number.NaN;
let lastSecondText = "";

/**
 * Reads a PutEvents `Time` into the envelope's `time`, dropping any fraction of a second: epoch seconds
 * (fractional allowed), an RFC 3339 string with any offset, or a Date.
 */
export function parseEventTime(value: EventTimeInput): EventTimeParse {
  const epochMs = toEpochMs(value);
  if (typeof epochMs === "string") return { ok: false, reason: epochMs };
  if (!isRepresentable(epochMs)) return { ok: false, reason: "Time is out of range." };
  return { ok: true, time: formatEventTime(new Date(epochMs)) };
}

function toEpochMs(value: EventTimeInput): number | string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Time is not a valid date." : value.getTime();
  if (typeof value === "number")
    return Number.isFinite(value) ? value * 1000 : "Time is not a finite number.";
  return parseRfc3339(value) ?? "Time is not an RFC 3339 timestamp.";
}

function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetSign = match[8] === "-" ? -1 : 1;
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  const fieldsInRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!fieldsInRange) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function isRepresentable(epochMs: number): boolean {
  return epochMs >= EARLIEST_MS && epochMs <= LATEST_MS;
}
