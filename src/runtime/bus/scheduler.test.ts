import { describe, expect, test } from "vitest";
import { ErrorCode } from "../../core/errors.js";
import { ACCOUNT, arnOf, openStores, REGION, STORES, services } from "./bus-fixtures.js";

const MINUTE = 60_000;
const turns = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe.each(Object.keys(STORES))("scheduled rules on the %s store", (kind) => {
  // 2023-11-14T22:13:20Z: a start that is not on a minute, so rate and cron anchors differ.
  const setup = async () => {
    const s = services(openStores(kind));
    await s.sqs.createQueue({ QueueName: "ticks" });
    await s.events.start();
    return s;
  };
  const drain = async (s: Awaited<ReturnType<typeof setup>>) => {
    const bodies = [];
    for (;;) {
      const batch = await s.sqs.receiveMessage("ticks", { MaxNumberOfMessages: 10 });
      if (batch.length === 0) return bodies;
      for (const message of batch) await s.sqs.deleteMessage("ticks", message.ReceiptHandle);
      bodies.push(...batch.map((m) => JSON.parse(m.Body) as Record<string, unknown>));
    }
  };
  const advance = async (s: Awaited<ReturnType<typeof setup>>, ms: number) => {
    for (let step = 0; step < ms; step += MINUTE) {
      s.clock.advance(Math.min(MINUTE, ms - step));
      await turns();
    }
  };

  test("a rate rule fires every period from its creation, sending AWS's Scheduled Event to its targets", async () => {
    const s = await setup();
    const created = s.clock.nowMs();
    await s.events.putRule({ Name: "tick", ScheduleExpression: "rate(5 minutes)" });
    await s.events.putTargets("tick", [{ Id: "q", Arn: arnOf("ticks") }]);
    await advance(s, 16 * MINUTE);
    const fired = await drain(s);
    expect(fired.map((e) => e.time)).toEqual(
      [1, 2, 3].map((k) => new Date(created + k * 5 * MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z")),
    );
    expect(fired[0]).toMatchObject({
      version: "0",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: ACCOUNT,
      region: REGION,
      resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/tick`],
      detail: {},
    });
    expect(new Set(fired.map((e) => e.id)).size).toBe(3);
  });

  test("a cron rule fires at its UTC minutes; disabling stops it, enabling resumes it, deleting ends it", async () => {
    const s = await setup();
    await s.events.putRule({ Name: "cron", ScheduleExpression: "cron(0/10 * * * ? *)" });
    await s.events.putTargets("cron", [{ Id: "q", Arn: arnOf("ticks") }]);
    await advance(s, 30 * MINUTE);
    const fired = await drain(s);
    expect(fired.length).toBe(3);
    expect(fired.every((e) => String(e.time).match(/:[0-5]0:00Z$/))).toBe(true);
    await s.events.setRuleState("cron", "DISABLED");
    await advance(s, 30 * MINUTE);
    expect(await drain(s)).toEqual([]);
    await s.events.setRuleState("cron", "ENABLED");
    await advance(s, 10 * MINUTE);
    expect(await drain(s)).toHaveLength(1);
    await s.events.removeTargets("cron", ["q"]);
    await s.events.deleteRule("cron");
    await advance(s, 30 * MINUTE);
    expect(await drain(s)).toEqual([]);
    expect(s.clock.pendingCount).toBeLessThanOrEqual(2);
  });

  test("a scheduled rule delivers to its own targets only, not to the bus's pattern rules", async () => {
    const s = await setup();
    await s.sqs.createQueue({ QueueName: "all-events" });
    await s.events.putRule({ Name: "everything", EventPattern: '{"source": ["aws.events"]}' });
    await s.events.putTargets("everything", [{ Id: "q", Arn: arnOf("all-events") }]);
    await s.events.putRule({ Name: "tick", ScheduleExpression: "rate(1 minute)" });
    await s.events.putTargets("tick", [{ Id: "q", Arn: arnOf("ticks") }]);
    await advance(s, 2 * MINUTE);
    expect(await drain(s)).toHaveLength(2);
    expect(await s.sqs.receiveMessage("all-events")).toEqual([]);
  });

  test("PutRule refuses a bad schedule and schedules off the default bus, storing nothing", async () => {
    const s = await setup();
    await s.events.createEventBus("orders");
    const attempts: [Parameters<typeof s.events.putRule>[0], string][] = [
      [{ Name: "r", ScheduleExpression: "rate(1 minutes)" }, "Parameter ScheduleExpression is not valid."],
      [{ Name: "r", ScheduleExpression: "cron(0 12 * * * *)" }, "Parameter ScheduleExpression is not valid."],
      [
        { Name: "r", EventBusName: "orders", ScheduleExpression: "rate(1 hour)" },
        "ScheduleExpression is supported only on the default event bus.",
      ],
      [
        { Name: "r", ScheduleExpression: `rate(${"1".repeat(260)} minutes)` },
        "Member must have length less than or equal to 256",
      ],
    ];
    for (const [input, message] of attempts) {
      const attempt = s.events.putRule(input);
      await expect(attempt).rejects.toMatchObject({ code: ErrorCode.Validation });
      await expect(attempt).rejects.toThrow(message);
    }
    await expect(s.events.putTargets("r", [{ Id: "q", Arn: arnOf("ticks") }])).rejects.toThrow(
      "Rule r does not exist",
    );
  });

  test("stop() disarms every schedule", async () => {
    const s = await setup();
    await s.events.putRule({ Name: "tick", ScheduleExpression: "rate(1 minute)" });
    await s.events.putTargets("tick", [{ Id: "q", Arn: arnOf("ticks") }]);
    await s.events.stop();
    await advance(s, 5 * MINUTE);
    expect(await drain(s)).toEqual([]);
  });
});
