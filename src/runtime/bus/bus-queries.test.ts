import { describe, expect, test } from "vitest";
import { EventBusNotFoundError, RuleNotFoundError, ValidationError } from "../../core/errors.js";
import { ACCOUNT, arnOf, openStores, REGION, STORES, services } from "./bus-fixtures.js";

describe.each(Object.keys(STORES))("describing buses and rules on the %s store", (kind) => {
  const setup = () => services(openStores(kind));

  test("DescribeEventBus answers a created bus with its ARN, description and creation time", async () => {
    const { events, clock } = setup();
    const arn = await events.createEventBus("orders", { Description: "shop orders", Tags: { team: "a" } });
    expect(arn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders`);
    expect(await events.describeEventBus("orders")).toEqual({
      Name: "orders",
      Arn: arn,
      Description: "shop orders",
      CreationTime: new Date(clock.nowMs()),
      LastModifiedTime: new Date(clock.nowMs()),
    });
    expect((await events.describeEventBus(arn)).Name).toBe("orders");
  });

  test("DescribeEventBus without a name is the default bus, which always exists", async () => {
    const { events } = setup();
    expect((await events.describeEventBus()).Arn).toBe(
      `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`,
    );
  });

  test("DescribeEventBus of a missing bus is ResourceNotFound", async () => {
    const { events } = setup();
    await expect(events.describeEventBus("nope")).rejects.toThrow(EventBusNotFoundError);
  });

  test("CreateEventBus refuses a name outside AWS's pattern", async () => {
    const { events } = setup();
    await expect(events.createEventBus("no spaces")).rejects.toThrow(ValidationError);
  });

  test("ListEventBuses lists every bus by name, the default one included, and filters by prefix", async () => {
    const { events } = setup();
    await events.createEventBus("orders");
    await events.createEventBus("audit");
    expect((await events.listEventBuses()).map((bus) => bus.Name)).toEqual(["audit", "default", "orders"]);
    expect((await events.listEventBuses("or")).map((bus) => bus.Name)).toEqual(["orders"]);
  });

  test("DescribeRule answers the rule as PutRule stored it, with the creating account", async () => {
    const { events } = setup();
    await events.createEventBus("orders");
    await events.putRule({
      Name: "big",
      EventBusName: "orders",
      EventPattern: '{"source": ["shop"]}',
      Description: "big orders",
      RoleArn: "arn:aws:iam::000000000000:role/events",
      State: "DISABLED",
    });
    expect(await events.describeRule("big", "orders")).toEqual({
      Name: "big",
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/big`,
      EventPattern: '{"source": ["shop"]}',
      State: "DISABLED",
      Description: "big orders",
      RoleArn: "arn:aws:iam::000000000000:role/events",
      EventBusName: "orders",
      CreatedBy: ACCOUNT,
    });
  });

  test("DescribeRule of a missing rule is ResourceNotFound", async () => {
    const { events } = setup();
    await expect(events.describeRule("nope")).rejects.toThrow(RuleNotFoundError);
    await expect(events.describeRule("nope", "missing-bus")).rejects.toThrow(EventBusNotFoundError);
  });

  test("ListRules lists a bus's rules by name and filters by prefix", async () => {
    const { events } = setup();
    for (const name of ["b-rule", "a-rule", "other"]) {
      await events.putRule({ Name: name, EventPattern: '{"source": ["shop"]}' });
    }
    expect((await events.listRules()).map((rule) => rule.Name)).toEqual(["a-rule", "b-rule", "other"]);
    expect((await events.listRules(undefined, "b-")).map((rule) => rule.Arn)).toEqual([
      `arn:aws:events:${REGION}:${ACCOUNT}:rule/b-rule`,
    ]);
  });

  test("ListRuleNamesByTarget names the rules of the bus that target an ARN", async () => {
    const { events } = setup();
    for (const name of ["second", "first", "unrelated"]) {
      await events.putRule({ Name: name, EventPattern: '{"source": ["shop"]}' });
    }
    await events.putTargets("second", [{ Id: "q", Arn: arnOf("orders") }]);
    await events.putTargets("first", [{ Id: "q", Arn: arnOf("orders") }]);
    await events.putTargets("unrelated", [{ Id: "q", Arn: arnOf("other") }]);
    expect(await events.listRuleNamesByTarget(arnOf("orders"))).toEqual(["first", "second"]);
    expect(await events.listRuleNamesByTarget(arnOf("none"))).toEqual([]);
  });

  test("PutRule applies Tags when it creates a rule and keeps them when it updates one", async () => {
    const { events, stores } = setup();
    await events.putRule({ Name: "r", EventPattern: '{"source": ["a"]}', Tags: { team: "a" } });
    await events.putRule({ Name: "r", EventPattern: '{"source": ["b"]}', Tags: { team: "b" } });
    expect((await stores.buses.getRule("default", "r"))?.tags).toEqual({ team: "a" });
  });
});
