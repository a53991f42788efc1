import { describe, expect, test } from "vitest";
import { createScheduledEvent, SCHEDULED_EVENT } from "./index.js";

describe("createScheduledEvent", () => {
  test("builds AWS's example scheduled event, key for key and in AWS's order", () => {
    // The example event of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html.
    const event = createScheduledEvent({
      id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
      account: "123456789012",
      region: "us-east-1",
      ruleArn: "arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule",
      fireTimeMs: Date.parse("2015-10-08T16:53:06Z"),
    });
    expect(JSON.stringify(event)).toBe(
      JSON.stringify({
        version: "0",
        id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "123456789012",
        time: "2015-10-08T16:53:06Z",
        region: "us-east-1",
        resources: ["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],
        detail: {},
      }),
    );
  });

  test("time is the fire time to the whole second", () => {
    const event = createScheduledEvent({
      id: "e",
      account: "111122223333",
      region: "eu-west-1",
      ruleArn: "arn:aws:events:eu-west-1:111122223333:rule/nightly",
      fireTimeMs: Date.parse("2024-05-01T10:07:37.250Z"),
    });
    expect(event.time).toBe("2024-05-01T10:07:37Z");
  });

  test("source and detail-type are the constants rules match scheduled events by", () => {
    expect(SCHEDULED_EVENT).toEqual({ source: "aws.events", detailType: "Scheduled Event" });
    expect(Object.isFrozen(SCHEDULED_EVENT)).toBe(true);
  });
});
