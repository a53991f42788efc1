import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-eventbridge";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { refusal, startEvents } from "./events-fixture.js";

const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const PATTERN = JSON.stringify({ source: ["shop.orders"] });

describe("EventBridge rules and targets over AWS JSON 1.1, with the AWS SDK for JavaScript v3", () => {
  test("PutRule answers the rule's ARN and DescribeRule describes it", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    const put = await eventBridge.send(
      new PutRuleCommand({
        Name: "big",
        EventBusName: "orders",
        EventPattern: PATTERN,
        Description: "big orders",
        State: "DISABLED",
      }),
    );
    expect(put.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/big`);
    const described = await eventBridge.send(
      new DescribeRuleCommand({ Name: "big", EventBusName: "orders" }),
    );
    expect(described).toMatchObject({
      Name: "big",
      Arn: put.RuleArn,
      EventPattern: PATTERN,
      State: "DISABLED",
      Description: "big orders",
      EventBusName: "orders",
      CreatedBy: ACCOUNT,
    });
  });

  test("PutRule with a pattern that is not valid is InvalidEventPatternException", async () => {
    const { eventBridge } = await startEvents();
    const refused = await refusal(
      eventBridge.send(new PutRuleCommand({ Name: "bad", EventPattern: '{"source": "not-a-list"}' })),
    );
    expect(refused.name).toBe("InvalidEventPatternException");
    expect(refused.$metadata?.httpStatusCode).toBe(400);
  });

  test("PutRule with neither a pattern nor a schedule, or a State AWS does not know, is ValidationException", async () => {
    const { eventBridge } = await startEvents();
    const bare = await refusal(eventBridge.send(new PutRuleCommand({ Name: "bare" })));
    expect(bare.name).toBe("ValidationException");
    const state = await refusal(
      eventBridge.send(
        new PutRuleCommand({ Name: "r", EventPattern: PATTERN, State: "SLEEPING" as "ENABLED" }),
      ),
    );
    expect(state.name).toBe("ValidationException");
    expect(state.message).toContain("Member must satisfy enum value set: [ENABLED, DISABLED]");
  });

  test("PutRule on a missing bus and DescribeRule of a missing rule are ResourceNotFoundException", async () => {
    const { eventBridge } = await startEvents();
    const noBus = await refusal(
      eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN, EventBusName: "nope" })),
    );
    expect(noBus.name).toBe("ResourceNotFoundException");
    const noRule = await refusal(eventBridge.send(new DescribeRuleCommand({ Name: "nope" })));
    expect(noRule.name).toBe("ResourceNotFoundException");
    expect(noRule.message).toBe("Rule nope does not exist on EventBus default.");
  });

  test("ListRules lists a bus's rules by name, filters by prefix and pages", async () => {
    const { eventBridge } = await startEvents();
    for (const name of ["c", "a", "b"]) {
      await eventBridge.send(new PutRuleCommand({ Name: `rule-${name}`, EventPattern: PATTERN }));
    }
    const all = await eventBridge.send(new ListRulesCommand({}));
    expect(all.Rules?.map((rule) => rule.Name)).toEqual(["rule-a", "rule-b", "rule-c"]);
    expect(all.Rules?.[0]).toMatchObject({
      State: "ENABLED",
      EventPattern: PATTERN,
      EventBusName: "default",
    });
    const prefixed = await eventBridge.send(new ListRulesCommand({ NamePrefix: "rule-b" }));
    expect(prefixed.Rules?.map((rule) => rule.Name)).toEqual(["rule-b"]);
    const first = await eventBridge.send(new ListRulesCommand({ Limit: 2 }));
    const second = await eventBridge.send(new ListRulesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect([...(first.Rules ?? []), ...(second.Rules ?? [])].map((rule) => rule.Name)).toEqual([
      "rule-a",
      "rule-b",
      "rule-c",
    ]);
    expect(second.NextToken).toBeUndefined();
  });

  test("DisableRule and EnableRule switch a rule's State; a missing rule is ResourceNotFoundException", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN }));
    await eventBridge.send(new DisableRuleCommand({ Name: "r" }));
    expect((await eventBridge.send(new DescribeRuleCommand({ Name: "r" }))).State).toBe("DISABLED");
    await eventBridge.send(new EnableRuleCommand({ Name: "r" }));
    expect((await eventBridge.send(new DescribeRuleCommand({ Name: "r" }))).State).toBe("ENABLED");
    const refused = await refusal(eventBridge.send(new EnableRuleCommand({ Name: "nope" })));
    expect(refused.name).toBe("ResourceNotFoundException");
  });

  test("DeleteRule refuses a rule that has targets and deletes one that has none", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN }));
    await eventBridge.send(
      new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "q", Arn: queueArn("orders") }] }),
    );
    const refused = await refusal(eventBridge.send(new DeleteRuleCommand({ Name: "r" })));
    expect(refused.name).toBe("ValidationException");
    expect(refused.message).toBe("Rule can't be deleted since it has targets.");
    await eventBridge.send(new RemoveTargetsCommand({ Rule: "r", Ids: ["q"] }));
    await eventBridge.send(new DeleteRuleCommand({ Name: "r" }));
    const gone = await refusal(eventBridge.send(new DescribeRuleCommand({ Name: "r" })));
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  test("PutTargets answers no failed entries and ListTargetsByRule lists the targets as given", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN }));
    const targets = [
      { Id: "a", Arn: queueArn("a"), Input: '{"fixed": true}' },
      {
        Id: "b",
        Arn: queueArn("b"),
        InputTransformer: { InputPathsMap: { id: "$.id" }, InputTemplate: '{"event": <id>}' },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: queueArn("dlq") },
      },
    ];
    const put = await eventBridge.send(new PutTargetsCommand({ Rule: "r", Targets: targets }));
    expect(put.FailedEntryCount).toBe(0);
    expect(put.FailedEntries).toEqual([]);
    const listed = await eventBridge.send(new ListTargetsByRuleCommand({ Rule: "r" }));
    expect(listed.Targets).toEqual(targets);
    const paged = await eventBridge.send(new ListTargetsByRuleCommand({ Rule: "r", Limit: 1 }));
    expect(paged.Targets?.map((target) => target.Id)).toEqual(["a"]);
    expect(paged.NextToken).toBeDefined();
  });

  test("PutTargets refuses a malformed ARN, a bad RetryPolicy and a missing rule", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN }));
    const badArn = await refusal(
      eventBridge.send(new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "x", Arn: "not-an-arn" }] })),
    );
    expect(badArn.name).toBe("ValidationException");
    const badRetry = await refusal(
      eventBridge.send(
        new PutTargetsCommand({
          Rule: "r",
          Targets: [{ Id: "x", Arn: queueArn("a"), RetryPolicy: { MaximumRetryAttempts: 500 } }],
        }),
      ),
    );
    expect(badRetry.name).toBe("ValidationException");
    expect(badRetry.message).toContain("retryPolicy.maximumRetryAttempts");
    const noRule = await refusal(
      eventBridge.send(new PutTargetsCommand({ Rule: "nope", Targets: [{ Id: "x", Arn: queueArn("a") }] })),
    );
    expect(noRule.name).toBe("ResourceNotFoundException");
    expect((await eventBridge.send(new ListTargetsByRuleCommand({ Rule: "r" }))).Targets).toEqual([]);
  });

  test("RemoveTargets answers no failed entries and the targets are gone", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new PutRuleCommand({ Name: "r", EventPattern: PATTERN }));
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: "r",
        Targets: [
          { Id: "a", Arn: queueArn("a") },
          { Id: "b", Arn: queueArn("b") },
        ],
      }),
    );
    const removed = await eventBridge.send(new RemoveTargetsCommand({ Rule: "r", Ids: ["a"] }));
    expect(removed).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = await eventBridge.send(new ListTargetsByRuleCommand({ Rule: "r" }));
    expect(listed.Targets?.map((target) => target.Id)).toEqual(["b"]);
    const noRule = await refusal(eventBridge.send(new RemoveTargetsCommand({ Rule: "nope", Ids: ["a"] })));
    expect(noRule.name).toBe("ResourceNotFoundException");
  });

  test("ListRuleNamesByTarget names the rules that target an ARN, on the bus asked about", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    for (const [name, bus] of [
      ["second", "default"],
      ["first", "default"],
      ["elsewhere", "orders"],
    ] as const) {
      await eventBridge.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: PATTERN }));
      await eventBridge.send(
        new PutTargetsCommand({
          Rule: name,
          EventBusName: bus,
          Targets: [{ Id: "q", Arn: queueArn("orders") }],
        }),
      );
    }
    const names = await eventBridge.send(new ListRuleNamesByTargetCommand({ TargetArn: queueArn("orders") }));
    expect(names.RuleNames).toEqual(["first", "second"]);
    const onBus = await eventBridge.send(
      new ListRuleNamesByTargetCommand({ TargetArn: queueArn("orders"), EventBusName: "orders" }),
    );
    expect(onBus.RuleNames).toEqual(["elsewhere"]);
    const refused = await refusal(
      eventBridge.send(
        new ListRuleNamesByTargetCommand({ TargetArn: queueArn("orders"), EventBusName: "nope" }),
      ),
    );
    expect(refused.name).toBe("ResourceNotFoundException");
  });

  test("TestEventPattern answers whether the event matches; a bad pattern is InvalidEventPatternException", async () => {
    const { eventBridge } = await startEvents();
    const event = JSON.stringify({
      id: "e-1",
      account: ACCOUNT,
      source: "shop.orders",
      time: "2024-01-01T00:00:00Z",
      region: REGION,
      resources: [],
      "detail-type": "OrderCreated",
      detail: { total: 150 },
    });
    const matched = await eventBridge.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { total: [{ numeric: [">", 100] }] } }),
        Event: event,
      }),
    );
    expect(matched.Result).toBe(true);
    const missed = await eventBridge.send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify({ source: ["other"] }), Event: event }),
    );
    expect(missed.Result).toBe(false);
    const refused = await refusal(
      eventBridge.send(new TestEventPatternCommand({ EventPattern: "[1]", Event: event })),
    );
    expect(refused.name).toBe("InvalidEventPatternException");
  });
});

describe("EventBridge tags over AWS JSON 1.1, with the AWS SDK for JavaScript v3", () => {
  test("TagResource, UntagResource and ListTagsForResource on a bus and a rule", async () => {
    const { eventBridge } = await startEvents();
    const { EventBusArn } = await eventBridge.send(
      new CreateEventBusCommand({ Name: "orders", Tags: [{ Key: "team", Value: "shop" }] }),
    );
    await eventBridge.send(
      new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: "stage", Value: "dev" }] }),
    );
    await eventBridge.send(new UntagResourceCommand({ ResourceARN: EventBusArn, TagKeys: ["team"] }));
    const busTags = await eventBridge.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }));
    expect(busTags.Tags).toEqual([{ Key: "stage", Value: "dev" }]);
    const { RuleArn } = await eventBridge.send(
      new PutRuleCommand({
        Name: "r",
        EventBusName: "orders",
        EventPattern: PATTERN,
        Tags: [{ Key: "owner", Value: "ana" }],
      }),
    );
    const ruleTags = await eventBridge.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }));
    expect(ruleTags.Tags).toEqual([{ Key: "owner", Value: "ana" }]);
  });

  test("tags of a missing rule are ResourceNotFoundException", async () => {
    const { eventBridge } = await startEvents();
    const refused = await refusal(
      eventBridge.send(
        new ListTagsForResourceCommand({ ResourceARN: `arn:aws:events:${REGION}:${ACCOUNT}:rule/nope` }),
      ),
    );
    expect(refused.name).toBe("ResourceNotFoundException");
  });
});
