import { describe, expect, test } from "vitest";
import { parseCronExpression } from "./cron-expression.js";
import { nextCronFireAfter } from "./cron-next-fire.js";

/** The next `count` fire times of `expression` after `afterIso`, as ISO strings; stops at the last one. */
function fires(expression: string, afterIso: string, count = 1): string[] {
  const schedule = parseCronExpression(expression);
  const result: string[] = [];
  let after = Date.parse(afterIso);
  while (result.length < count) {
    const next = nextCronFireAfter(schedule, after);
    if (next === undefined) break;
    result.push(new Date(next).toISOString().replace(".000Z", "Z"));
    after = next;
  }
  return result;
}

function next(expression: string, afterIso: string): string | undefined {
  return fires(expression, afterIso)[0];
}

describe("the documented examples fire as documented", () => {
  test("cron(0 10 * * ? *): 10:00 every day", () => {
    expect(fires("cron(0 10 * * ? *)", "2024-03-05T09:59:59Z", 3)).toEqual([
      "2024-03-05T10:00:00Z",
      "2024-03-06T10:00:00Z",
      "2024-03-07T10:00:00Z",
    ]);
  });

  test("cron(15 12 * * ? *): 12:15 every day", () => {
    expect(fires("cron(15 12 * * ? *)", "2024-03-05T12:15:00Z", 2)).toEqual([
      "2024-03-06T12:15:00Z",
      "2024-03-07T12:15:00Z",
    ]);
  });

  test("cron(0 18 ? * MON-FRI *): 18:00 Monday to Friday, skipping the weekend", () => {
    // 2024-03-07 is a Thursday.
    expect(fires("cron(0 18 ? * MON-FRI *)", "2024-03-07T12:00:00Z", 3)).toEqual([
      "2024-03-07T18:00:00Z",
      "2024-03-08T18:00:00Z",
      "2024-03-11T18:00:00Z",
    ]);
  });

  test("cron(0 8 1 * ? *): 08:00 on the 1st of every month", () => {
    expect(fires("cron(0 8 1 * ? *)", "2024-01-15T00:00:00Z", 3)).toEqual([
      "2024-02-01T08:00:00Z",
      "2024-03-01T08:00:00Z",
      "2024-04-01T08:00:00Z",
    ]);
  });

  test("cron(0/15 * * * ? *): every 15 minutes", () => {
    expect(fires("cron(0/15 * * * ? *)", "2024-03-05T10:07:00Z", 4)).toEqual([
      "2024-03-05T10:15:00Z",
      "2024-03-05T10:30:00Z",
      "2024-03-05T10:45:00Z",
      "2024-03-05T11:00:00Z",
    ]);
  });

  test("cron(0/10 * ? * MON-FRI *): every 10 minutes Monday to Friday", () => {
    expect(fires("cron(0/10 * ? * MON-FRI *)", "2024-03-08T23:45:00Z", 3)).toEqual([
      "2024-03-08T23:50:00Z",
      "2024-03-11T00:00:00Z",
      "2024-03-11T00:10:00Z",
    ]);
  });

  test("cron(0/5 8-17 ? * MON-FRI *): every 5 minutes from 8:00 to 17:55, Monday to Friday", () => {
    expect(fires("cron(0/5 8-17 ? * MON-FRI *)", "2024-03-07T17:52:00Z", 3)).toEqual([
      "2024-03-07T17:55:00Z",
      "2024-03-08T08:00:00Z",
      "2024-03-08T08:05:00Z",
    ]);
    expect(next("cron(0/5 8-17 ? * MON-FRI *)", "2024-03-08T17:55:00Z")).toBe("2024-03-11T08:00:00Z");
  });

  test("cron(0/30 20-2 ? * MON-FRI *): hours 20-23 and 0-2 of each weekday, not the Saturday morning", () => {
    // The docs word it "between 10:00 pm on the starting day to 2:00 am on the following day"; the
    // fields say hours 20, 21, 22, 23, 0, 1, 2 of days Monday to Friday, which is what fires.
    const monday = fires("cron(0/30 20-2 ? * MON-FRI *)", "2024-03-08T23:30:00Z", 15);
    expect(monday).toEqual([
      "2024-03-11T00:00:00Z",
      "2024-03-11T00:30:00Z",
      "2024-03-11T01:00:00Z",
      "2024-03-11T01:30:00Z",
      "2024-03-11T02:00:00Z",
      "2024-03-11T02:30:00Z",
      "2024-03-11T20:00:00Z",
      "2024-03-11T20:30:00Z",
      "2024-03-11T21:00:00Z",
      "2024-03-11T21:30:00Z",
      "2024-03-11T22:00:00Z",
      "2024-03-11T22:30:00Z",
      "2024-03-11T23:00:00Z",
      "2024-03-11T23:30:00Z",
      "2024-03-12T00:00:00Z",
    ]);
  });

  test("cron(0 12 * * ? *): 12:00 every day", () => {
    expect(next("cron(0 12 * * ? *)", "2024-03-05T12:00:00Z")).toBe("2024-03-06T12:00:00Z");
  });

  test("cron(5,35 14 * * ? *): 14:05 and 14:35 every day", () => {
    expect(fires("cron(5,35 14 * * ? *)", "2024-03-05T14:05:00Z", 3)).toEqual([
      "2024-03-05T14:35:00Z",
      "2024-03-06T14:05:00Z",
      "2024-03-06T14:35:00Z",
    ]);
  });

  test("cron(15 10 ? * 6L 2019-2022): 10:15 on the last Friday of each month, 2019 to 2022 only", () => {
    expect(fires("cron(15 10 ? * 6L 2019-2022)", "2018-12-31T00:00:00Z", 3)).toEqual([
      "2019-01-25T10:15:00Z",
      "2019-02-22T10:15:00Z",
      "2019-03-29T10:15:00Z",
    ]);
    expect(fires("cron(15 10 ? * 6L 2019-2022)", "2022-11-30T00:00:00Z", 5)).toEqual([
      "2022-12-30T10:15:00Z",
    ]);
    expect(fires("cron(15 10 ? * 6L 2019-2022)", "2018-12-31T00:00:00Z", 100)).toHaveLength(48);
  });

  test("cron(0 9 ? * 2#1 *): 09:00 on the first Monday of each month", () => {
    expect(fires("cron(0 9 ? * 2#1 *)", "2024-01-01T09:00:00Z", 3)).toEqual([
      "2024-02-05T09:00:00Z",
      "2024-03-04T09:00:00Z",
      "2024-04-01T09:00:00Z",
    ]);
  });
});

describe("next fire times", () => {
  test("are strictly after the instant asked about, on whole minutes", () => {
    expect(next("cron(* * * * ? *)", "2024-01-01T00:00:00.000Z")).toBe("2024-01-01T00:01:00Z");
    expect(next("cron(* * * * ? *)", "2024-01-01T00:00:59.999Z")).toBe("2024-01-01T00:01:00Z");
    expect(next("cron(* * * * ? *)", "2023-12-31T23:59:30Z")).toBe("2024-01-01T00:00:00Z");
  });

  test("roll over the end of a month and of a year", () => {
    expect(fires("cron(59 23 L * ? *)", "2023-01-01T00:00:00Z", 4)).toEqual([
      "2023-01-31T23:59:00Z",
      "2023-02-28T23:59:00Z",
      "2023-03-31T23:59:00Z",
      "2023-04-30T23:59:00Z",
    ]);
    expect(next("cron(30 23 31 12 ? *)", "2024-12-31T23:30:00Z")).toBe("2025-12-31T23:30:00Z");
    expect(next("cron(0 0 1 1 ? *)", "2024-12-31T23:59:59.999Z")).toBe("2025-01-01T00:00:00Z");
  });

  test("skip months that lack the day", () => {
    expect(fires("cron(0 0 31 * ? *)", "2024-01-31T00:00:00Z", 4)).toEqual([
      "2024-03-31T00:00:00Z",
      "2024-05-31T00:00:00Z",
      "2024-07-31T00:00:00Z",
      "2024-08-31T00:00:00Z",
    ]);
  });

  test("find 29 February in leap years only, 2100 not being one", () => {
    expect(fires("cron(0 0 29 2 ? *)", "2024-03-01T00:00:00Z", 2)).toEqual([
      "2028-02-29T00:00:00Z",
      "2032-02-29T00:00:00Z",
    ]);
    expect(next("cron(0 0 29 2 ? *)", "2096-02-29T00:00:00Z")).toBe("2104-02-29T00:00:00Z");
    expect(next("cron(0 0 L 2 ? *)", "2100-01-01T00:00:00Z")).toBe("2100-02-28T00:00:00Z");
    expect(next("cron(0 0 L 2 ? *)", "2000-01-01T00:00:00Z")).toBe("2000-02-29T00:00:00Z");
  });

  test("end with the schedule's last year", () => {
    expect(next("cron(0 0 29 2 ? *)", "2196-02-29T00:00:00Z")).toBeUndefined();
    expect(next("cron(0 0 1 1 ? 2020)", "2020-01-01T00:00:00Z")).toBeUndefined();
    expect(next("cron(59 23 31 12 ? *)", "2199-12-31T23:59:00Z")).toBeUndefined();
    expect(next("cron(0 0 1 1 ? *)", "2300-01-01T00:00:00Z")).toBeUndefined();
  });

  test("never come for a date no year has", () => {
    expect(next("cron(0 0 30 2 ? *)", "1970-01-01T00:00:00Z")).toBeUndefined();
    expect(next("cron(0 0 29 2 ? 2100)", "1970-01-01T00:00:00Z")).toBeUndefined();
  });

  test("before 1970 start at the first minute a cron can name", () => {
    expect(next("cron(* * * * ? *)", "1969-07-20T20:17:00Z")).toBe("1970-01-01T00:00:00Z");
    expect(next("cron(0 0 ? * MON *)", "1900-01-01T00:00:00Z")).toBe("1970-01-05T00:00:00Z");
  });

  test("keep to UTC: no hour is skipped or repeated on daylight-saving dates", () => {
    // 2024-03-10 (United States) and 2024-03-31 (Europe) spring forward; 2024-11-03 falls back.
    for (const day of ["2024-03-10", "2024-03-31", "2024-10-27", "2024-11-03"]) {
      expect(fires("cron(30 * * * ? *)", `${day}T00:00:00Z`, 24)).toEqual(
        Array.from({ length: 24 }, (_, hour) => `${day}T${String(hour).padStart(2, "0")}:30:00Z`),
      );
    }
  });
});

describe("L, W and #", () => {
  test("LW is the last weekday: a month ending on a weekend fires on its Friday", () => {
    expect(next("cron(0 9 LW * ? *)", "2024-08-01T00:00:00Z")).toBe("2024-08-30T09:00:00Z"); // 31st a Saturday
    expect(next("cron(0 9 LW * ? *)", "2024-03-01T00:00:00Z")).toBe("2024-03-29T09:00:00Z"); // 31st a Sunday
    expect(next("cron(0 9 LW * ? *)", "2025-02-01T00:00:00Z")).toBe("2025-02-28T09:00:00Z"); // a Friday
  });

  test("nW moves a Saturday back to Friday and a Sunday on to Monday", () => {
    expect(next("cron(0 0 15W * ? *)", "2024-06-01T00:00:00Z")).toBe("2024-06-14T00:00:00Z"); // Saturday 15th
    expect(next("cron(0 0 15W * ? *)", "2024-09-01T00:00:00Z")).toBe("2024-09-16T00:00:00Z"); // Sunday 15th
    expect(next("cron(0 0 15W * ? *)", "2024-05-01T00:00:00Z")).toBe("2024-05-15T00:00:00Z"); // a Wednesday
  });

  test("nW never leaves the month", () => {
    // 2024-06-01 is a Saturday: 1W is Monday the 3rd, not Friday 31 May.
    expect(next("cron(0 0 1W * ? *)", "2024-05-31T12:00:00Z")).toBe("2024-06-03T00:00:00Z");
    // 2024-03-31 is a Sunday: 31W is Friday the 29th, not Monday 1 April.
    expect(next("cron(0 0 31W * ? *)", "2024-03-01T00:00:00Z")).toBe("2024-03-29T00:00:00Z");
  });

  test("nW for a day the month lacks skips that month", () => {
    // 2024-01-30 is a Tuesday; February has no 30th; 2024-03-30 is a Saturday.
    expect(fires("cron(0 0 30W * ? *)", "2024-01-01T00:00:00Z", 2)).toEqual([
      "2024-01-30T00:00:00Z",
      "2024-03-29T00:00:00Z",
    ]);
  });

  test("nL is the last such weekday of the month", () => {
    expect(next("cron(0 0 ? * 1L *)", "2024-03-01T00:00:00Z")).toBe("2024-03-31T00:00:00Z");
    expect(next("cron(0 0 ? * 2L *)", "2024-03-01T00:00:00Z")).toBe("2024-03-25T00:00:00Z");
    expect(next("cron(0 0 ? * FRIL *)", "2024-03-01T00:00:00Z")).toBe("2024-03-29T00:00:00Z");
  });

  test("L alone in Day-of-week is every Saturday", () => {
    expect(fires("cron(0 0 ? * L *)", "2024-03-06T00:00:00Z", 2)).toEqual([
      "2024-03-09T00:00:00Z",
      "2024-03-16T00:00:00Z",
    ]);
  });

  test("n#k is the kth such weekday, in the months that have one", () => {
    expect(next("cron(0 0 ? * 3#2 *)", "2024-03-01T00:00:00Z")).toBe("2024-03-12T00:00:00Z");
    // Fridays: March 2024 has five, April four, May five.
    expect(next("cron(0 0 ? * 6#5 *)", "2024-03-30T00:00:00Z")).toBe("2024-05-31T00:00:00Z");
  });

  test("SUN is 1 and SAT is 7, as numbers and as names", () => {
    for (const expression of ["cron(0 0 ? * 1 *)", "cron(0 0 ? * SUN *)"]) {
      expect(next(expression, "2024-03-06T00:00:00Z")).toBe("2024-03-10T00:00:00Z");
    }
    for (const expression of ["cron(0 0 ? * 7 *)", "cron(0 0 ? * SAT *)"]) {
      expect(next(expression, "2024-03-06T00:00:00Z")).toBe("2024-03-09T00:00:00Z");
    }
  });
});

describe("sparse schedules", () => {
  test("the search skips whole years rather than minutes", () => {
    // Checking the answer is enough: minute-stepping from 2101 to 2104 would be 1.6 million steps,
    // and 2199 to the end is reached through 230 years of months at most.
    expect(next("cron(0 0 29 2 ? *)", "2100-03-01T00:00:00Z")).toBe("2104-02-29T00:00:00Z");
    expect(next("cron(0 0 ? * 2#5 2199)", "1970-01-01T00:00:00Z")).toBe("2199-04-29T00:00:00Z");
  });

  test("non-finite instants are a programming error", () => {
    const schedule = parseCronExpression("cron(* * * * ? *)");
    expect(() => nextCronFireAfter(schedule, Number.NaN)).toThrow(RangeError);
  });
});
