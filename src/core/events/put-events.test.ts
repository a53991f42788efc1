import { describe, expect, test } from "vitest";
import { createPutEventsResponse, validatePutEventsEntries } from "./put-events.js";

const good = { Source: "com.shop", DetailType: "OrderCreated", Detail: '{"id":1}' };

function verdictOf(entry: Record<string, unknown>) {
  const [verdict] = validatePutEventsEntries([entry]);
  return verdict;
}

function refusedWith(ErrorCode: string, ErrorMessage: string) {
  return { ok: false, ErrorCode, ErrorMessage };
}

describe("required members", () => {
  test("an entry without Source answers InvalidArgument, Source is a required argument", () => {
    const { Source: _, ...entry } = good;
    expect(verdictOf(entry)).toEqual(
      refusedWith("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."),
    );
  });

  test("an entry without DetailType answers InvalidArgument, DetailType is a required argument", () => {
    const { DetailType: _, ...entry } = good;
    expect(verdictOf(entry)).toEqual(
      refusedWith(
        "InvalidArgument",
        "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
      ),
    );
  });

  test("an entry without Detail answers InvalidArgument, Detail is a required argument", () => {
    const { Detail: _, ...entry } = good;
    expect(verdictOf(entry)).toEqual(
      refusedWith("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument."),
    );
  });

  test("an empty string counts as missing", () => {
    expect(verdictOf({ ...good, Source: "" })).toMatchObject({
      ErrorMessage: expect.stringContaining("Source is a required"),
    });
    expect(verdictOf({ ...good, Detail: "" })).toMatchObject({
      ErrorMessage: expect.stringContaining("Detail is a required"),
    });
  });

  test("Source is checked first, then DetailType, then Detail", () => {
    expect(verdictOf({})).toMatchObject({ ErrorMessage: expect.stringContaining("Source is a required") });
    expect(verdictOf({ Source: "s" })).toMatchObject({
      ErrorMessage: expect.stringContaining("DetailType is a required"),
    });
  });
});

describe("Detail", () => {
  test.each([
    ["not JSON", "{id: 1}"],
    ["a JSON array", "[1, 2]"],
    ["a JSON string", '"order"'],
    ["JSON null", "null"],
    ["a JSON number", "42"],
  ])("a Detail that is %s answers MalformedDetail", (_, Detail) => {
    expect(verdictOf({ ...good, Detail })).toEqual(refusedWith("MalformedDetail", "Detail is malformed."));
  });

  test("a Detail nested 1000 levels is accepted and one nested 1001 levels is malformed", () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;
    expect(verdictOf({ ...good, Detail: nested(1000) })).toMatchObject({ ok: true });
    expect(verdictOf({ ...good, Detail: nested(1001) })).toEqual(
      refusedWith("MalformedDetail", "Detail is malformed."),
    );
  });

  test("arrays count as levels too, beside leaves at every level", () => {
    const nested = (levels: number) => `{"n":1,"a":${"[0,".repeat(levels - 2)}{}${"]".repeat(levels - 2)}}`;
    expect(verdictOf({ ...good, Detail: nested(1000) })).toMatchObject({ ok: true });
    expect(verdictOf({ ...good, Detail: nested(1001) })).toEqual(
      refusedWith("MalformedDetail", "Detail is malformed."),
    );
  });

  test("an accepted Detail is parsed into the entry", () => {
    expect(verdictOf({ ...good, Detail: ' { "id": 1, "items": [ "a" ] } ' })).toMatchObject({
      ok: true,
      entry: { detail: { id: 1, items: ["a"] } },
    });
  });
});

describe("lengths and reserved names", () => {
  test("a DetailType of 128 characters is accepted and one of 129 answers InvalidArgument", () => {
    expect(verdictOf({ ...good, DetailType: "d".repeat(128) })).toMatchObject({ ok: true });
    expect(verdictOf({ ...good, DetailType: "d".repeat(129) })).toEqual(
      refusedWith(
        "InvalidArgument",
        "Parameter DetailType is not valid. Reason: DetailType exceeds the maximum length of 128.",
      ),
    );
  });

  test("DetailType's length counts characters, not UTF-16 units", () => {
    expect(verdictOf({ ...good, DetailType: "😀".repeat(128) })).toMatchObject({ ok: true });
  });

  test("a Source of 256 characters is accepted and one of 257 answers InvalidArgument", () => {
    expect(verdictOf({ ...good, Source: "s".repeat(256) })).toMatchObject({ ok: true });
    expect(verdictOf({ ...good, Source: "s".repeat(257) })).toEqual(
      refusedWith(
        "InvalidArgument",
        "Parameter Source is not valid. Reason: Source exceeds the maximum length of 256.",
      ),
    );
  });

  test("a Source in AWS's reserved aws. namespace answers NotAuthorizedForSourceException", () => {
    expect(verdictOf({ ...good, Source: "aws.ec2" })).toEqual(
      refusedWith("NotAuthorizedForSourceException", "Not authorized for the source."),
    );
    expect(verdictOf({ ...good, Source: "awsome.app" })).toMatchObject({ ok: true });
  });
});

describe("Time", () => {
  test.each([
    ["epoch seconds", 1_657_720_081],
    ["fractional epoch seconds", 1_657_720_081.5],
    ["an RFC 3339 string", "2022-07-13T15:48:01+02:00"],
    ["a Date", new Date("2022-07-13T13:48:01Z")],
  ])("a Time given as %s becomes the envelope's time", (_, Time) => {
    expect(verdictOf({ ...good, Time })).toMatchObject({ ok: true, entry: { time: "2022-07-13T13:48:01Z" } });
  });

  test("an unreadable Time answers InvalidArgument for that entry only", () => {
    const verdicts = validatePutEventsEntries([{ ...good, Time: "13 July 2022" }, good]);
    expect(verdicts[0]).toEqual(
      refusedWith(
        "InvalidArgument",
        "Parameter Time is not valid. Reason: Time is not an RFC 3339 timestamp.",
      ),
    );
    expect(verdicts[1]).toMatchObject({ ok: true });
  });

  test("an entry without Time leaves the time to the envelope", () => {
    const verdict = verdictOf(good);
    expect(verdict?.ok === true && "time" in verdict.entry).toBe(false);
  });
});

describe("validatePutEventsEntries", () => {
  test("answers every entry in request order, a bad entry not spoiling the rest", () => {
    const verdicts = validatePutEventsEntries([
      good,
      { ...good, Detail: "[]" },
      { ...good, Source: "second" },
    ]);
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false, true]);
    expect(verdicts[2]).toMatchObject({ entry: { source: "second" } });
  });

  test("keeps the optional members an accepted entry carries", () => {
    const entry = {
      ...good,
      Resources: ["arn:a"],
      EventBusName: "orders",
      TraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793",
    };
    expect(verdictOf(entry)).toEqual({
      ok: true,
      entry: {
        source: "com.shop",
        detailType: "OrderCreated",
        detail: { id: 1 },
        resources: ["arn:a"],
        eventBusName: "orders",
        traceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793",
        sizeBytes: 8 + 12 + 8 + 5,
      },
    });
  });
});

describe("createPutEventsResponse", () => {
  test("answers in AWS's shape, counting the failed entries, in request order", () => {
    const [refused] = validatePutEventsEntries([{ ...good, Detail: "[]" }]);
    if (refused === undefined || refused.ok) throw new Error("expected a refusal");
    expect(createPutEventsResponse([{ EventId: "e-1" }, refused, { EventId: "e-2" }])).toEqual({
      FailedEntryCount: 1,
      Entries: [
        { EventId: "e-1" },
        { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
        { EventId: "e-2" },
      ],
    });
  });
});
