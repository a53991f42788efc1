import { describe, expect, test } from "vitest";
import { createEnvelope } from "./envelope.js";
import { type ValidatedEntry, validatePutEventsEntries } from "./put-events.js";

const where = { id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718", account: "111122223333", region: "us-west-1" };

function validated(entry: Record<string, unknown>): ValidatedEntry {
  const [verdict] = validatePutEventsEntries([entry]);
  if (verdict?.ok !== true) throw new Error(`entry was refused: ${JSON.stringify(verdict)}`);
  return verdict.entry;
}

describe("createEnvelope", () => {
  test("builds AWS's envelope, in AWS's key order, from the entry and the given id, account and region", () => {
    const entry = validated({
      Source: "com.shop.orders",
      DetailType: "OrderCreated",
      Detail: '{"orderId": "o-1", "total": 42}',
      Resources: ["arn:aws:s3:::bucket"],
      Time: "2017-12-22T18:43:48Z",
    });
    const envelope = createEnvelope(entry, { ...where, now: new Date("2030-01-01T00:00:00Z") });
    expect(JSON.stringify(envelope)).toBe(
      '{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderCreated",' +
        '"source":"com.shop.orders","account":"111122223333","time":"2017-12-22T18:43:48Z",' +
        '"region":"us-west-1","resources":["arn:aws:s3:::bucket"],"detail":{"orderId":"o-1","total":42}}',
    );
  });

  test("an entry without Time takes the current time, to the whole second", () => {
    const entry = validated({ Source: "s", DetailType: "t", Detail: "{}" });
    const envelope = createEnvelope(entry, { ...where, now: new Date("2022-07-13T13:48:01.999Z") });
    expect(envelope.time).toBe("2022-07-13T13:48:01Z");
  });

  test("an entry without Resources gets an empty list", () => {
    const entry = validated({ Source: "s", DetailType: "t", Detail: "{}" });
    expect(createEnvelope(entry, { ...where, now: new Date(0) }).resources).toEqual([]);
  });

  test("only a replayed event carries replay-name, placed after region as AWS documents it", () => {
    const entry = validated({ Source: "s", DetailType: "t", Detail: "{}" });
    const original = createEnvelope(entry, { ...where, now: new Date(0) });
    const replayed = createEnvelope(entry, { ...where, now: new Date(0), replayName: "nightly" });
    expect(Object.keys(original)).not.toContain("replay-name");
    expect(Object.keys(replayed)).toEqual([
      "version",
      "id",
      "detail-type",
      "source",
      "account",
      "time",
      "region",
      "replay-name",
      "resources",
      "detail",
    ]);
    expect(replayed["replay-name"]).toBe("nightly");
  });
});
