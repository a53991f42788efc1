import { afterEach, describe, expect, test } from "vitest";
import {
  ACCOUNT,
  bodies,
  deferred,
  type Harness,
  openHarness,
  REGION,
  START_MS,
  STORES,
  settle,
  until,
} from "./fixtures/poller-harness.js";
import { POLLER_LIMITS } from "./mapping-settings.js";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

describe.each(Object.keys(STORES))("an SQS event source mapping's pollers on the %s store", (kind) => {
  function setup(): Harness {
    const harness = openHarness(kind);
    harnesses.push(harness);
    return harness;
  }

  test("a FIFO queue's groups are delivered in order, a failed batch holding its group back until it is retried", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({
      QueueName: "ordered.fifo",
      Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "30" },
    });
    for (const body of ["a1", "a2", "a3", "a4", "a5"]) {
      await sqs.sendMessage("ordered.fifo", { MessageBody: body, MessageGroupId: "A" });
    }
    for (const body of ["b1", "b2", "b3"])
      await sqs.sendMessage("ordered.fifo", { MessageBody: body, MessageGroupId: "B" });
    let failedOnce = false;
    const runner = harness.runner("ordered-fn", (event) => {
      if (!failedOnce && bodies(event).includes("a1")) {
        failedOnce = true;
        throw new Error("first try of a1 fails");
      }
      return null;
    });
    await harness.mapping("ordered.fifo", runner, { batchSize: 2 }).start();
    await until(
      () => harness.reports.filter((report) => report.outcome.kind === "succeeded").length >= 2,
      "group B",
    );
    await harness.idle("ordered.fifo");
    // While a1 and a2 wait out their visibility timeout, group A gives nothing more; group B goes on.
    const beforeRetry = (harness.events.get("ordered-fn") ?? []).flatMap(bodies);
    expect(beforeRetry.filter((body) => body.startsWith("a"))).toEqual(["a1", "a2"]);
    expect(beforeRetry.filter((body) => body.startsWith("b"))).toEqual(["b1", "b2", "b3"]);

    await harness.advance(30_000);
    await until(
      () => (harness.events.get("ordered-fn") ?? []).flatMap(bodies).includes("a5"),
      "the rest of group A",
    );
    await harness.idle("ordered.fifo");
    const delivered = (harness.events.get("ordered-fn") ?? []).flatMap(bodies);
    expect(delivered.filter((body) => body.startsWith("a"))).toEqual([
      "a1",
      "a2",
      "a1",
      "a2",
      "a3",
      "a4",
      "a5",
    ]);
    expect(await harness.counts("ordered.fifo")).toEqual({ visible: 0, inFlight: 0 });
  });

  test("a disabled mapping does not poll; enabling it starts the pollers", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "off" });
    await sqs.sendMessage("off", { MessageBody: "waiting" });
    const runner = harness.runner("off-fn", () => null);
    const mapping = harness.mapping("off", runner, { enabled: false });
    await mapping.start();
    expect(mapping.state).toBe("Disabled");
    await settle();
    await harness.advance(60_000);
    expect(harness.events.get("off-fn")).toBeUndefined();
    expect(mapping.pollers).toBe(0);
    expect(harness.wakeups.sleeping("off")).toBe(0);
    expect(await harness.counts("off")).toEqual({ visible: 1, inFlight: 0 });

    await mapping.update({ enabled: true });
    expect(mapping.state).toBe("Enabled");
    await until(() => harness.reports.length === 1, "the invocation");
    await mapping.update({ enabled: false });
    expect(mapping.pollers).toBe(0);
    expect(mapping.state).toBe("Disabled");
  });

  test("an idle mapping has one poller asleep on the queue, asking again every 20 s or when a send wakes it", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "quiet" });
    const runner = harness.runner("quiet-fn", () => null);
    const mapping = harness.mapping("quiet", runner, { maximumConcurrency: 10 });
    await mapping.start();
    await harness.idle("quiet");
    expect(mapping.pollers).toBe(1);
    expect(harness.clock.pendingCount).toBe(1);
    const asked = harness.receives.get("quiet") ?? 0;
    // Asleep: neither turning the event loop nor time short of 20 s makes it receive again.
    await settle(200);
    await harness.advance(19_999);
    expect(harness.receives.get("quiet")).toBe(asked);
    await harness.advance(1);
    await harness.idle("quiet");
    expect(harness.receives.get("quiet")).toBe(asked + 1);

    await sqs.sendMessage("quiet", { MessageBody: "wake up" });
    await until(() => harness.reports.length === 1, "the invocation");
    expect(harness.clock.nowMs()).toBe(START_MS + 20_000);
  });

  test("stop() ends an idle mapping at once, leaving no timer behind, even on a queue that long-polls by default", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "stopping", Attributes: { ReceiveMessageWaitTimeSeconds: "20" } });
    const runner = harness.runner("stopping-fn", () => null);
    const mapping = harness.mapping("stopping", runner);
    await mapping.start();
    await harness.idle("stopping");
    await mapping.stop();
    expect(mapping.pollers).toBe(0);
    expect(harness.wakeups.sleeping("stopping")).toBe(0);
    expect(harness.clock.pendingCount).toBe(0);
    expect(harness.clock.nowMs()).toBe(START_MS);
    await sqs.sendMessage("stopping", { MessageBody: "after" });
    await settle();
    expect(harness.events.get("stopping-fn")).toBeUndefined();
  });

  test("stop() lets an in-flight invocation finish and settles its batch", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "busy" });
    await sqs.sendMessage("busy", { MessageBody: "work" });
    const release = deferred<null>();
    const runner = harness.runner("busy-fn", () => release.promise);
    const mapping = harness.mapping("busy", runner);
    await mapping.start();
    await until(() => harness.events.get("busy-fn")?.length === 1, "the invocation");
    let stopped = false;
    const stopping = mapping.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    release.resolve(null);
    await stopping;
    expect(harness.reports[0]).toMatchObject({ deleted: 1, outcome: { kind: "succeeded" } });
    expect(await harness.counts("busy")).toEqual({ visible: 0, inFlight: 0 });
  });

  test("pollers scale with the backlog up to MaximumConcurrency, and fall back to one when the queue is empty", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "backlog" });
    for (let batch = 0; batch < 5; batch++) {
      await sqs.sendMessageBatch(
        "backlog",
        Array.from({ length: 10 }, (_, index) => ({
          Id: `e${index}`,
          MessageBody: `m${batch * 10 + index}`,
        })),
      );
    }
    const gate = deferred();
    let running = 0;
    let most = 0;
    const runner = harness.runner("backlog-fn", async () => {
      running++;
      most = Math.max(most, running);
      await gate.promise;
      running--;
      return null;
    });
    const mapping = harness.mapping("backlog", runner, { maximumConcurrency: 3 });
    await mapping.start();
    await until(() => running === 3, "three concurrent invocations");
    await settle();
    expect(running).toBe(3);
    expect(mapping.pollers).toBe(3);
    gate.resolve();
    await until(() => mapping.stats.recordsDeleted === 50, "the backlog");
    await harness.idle("backlog");
    expect(most).toBe(3);
    expect(mapping.pollers).toBe(1);
  });

  test("a throttled function (reserved concurrency 0) gets its batch back: it returns and counts towards the DLQ", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "throttled-dlq" });
    await sqs.createQueue({
      QueueName: "throttled",
      Attributes: {
        VisibilityTimeout: "5",
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:throttled-dlq`,
          maxReceiveCount: 2,
        }),
      },
    });
    await sqs.sendMessage("throttled", { MessageBody: "never runs" });
    const runner = harness.runner("throttled-fn", () => null, { reservedConcurrency: 0 });
    const mapping = harness.mapping("throttled", runner);
    await mapping.start();
    await settle();
    // Retried after 1 s and 2 s more; the next back-off (4 s) would pass the visibility timeout, so Lambda stops there.
    await harness.advance(1_000);
    await harness.advance(2_000);
    await until(() => harness.reports.length === 1, "the throttled batch given up");
    expect(harness.reports[0]?.outcome).toEqual({ kind: "throttled" });
    expect(mapping.stats.throttles).toBe(3);
    expect(await harness.counts("throttled")).toEqual({ visible: 0, inFlight: 1 });
    await harness.advance(2_000);
    await until(() => mapping.stats.throttles === 4, "the second receive");
    await harness.advance(1_000);
    await harness.advance(2_000);
    await harness.advance(2_000);
    await harness.idle("throttled");
    expect(harness.events.get("throttled-fn")).toBeUndefined();
    expect(await harness.counts("throttled-dlq")).toEqual({ visible: 1, inFlight: 0 });
  });

  test("with a batching window, records gather until the window ends; a full batch goes at once", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "window", Attributes: { VisibilityTimeout: "60" } });
    const runner = harness.runner("window-fn", () => null);
    await harness.mapping("window", runner, { batchSize: 20, maximumBatchingWindowSeconds: 5 }).start();
    await harness.idle("window");
    await sqs.sendMessage("window", { MessageBody: "w1" });
    await settle();
    await harness.advance(2_000);
    await sqs.sendMessage("window", { MessageBody: "w2" });
    await harness.advance(2_999);
    expect(harness.reports).toHaveLength(0);
    await harness.advance(1);
    await until(() => harness.reports.length === 1, "the window's batch");
    expect(bodies(harness.events.get("window-fn")?.[0])).toEqual(["w1", "w2"]);

    await harness.idle("window");
    for (let batch = 0; batch < 2; batch++) {
      await sqs.sendMessageBatch(
        "window",
        Array.from({ length: 10 }, (_, index) => ({
          Id: `e${index}`,
          MessageBody: `f${batch * 10 + index}`,
        })),
      );
    }
    await until(() => harness.reports.length === 2, "the full batch");
    expect(harness.events.get("window-fn")?.[1]?.Records).toHaveLength(20);
  });

  test("a window longer than the visibility timeout allows stretches the visibility to window + timeout + 30 s", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "stretched", Attributes: { VisibilityTimeout: "30" } });
    await sqs.sendMessage("stretched", { MessageBody: "s" });
    const runner = harness.runner(
      "stretched-fn",
      () => {
        throw new Error("fails");
      },
      { timeoutSeconds: 30 },
    );
    await harness.mapping("stretched", runner, { batchSize: 1, maximumBatchingWindowSeconds: 10 }).start();
    await until(() => harness.reports.length === 1, "the invocation");
    await harness.idle("stretched");
    await harness.advance(30_000);
    expect(harness.reports).toHaveLength(1);
    await harness.advance(39_999);
    expect(harness.reports).toHaveLength(1);
    await harness.advance(1);
    await until(() => harness.reports.length === 2, "the retry after 70 s");
  });

  test("an event stays within Lambda's 6 MB: the records past it make the next batch", async () => {
    const harness = setup();
    const { sqs } = harness;
    await sqs.createQueue({ QueueName: "large" });
    const megabyte = "x".repeat(1_048_500);
    for (let index = 0; index < 10; index++) {
      await sqs.sendMessage("large", { MessageBody: `${index}${megabyte}` });
    }
    const runner = harness.runner("large-fn", () => null);
    await harness.mapping("large", runner).start();
    await until(() => harness.reports.length === 2, "two invocations");
    const sizes = (harness.events.get("large-fn") ?? []).map((event) => event.Records.length);
    expect(sizes).toEqual([5, 5]);
    for (const event of harness.events.get("large-fn") ?? []) {
      expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThanOrEqual(
        POLLER_LIMITS.invocationPayloadMaxBytes,
      );
    }
    expect((harness.events.get("large-fn") ?? []).flatMap(bodies).map((body) => body[0])).toEqual(
      Array.from({ length: 10 }, (_, index) => String(index)),
    );
  });
});
