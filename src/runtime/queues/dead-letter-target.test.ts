import { describe, expect, test } from "vitest";
import { rejectionOf } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../../core/errors.js";
import { ManualClock } from "../clock.js";
import { openQueueStore, QUEUE_STORES, queueServiceOn } from "./queue-fixtures.js";

// The redrive after a dead-letter queue is deleted leans on how the store refuses a missing queue: both adapters.
const refusalOf = (promise: Promise<unknown>) => rejectionOf(promise, QueueRequestError);

describe.each(Object.keys(QUEUE_STORES))("dead-letter targets on the %s store", (kind) => {
  function setup() {
    const clock = new ManualClock(1_700_000_000_000);
    const sqs = queueServiceOn(openQueueStore(kind), clock);
    const redrivePolicy = (deadLetterTargetArn: string, maxReceiveCount = 3) =>
      JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
    const allowPolicy = (policy: object) => ({ RedriveAllowPolicy: JSON.stringify(policy) });
    return { clock, sqs, redrivePolicy, allowPolicy };
  }

  test("a dead-letter queue that denies all sources is refused at CreateQueue and SetQueueAttributes; nothing changes", async () => {
    const { sqs, redrivePolicy, allowPolicy } = setup();
    await sqs.createQueue({ QueueName: "dlq", Attributes: allowPolicy({ redrivePermission: "denyAll" }) });
    const raw = redrivePolicy(sqs.queueArn("dlq"));

    const atCreate = await refusalOf(
      sqs.createQueue({ QueueName: "orders", Attributes: { RedrivePolicy: raw } }),
    );
    expect(atCreate.code).toBe("InvalidParameterValue");
    expect(atCreate.message).toBe(
      `Value ${raw} for parameter RedrivePolicy is invalid. Reason: The RedriveAllowPolicy of ` +
        "arn:aws:sqs:us-east-1:000000000000:dlq does not allow arn:aws:sqs:us-east-1:000000000000:orders as a source queue.",
    );
    expect(await sqs.listQueues()).toEqual(["dlq"]);

    await sqs.createQueue({ QueueName: "orders" });
    const atSet = await refusalOf(
      sqs.setQueueAttributes("orders", { RedrivePolicy: raw, DelaySeconds: "5" }),
    );
    expect(atSet.message).toBe(atCreate.message);
    expect(await sqs.getQueueAttributes("orders", ["All"])).not.toHaveProperty("RedrivePolicy");
    expect(await sqs.getQueueAttributes("orders", ["DelaySeconds"])).toEqual({ DelaySeconds: "0" });
  });

  test("byQueue lets the listed sources name the dead-letter queue and refuses the others", async () => {
    const { sqs, redrivePolicy, allowPolicy } = setup();
    const dlqArn = sqs.queueArn("dlq");
    await sqs.createQueue({
      QueueName: "dlq",
      Attributes: allowPolicy({ redrivePermission: "byQueue", sourceQueueArns: [sqs.queueArn("orders")] }),
    });
    await sqs.createQueue({ QueueName: "orders", Attributes: { RedrivePolicy: redrivePolicy(dlqArn) } });
    const other = await refusalOf(
      sqs.createQueue({ QueueName: "payments", Attributes: { RedrivePolicy: redrivePolicy(dlqArn) } }),
    );
    expect(other.message).toContain(`does not allow ${sqs.queueArn("payments")} as a source queue.`);
    expect(await sqs.listDeadLetterSourceQueues("dlq")).toEqual(["orders"]);
  });

  test("allowAll, like no RedriveAllowPolicy at all, lets any queue name the dead-letter queue", async () => {
    const { sqs, redrivePolicy, allowPolicy } = setup();
    await sqs.createQueue({
      QueueName: "open-dlq",
      Attributes: allowPolicy({ redrivePermission: "allowAll" }),
    });
    await sqs.createQueue({ QueueName: "plain-dlq" });
    await sqs.createQueue({
      QueueName: "a",
      Attributes: { RedrivePolicy: redrivePolicy(sqs.queueArn("open-dlq")) },
    });
    await sqs.createQueue({
      QueueName: "b",
      Attributes: { RedrivePolicy: redrivePolicy(sqs.queueArn("plain-dlq")) },
    });
    expect(await sqs.listQueues()).toEqual(["a", "b", "open-dlq", "plain-dlq"]);
  });

  test("a queue that names itself is checked against the allow policy set in the same call", async () => {
    const { sqs, redrivePolicy } = setup();
    await sqs.createQueue({ QueueName: "loop" });
    const refused = await refusalOf(
      sqs.setQueueAttributes("loop", {
        RedriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }),
        RedrivePolicy: redrivePolicy(sqs.queueArn("loop")),
      }),
    );
    expect(refused.message).toContain(
      "does not allow arn:aws:sqs:us-east-1:000000000000:loop as a source queue.",
    );
    expect(await sqs.getQueueAttributes("loop", ["All"])).not.toHaveProperty("RedriveAllowPolicy");
  });

  test("a queue of the same name in another account or Region is not a dead-letter queue here", async () => {
    const { sqs, redrivePolicy } = setup();
    await sqs.createQueue({ QueueName: "dlq" });
    for (const arn of ["arn:aws:sqs:us-east-1:111111111111:dlq", "arn:aws:sqs:eu-west-1:000000000000:dlq"]) {
      const raw = redrivePolicy(arn);
      const refused = await refusalOf(
        sqs.createQueue({ QueueName: "orders", Attributes: { RedrivePolicy: raw } }),
      );
      expect(refused.message).toBe(
        `Value ${raw} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    expect(await sqs.listQueues()).toEqual(["dlq"]);
  });

  test("a dead-letter queue that denies all sources later still takes the messages of a source naming it", async () => {
    const { sqs, clock, redrivePolicy } = setup();
    await sqs.createQueue({ QueueName: "dlq" });
    await sqs.createQueue({
      QueueName: "orders",
      Attributes: { VisibilityTimeout: "1", RedrivePolicy: redrivePolicy(sqs.queueArn("dlq"), 1) },
    });
    await sqs.setQueueAttributes("dlq", {
      RedriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }),
    });
    await sqs.sendMessage("orders", { MessageBody: "poison" });
    expect(await sqs.receiveMessage("orders")).toHaveLength(1);
    clock.advance(1_000);
    expect(await sqs.receiveMessage("orders")).toEqual([]);
    expect((await sqs.receiveMessage("dlq")).map((m) => m.Body)).toEqual(["poison"]);
  });

  test("a source whose dead-letter queue was deleted keeps its messages and goes on receiving them", async () => {
    const { sqs, clock, redrivePolicy } = setup();
    await sqs.createQueue({ QueueName: "dlq" });
    await sqs.createQueue({
      QueueName: "orders",
      Attributes: { VisibilityTimeout: "1", RedrivePolicy: redrivePolicy(sqs.queueArn("dlq"), 1) },
    });
    await sqs.deleteQueue("dlq");
    await sqs.sendMessage("orders", { MessageBody: "poison" });
    for (let receive = 1; receive <= 3; receive++) {
      const [message] = await sqs.receiveMessage("orders", { AttributeNames: ["ApproximateReceiveCount"] });
      expect(message?.Attributes).toEqual({ ApproximateReceiveCount: String(receive) });
      clock.advance(1_000);
    }
  });
});
