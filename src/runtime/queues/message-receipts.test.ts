import { describe, expect, test } from "vitest";
import { rejectionOf } from "../../../test/support/thrown.js";
import { QueueRequestError } from "../../core/errors.js";
import { createMemoryQueueStore } from "../../store/memory/memory-queue-store.js";
import { ManualClock } from "../clock.js";
import { queueServiceOn } from "./queue-fixtures.js";

const HOUR_MS = 3_600_000;
const BEYOND = "Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds].";

const refusalOf = (promise: Promise<unknown>) => rejectionOf(promise, QueueRequestError);

async function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const sqs = queueServiceOn(createMemoryQueueStore(), clock);
  await sqs.createQueue({ QueueName: "q" });
  await sqs.sendMessage("q", { MessageBody: "long job" });
  const received = async (visibilityTimeout: number) => {
    const [message] = await sqs.receiveMessage("q", { VisibilityTimeout: visibilityTimeout });
    if (message === undefined) throw new Error("nothing received");
    return message.ReceiptHandle;
  };
  return { clock, sqs, received };
}

describe("the 12-hour visibility limit of one receive", () => {
  test("a heartbeat extends the visibility up to 12 hours after the receive, not one second more", async () => {
    const { clock, sqs, received } = await setup();
    const handle = await received(60);
    for (let elapsedMs = 30_000; elapsedMs <= 12 * HOUR_MS - 60_000; elapsedMs += 30_000) {
      clock.advance(30_000);
      await sqs.changeMessageVisibility("q", handle, 60);
    }
    // Now 11 h 59 min after the receive: 60 s reach the limit exactly, 61 s pass it.
    const refused = await refusalOf(sqs.changeMessageVisibility("q", handle, 61));
    expect(refused.code).toBe("InvalidParameterValue");
    expect(refused.message).toBe(`Value 61 for parameter VisibilityTimeout is invalid. ${BEYOND}`);
    await sqs.changeMessageVisibility("q", handle, 60);
  });

  test("a refused extension changes nothing: the message comes back when the earlier timeout ends", async () => {
    const { clock, sqs, received } = await setup();
    const handle = await received(43_200);
    clock.advance(HOUR_MS);
    expect((await refusalOf(sqs.changeMessageVisibility("q", handle, 39_601))).message).toContain(BEYOND);
    await sqs.changeMessageVisibility("q", handle, 39_600);
    clock.advance(11 * HOUR_MS - 1);
    expect(await sqs.receiveMessage("q")).toEqual([]);
    clock.advance(1);
    expect(await sqs.receiveMessage("q")).toHaveLength(1);
  });

  test("the refusal is per entry in ChangeMessageVisibilityBatch", async () => {
    const { clock, sqs, received } = await setup();
    const handle = await received(30);
    clock.advance(10_000);
    const result = await sqs.changeMessageVisibilityBatch("q", [
      { Id: "over", ReceiptHandle: handle, VisibilityTimeout: 43_200 },
      { Id: "fine", ReceiptHandle: handle, VisibilityTimeout: 43_190 },
    ]);
    expect(result.Successful).toEqual([{ Id: "fine" }]);
    expect(result.Failed).toEqual([
      {
        Id: "over",
        SenderFault: true,
        Code: "InvalidParameterValue",
        Message: `Value 43200 for parameter VisibilityTimeout is invalid. ${BEYOND}`,
      },
    ]);
  });

  test("each receive has its own 12 hours; the handle of an earlier one has expired", async () => {
    const { clock, sqs, received } = await setup();
    const first = await received(43_200);
    clock.advance(12 * HOUR_MS);
    const second = await received(30);
    await sqs.changeMessageVisibility("q", second, 43_200);
    const stale = await refusalOf(sqs.changeMessageVisibility("q", first, 10));
    expect(stale.code).toBe("ReceiptHandleIsInvalid");
    expect(stale.message).toBe("The receipt handle has expired.");
  });
});
