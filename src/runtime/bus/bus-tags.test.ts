import { describe, expect, test } from "vitest";
import { EventBusNotFoundError, RuleNotFoundError, ValidationError } from "../../core/errors.js";
import { ACCOUNT, openStores, REGION, STORES, services } from "./bus-fixtures.js";

const arn = (resource: string) => `arn:aws:events:${REGION}:${ACCOUNT}:${resource}`;

describe.each(Object.keys(STORES))("tags of buses and rules on the %s store", (kind) => {
  const setup = () => services(openStores(kind));

  test("a bus's tags are those CreateEventBus gave, changed by TagResource and UntagResource", async () => {
    const { events } = setup();
    await events.createEventBus("orders", { Tags: { team: "shop", stage: "dev" } });
    await events.tagResource(arn("event-bus/orders"), { stage: "prod", owner: "ana" });
    await events.untagResource(arn("event-bus/orders"), ["team", "never-set"]);
    expect(await events.listTagsForResource(arn("event-bus/orders"))).toEqual({
      stage: "prod",
      owner: "ana",
    });
  });

  test("a rule is named by rule/NAME on the default bus and rule/BUS/NAME elsewhere", async () => {
    const { events } = setup();
    await events.createEventBus("orders");
    await events.putRule({ Name: "r", EventPattern: '{"source": ["a"]}', Tags: { on: "default" } });
    await events.putRule({ Name: "r", EventBusName: "orders", EventPattern: '{"source": ["a"]}' });
    await events.tagResource(arn("rule/orders/r"), { on: "orders" });
    expect(await events.listTagsForResource(arn("rule/r"))).toEqual({ on: "default" });
    expect(await events.listTagsForResource(arn("rule/orders/r"))).toEqual({ on: "orders" });
  });

  test("tagging a rule keeps it routing as before", async () => {
    const { events, sqs } = setup();
    await sqs.createQueue({ QueueName: "q" });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["a"]}' });
    await events.putTargets("r", [{ Id: "q", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` }]);
    await events.tagResource(arn("rule/r"), { team: "a" });
    await events.putEvents([{ Source: "a", DetailType: "t", Detail: "{}" }]);
    expect(await sqs.receiveMessage("q")).toHaveLength(1);
  });

  test("a missing bus or rule is ResourceNotFound; an ARN of something else is a ValidationError", async () => {
    const { events } = setup();
    await expect(events.listTagsForResource(arn("event-bus/nope"))).rejects.toThrow(EventBusNotFoundError);
    await expect(events.tagResource(arn("rule/nope"), { a: "b" })).rejects.toThrow(RuleNotFoundError);
    await expect(events.listTagsForResource(`arn:aws:sqs:${REGION}:${ACCOUNT}:q`)).rejects.toThrow(
      ValidationError,
    );
    await expect(events.listTagsForResource(arn("archive/a"))).rejects.toThrow(ValidationError);
  });
});
