import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  ListEventBusesCommand,
} from "@aws-sdk/client-eventbridge";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { postEvents, refusal, startEvents } from "./events-fixture.js";

const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

describe("EventBridge buses over AWS JSON 1.1, with the AWS SDK for JavaScript v3", () => {
  test("CreateEventBus answers the bus's ARN and DescribeEventBus describes it", async () => {
    const { eventBridge } = await startEvents();
    const before = Math.floor(Date.now() / 1000);
    const created = await eventBridge.send(
      new CreateEventBusCommand({
        Name: "orders",
        Description: "shop orders",
        Tags: [{ Key: "team", Value: "shop" }],
      }),
    );
    expect(created.EventBusArn).toBe(busArn("orders"));
    expect(created.Description).toBe("shop orders");
    const described = await eventBridge.send(new DescribeEventBusCommand({ Name: "orders" }));
    expect(described).toMatchObject({ Name: "orders", Arn: busArn("orders"), Description: "shop orders" });
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(Math.floor((described.CreationTime?.getTime() ?? 0) / 1000)).toBeGreaterThanOrEqual(before);
  });

  test("DescribeEventBus without a name describes the default bus", async () => {
    const { eventBridge } = await startEvents();
    const described = await eventBridge.send(new DescribeEventBusCommand({}));
    expect(described).toMatchObject({ Name: "default", Arn: busArn("default") });
  });

  test("CreateEventBus of an existing bus is ResourceAlreadyExistsException with HTTP 400", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    const refused = await refusal(eventBridge.send(new CreateEventBusCommand({ Name: "orders" })));
    expect(refused.name).toBe("ResourceAlreadyExistsException");
    expect(refused.message).toBe("Event bus orders already exists.");
    expect(refused.$metadata?.httpStatusCode).toBe(400);
  });

  test("CreateEventBus with a name outside AWS's pattern is ValidationException", async () => {
    const { eventBridge } = await startEvents();
    const refused = await refusal(eventBridge.send(new CreateEventBusCommand({ Name: "no spaces" })));
    expect(refused.name).toBe("ValidationException");
  });

  test("DescribeEventBus of a missing bus is ResourceNotFoundException with HTTP 400", async () => {
    const { eventBridge } = await startEvents();
    const refused = await refusal(eventBridge.send(new DescribeEventBusCommand({ Name: "nope" })));
    expect(refused.name).toBe("ResourceNotFoundException");
    expect(refused.message).toBe("Event bus nope does not exist.");
    expect(refused.$metadata?.httpStatusCode).toBe(400);
  });

  test("DeleteEventBus removes a bus; the default bus cannot be deleted", async () => {
    const { eventBridge } = await startEvents();
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    await eventBridge.send(new DeleteEventBusCommand({ Name: "orders" }));
    const gone = await refusal(eventBridge.send(new DescribeEventBusCommand({ Name: "orders" })));
    expect(gone.name).toBe("ResourceNotFoundException");
    const refused = await refusal(eventBridge.send(new DeleteEventBusCommand({ Name: "default" })));
    expect(refused.name).toBe("ValidationException");
  });

  test("ListEventBuses lists every bus by name, filters by prefix and pages by Limit and NextToken", async () => {
    const { eventBridge } = await startEvents();
    for (const name of ["orders", "audit", "billing"]) {
      await eventBridge.send(new CreateEventBusCommand({ Name: name }));
    }
    const all = await eventBridge.send(new ListEventBusesCommand({}));
    expect(all.EventBuses?.map((bus) => bus.Name)).toEqual(["audit", "billing", "default", "orders"]);
    expect(all.NextToken).toBeUndefined();
    const prefixed = await eventBridge.send(new ListEventBusesCommand({ NamePrefix: "b" }));
    expect(prefixed.EventBuses?.map((bus) => bus.Arn)).toEqual([busArn("billing")]);
    const first = await eventBridge.send(new ListEventBusesCommand({ Limit: 3 }));
    expect(first.EventBuses?.map((bus) => bus.Name)).toEqual(["audit", "billing", "default"]);
    const second = await eventBridge.send(
      new ListEventBusesCommand({ Limit: 3, NextToken: first.NextToken }),
    );
    expect(second.EventBuses?.map((bus) => bus.Name)).toEqual(["orders"]);
    expect(second.NextToken).toBeUndefined();
  });

  test("a Limit out of range and a NextToken that was never issued are ValidationException", async () => {
    const { eventBridge } = await startEvents();
    const tooMany = await refusal(eventBridge.send(new ListEventBusesCommand({ Limit: 101 })));
    expect(tooMany.name).toBe("ValidationException");
    const forged = await refusal(eventBridge.send(new ListEventBusesCommand({ NextToken: "forged" })));
    expect(forged.name).toBe("ValidationException");
  });

  test("a missing required member is ValidationException naming it", async () => {
    const { api } = await startEvents();
    const answer = await postEvents(api.url, "CreateEventBus", "{}");
    expect(answer).toEqual({
      status: 400,
      body: {
        __type: "ValidationException",
        message:
          "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
      },
    });
  });

  test("a body that is not JSON, or a member of the wrong type, is SerializationException and changes nothing", async () => {
    const { api, eventBridge } = await startEvents();
    const malformed = await postEvents(api.url, "CreateEventBus", '{"Name": "orders"');
    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe("SerializationException");
    const mistyped = await postEvents(api.url, "CreateEventBus", '{"Name": 42}');
    expect(mistyped.body.__type).toBe("SerializationException");
    const listed = await eventBridge.send(new ListEventBusesCommand({}));
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(["default"]);
  });

  test("an operation EventBridge does not have is UnknownOperationException", async () => {
    const { api } = await startEvents();
    for (const operation of ["FlyToTheMoon", "toString", "constructor"]) {
      const answer = await postEvents(api.url, operation, "{}");
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe("UnknownOperationException");
    }
  });
});
