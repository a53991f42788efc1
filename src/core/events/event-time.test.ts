import { describe, expect, test } from "vitest";
import { formatEventTime, parseEventTime } from "./event-time.js";

describe("formatEventTime", () => {
  test("writes ISO-8601 UTC to the whole second, dropping milliseconds", () => {
    expect(formatEventTime(new Date("2022-07-13T13:48:01.999Z"))).toBe("2022-07-13T13:48:01Z");
  });

  test("refuses an invalid Date rather than writing garbage", () => {
    expect(() => formatEventTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("parseEventTime", () => {
  test("reads epoch seconds, the JSON 1.1 wire form, fractions included", () => {
    expect(parseEventTime(1_657_720_081)).toEqual({ ok: true, time: "2022-07-13T13:48:01Z" });
    expect(parseEventTime(1_657_720_081.75)).toEqual({ ok: true, time: "2022-07-13T13:48:01Z" });
  });

  test("a fraction before the epoch falls in the second it belongs to", () => {
    expect(parseEventTime(-0.5)).toEqual({ ok: true, time: "1969-12-31T23:59:59Z" });
  });

  test("reads RFC 3339 strings and converts any offset to UTC", () => {
    expect(parseEventTime("2022-07-13T13:48:01Z")).toEqual({ ok: true, time: "2022-07-13T13:48:01Z" });
    expect(parseEventTime("2022-07-13T15:48:01.123+02:00")).toEqual({
      ok: true,
      time: "2022-07-13T13:48:01Z",
    });
    expect(parseEventTime("2022-07-13t13:48:01z")).toEqual({ ok: true, time: "2022-07-13T13:48:01Z" });
    expect(parseEventTime("2022-12-31T23:30:00-01:00")).toEqual({ ok: true, time: "2023-01-01T00:30:00Z" });
  });

  test("reads a Date", () => {
    expect(parseEventTime(new Date("2022-07-13T13:48:01.5Z"))).toEqual({
      ok: true,
      time: "2022-07-13T13:48:01Z",
    });
  });

  test("keeps years 0–99 as written instead of reading them as 1900–1999", () => {
    expect(parseEventTime("0050-03-01T00:00:00Z")).toEqual({ ok: true, time: "0050-03-01T00:00:00Z" });
  });

  test.each([
    ["a day that does not exist", "2022-02-30T00:00:00Z"],
    ["hour 24", "2022-07-13T24:00:00Z"],
    ["a leap second", "2016-12-31T23:59:60Z"],
    ["no offset", "2022-07-13T13:48:01"],
    ["a date alone", "2022-07-13"],
    ["prose", "yesterday"],
  ])("refuses %s", (_, text) => {
    expect(parseEventTime(text)).toEqual({ ok: false, reason: "Time is not an RFC 3339 timestamp." });
  });

  test("refuses numbers that are not finite and instants without a four-digit year", () => {
    expect(parseEventTime(Number.NaN).ok).toBe(false);
    expect(parseEventTime(Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(parseEventTime(253_402_300_799)).toEqual({ ok: true, time: "9999-12-31T23:59:59Z" });
    expect(parseEventTime(253_402_300_800)).toEqual({ ok: false, reason: "Time is out of range." });
    expect(parseEventTime(new Date(Number.NaN))).toEqual({ ok: false, reason: "Time is not a valid date." });
  });
});
