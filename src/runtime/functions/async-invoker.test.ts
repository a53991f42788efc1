import { describe, expect, test, vi } from "vitest";
import { ErrorCode, ResourceNotFoundError } from "../../core/errors.js";
import { ACCOUNT, asyncWorld, REGION, STORES } from "./async-fixtures.js";
import { asyncInvocationQueueName, ensureAsyncInvocationQueue } from "./async-invocation-queue.js";
import { startAsyncInvoker } from "./async-invoker.js";
import type { FunctionRunner } from "./function-runner.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const queueTarget = (name: string) => ({ kind: "queue" as const, name });

describe.each(Object.keys(STORES))("the async invoker on the %s store", (kind) => {
  test("runs an event with the request id Invoke answered and sends the Success record to the queue", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "succeeded" });
    await world.deploy({ name: "charge", settings: { onSuccess: queueTarget("succeeded") } });

    const { StatusCode, requestId } = await world.invokeAsync("charge", { id: "o-1" });
    await world.settle();

    expect(StatusCode).toBe(202);
    expect(world.observed).toEqual([
      { functionName: "charge", atMs: 0, requestId, event: { id: "o-1" }, outcome: "ok" },
    ]);
    expect(await world.records("succeeded")).toEqual([
      {
        version: "1.0",
        timestamp: "2026-11-29T16:00:00.000Z",
        requestContext: {
          requestId,
          functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge:$LATEST`,
          condition: "Success",
          approximateInvokeCount: 1,
        },
        requestPayload: { id: "o-1" },
        responseContext: { statusCode: 200, executedVersion: "$LATEST" },
        responsePayload: { handled: "o-1" },
      },
    ]);
    const counts = await world.stores.queues.counts(asyncInvocationQueueName("charge"), world.clock.nowMs());
    expect(counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test("retries a function error after one minute, then two, and sends RetriesExhausted after the third attempt", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await world.deploy({ name: "charge", settings: { onFailure: queueTarget("failed") } });

    const { requestId } = await world.invokeAsync("charge", { id: "o-2", fail: true });
    await world.settle();
    await world.advance(MINUTE - 1);
    expect(world.observed.map((call) => call.atMs)).toEqual([0]);
    await world.advance(1);
    await world.advance(2 * MINUTE - 1);
    expect(world.observed.map((call) => call.atMs)).toEqual([0, MINUTE]);
    await world.advance(1);

    expect(world.observed.map((call) => [call.atMs, call.requestId, call.outcome])).toEqual([
      [0, requestId, "error"],
      [MINUTE, requestId, "error"],
      [3 * MINUTE, requestId, "error"],
    ]);
    const [record, ...more] = await world.records("failed");
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      version: "1.0",
      timestamp: "2026-11-29T16:03:00.000Z",
      requestContext: { requestId, condition: "RetriesExhausted", approximateInvokeCount: 3 },
      requestPayload: { id: "o-2", fail: true },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "Error", errorMessage: "failing as asked (o-2)" },
    });
    expect(Object.keys(record ?? {})).toEqual([
      "version",
      "timestamp",
      "requestContext",
      "requestPayload",
      "responseContext",
      "responsePayload",
    ]);
  });

  test("with MaximumRetryAttempts 0 an event runs once", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await world.deploy({
      name: "charge",
      settings: { maximumRetryAttempts: 0, onFailure: queueTarget("failed") },
    });

    await world.invokeAsync("charge", { fail: true });
    await world.settle();
    await world.advance(10 * MINUTE);

    expect(world.observed).toHaveLength(1);
    expect(await world.records("failed")).toMatchObject([
      { requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 1 } },
    ]);
  });

  test("a timeout is a function error, its record carries Sandbox.Timedout", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await world.deploy({
      name: "slow",
      timeoutSeconds: 2,
      settings: { maximumRetryAttempts: 0, onFailure: queueTarget("failed") },
    });

    const { requestId } = await world.invokeAsync("slow", { hold: true });
    await world.untilInvoked(1);
    await world.advance(2 * SECOND);

    expect(await world.records("failed")).toMatchObject([
      {
        requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 1 },
        responseContext: { functionError: "Unhandled" },
        responsePayload: {
          errorType: "Sandbox.Timedout",
          errorMessage: `RequestId: ${requestId} Error: Task timed out after 2.00 seconds`,
        },
      },
    ]);
  });

  test("an event older than MaximumEventAgeInSeconds is discarded as EventAgeExceeded without running", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await ensureAsyncInvocationQueue(world.stores.queues, "charge", world.clock.nowMs());
    const { requestId } = await world.invokeAsync("charge", { id: "stale" });
    world.clock.advance(MINUTE);

    await world.deploy({
      name: "charge",
      settings: { maximumEventAgeSeconds: 60, onFailure: queueTarget("failed") },
    });
    await world.settle();

    expect(world.observed).toEqual([]);
    const [record] = await world.records("failed");
    expect(record).toEqual({
      version: "1.0",
      timestamp: "2026-11-29T16:01:00.000Z",
      requestContext: {
        requestId,
        functionArn: world.qualifiedArn("charge"),
        condition: "EventAgeExceeded",
        approximateInvokeCount: 0,
      },
      requestPayload: { id: "stale" },
    });
  });

  test("a retry that would start past the maximum event age is not waited for (Lambda's look-ahead)", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await world.deploy({
      name: "age60",
      settings: { maximumEventAgeSeconds: 60, onFailure: queueTarget("failed") },
    });
    await world.deploy({
      name: "age90",
      settings: { maximumEventAgeSeconds: 90, onFailure: queueTarget("failed") },
    });

    await world.invokeAsync("age60", { fail: true });
    await world.settle();
    expect(await world.records("failed")).toMatchObject([
      {
        timestamp: "2026-11-29T16:00:00.000Z",
        requestContext: { condition: "EventAgeExceeded", approximateInvokeCount: 1 },
        responseContext: { functionError: "Unhandled" },
        responsePayload: { errorType: "Error" },
      },
    ]);

    await world.invokeAsync("age90", { fail: true });
    await world.settle();
    await world.advance(MINUTE);
    expect(world.observed.filter((call) => call.functionName === "age90").map((call) => call.atMs)).toEqual([
      0,
      MINUTE,
    ]);
    expect(await world.records("failed")).toMatchObject([
      {
        timestamp: "2026-11-29T16:01:00.000Z",
        requestContext: { condition: "EventAgeExceeded", approximateInvokeCount: 2 },
      },
    ]);
  });

  test("a throttle is retried with backoff from one second, and is no attempt", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "succeeded" });
    const { runner, invoker } = await world.deploy({
      name: "busy",
      reservedConcurrency: 1,
      timeoutSeconds: 30,
      settings: { maximumRetryAttempts: 0, onSuccess: queueTarget("succeeded") },
    });
    // A synchronous invocation holds the only reserved permit until its timeout.
    const holder = runner.invoke({ hold: true });

    const { requestId } = await world.invokeAsync("busy", { id: "later" });
    await world.settle();
    for (const waitMs of [1, 2, 4, 8]) await world.advance(waitMs * SECOND);
    await world.advance(15 * SECOND);
    expect(await holder).toMatchObject({ ok: false, timedOut: true });
    await world.advance(SECOND);

    expect(world.observed.map((call) => [call.atMs / SECOND, call.outcome])).toEqual([
      [0, "throttled"],
      [1, "throttled"],
      [3, "throttled"],
      [7, "throttled"],
      [15, "throttled"],
      [31, "ok"],
    ]);
    expect(invoker.stats).toMatchObject({ throttled: 5, invocations: 1, succeeded: 1 });
    expect(await world.records("succeeded")).toMatchObject([
      { requestContext: { requestId, condition: "Success", approximateInvokeCount: 1 } },
    ]);
  });

  test("a reserved concurrency of 0 sends events to the on-failure destination at once, unrun", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "failed" });
    await world.deploy({
      name: "stopped",
      reservedConcurrency: 0,
      settings: { onFailure: queueTarget("failed") },
    });

    const { requestId } = await world.invokeAsync("stopped", { id: "z" });
    await world.settle();

    expect(world.observed).toEqual([]);
    expect(await world.records("failed")).toEqual([
      {
        version: "1.0",
        timestamp: "2026-11-29T16:00:00.000Z",
        requestContext: {
          requestId,
          functionArn: world.qualifiedArn("stopped"),
          condition: "ZeroReservedConcurrency",
          approximateInvokeCount: 0,
        },
        requestPayload: { id: "z" },
      },
    ]);
  });

  test("an event discarded without an on-failure destination is dropped, counted and reported", async () => {
    const world = asyncWorld(kind);
    const { invoker } = await world.deploy({ name: "charge", settings: { maximumRetryAttempts: 0 } });

    const { requestId } = await world.invokeAsync("charge", { fail: true });
    await world.settle();

    expect(world.drops).toEqual([
      expect.objectContaining({
        functionName: "charge",
        requestId,
        condition: "RetriesExhausted",
        approximateInvokeCount: 1,
        reason: "NoDestination",
      }),
    ]);
    expect(invoker.stats).toMatchObject({ discarded: 1, dropped: 1 });
    const counts = await world.stores.queues.counts(asyncInvocationQueueName("charge"), world.clock.nowMs());
    expect(counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test("a record its destination refuses is dropped and reported, and the event is done", async () => {
    const world = asyncWorld(kind);
    const { invoker } = await world.deploy({
      name: "charge",
      settings: { onSuccess: queueTarget("missing") },
    });

    await world.invokeAsync("charge", { id: "ok" });
    await world.settle();

    expect(world.drops).toEqual([
      expect.objectContaining({ condition: "Success", reason: "DestinationDeliveryFailed" }),
    ]);
    expect(invoker.stats).toMatchObject({ succeeded: 1, dropped: 1 });
    const counts = await world.stores.queues.counts(asyncInvocationQueueName("charge"), world.clock.nowMs());
    expect(counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test("an event claimed by an invoker that never finished comes back after the visibility timeout and runs", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "succeeded" });
    const settings = { onSuccess: queueTarget("succeeded") };
    const real = await world.createRunner({ name: "charge", timeoutSeconds: 3 });
    // The first invoker's process "dies" mid-invocation: its call never answers, nothing is acknowledged.
    let claimed!: () => void;
    const started = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const crashed: FunctionRunner = {
      definition: real.definition,
      environmentCount: 1,
      invoke: () => {
        claimed();
        return new Promise(() => {});
      },
      close: async () => {},
    };
    await startAsyncInvoker({
      store: world.stores.queues,
      runner: crashed,
      settings,
      clock: world.clock,
      ids: world.ids,
      account: ACCOUNT,
      region: REGION,
      wakeups: world.wakeups,
      destinations: world.destinations,
      maxConcurrency: 1,
    });
    const { requestId } = await world.invokeAsync("charge", { id: "durable" });
    await started;

    await world.deploy({ name: "charge", timeoutSeconds: 3, settings });
    await world.settle();
    // Hidden for the function's timeout plus the 60-second margin.
    await world.advance(63 * SECOND - 1);
    expect(world.observed).toEqual([]);
    await world.advance(1);

    expect(world.observed).toMatchObject([{ atMs: 63 * SECOND, requestId, outcome: "ok" }]);
    expect(await world.records("succeeded")).toMatchObject([
      { requestContext: { requestId, condition: "Success", approximateInvokeCount: 2 } },
    ]);
  });

  test("an EventBridge rule targeting the function delivers the event to its handler", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "succeeded" });
    await world.deploy({ name: "audit", handler: "echo", settings: { onSuccess: queueTarget("succeeded") } });
    await world.events.putRule({ Name: "orders", EventPattern: '{"source": ["shop.orders"]}' });
    await world.events.putTargets("orders", [
      { Id: "audit", Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:audit` },
    ]);

    const response = await world.events.putEvents([
      { Source: "shop.orders", DetailType: "OrderCreated", Detail: '{"orderId":"o-9"}' },
    ]);
    await world.settle();

    const event = {
      version: "0",
      id: (response.Entries[0] as { EventId: string }).EventId,
      "detail-type": "OrderCreated",
      source: "shop.orders",
      account: ACCOUNT,
      time: "2026-11-29T16:00:00Z",
      region: REGION,
      resources: [],
      detail: { orderId: "o-9" },
    };
    expect(world.observed).toEqual([
      expect.objectContaining({ functionName: "audit", event, outcome: "ok" }),
    ]);
    expect(await world.records("succeeded")).toMatchObject([
      { requestPayload: event, responsePayload: { received: event } },
    ]);
  });

  test("a bus destination gets the record as an event from source lambda, with the bus and function ARNs", async () => {
    const world = asyncWorld(kind);
    await world.sqs.createQueue({ QueueName: "captured" });
    await world.events.createEventBus("results");
    await world.events.putRule({
      Name: "all",
      EventBusName: "results",
      EventPattern: '{"source": ["lambda"]}',
    });
    await world.events.putTargets(
      "all",
      [{ Id: "q", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:captured` }],
      "results",
    );
    await world.deploy({
      name: "charge",
      settings: { maximumRetryAttempts: 0, onFailure: { kind: "bus", name: "results" } },
    });

    const { requestId } = await world.invokeAsync("charge", { fail: true });
    await world.settle();

    const [message] = await world.sqs.receiveMessage("captured");
    expect(JSON.parse(message?.Body ?? "null")).toMatchObject({
      "detail-type": "Lambda Function Invocation Result - Failure",
      source: "lambda",
      resources: [`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/results`, world.qualifiedArn("charge")],
      detail: { requestContext: { requestId, condition: "RetriesExhausted" } },
    });
  });

  test("a function destination is invoked asynchronously with the record as its event", async () => {
    const world = asyncWorld(kind);
    await world.deploy({ name: "audit", handler: "echo" });
    await world.deploy({ name: "charge", settings: { onSuccess: { kind: "function", name: "audit" } } });

    const { requestId } = await world.invokeAsync("charge", { id: "o-3" });
    await world.settle();

    expect(world.observed.map((call) => call.functionName)).toEqual(["charge", "audit"]);
    expect(world.observed[1]?.event).toMatchObject({
      requestContext: { requestId, condition: "Success", functionArn: world.qualifiedArn("charge") },
      responsePayload: { handled: "o-3" },
    });
    expect(world.observed[1]?.requestId).not.toBe(requestId);
  });

  test("runs at most its concurrency at once", async () => {
    const world = asyncWorld(kind);
    await world.deploy({
      name: "slow",
      timeoutSeconds: 10,
      maxConcurrency: 2,
      settings: { maximumRetryAttempts: 0 },
    });

    for (let i = 0; i < 5; i++) await world.invokeAsync("slow", { hold: true });
    await world.untilInvoked(2);
    expect(world.observed).toHaveLength(2);
    world.clock.advance(10 * SECOND);
    await world.untilInvoked(4);
    expect(world.observed.map((call) => call.atMs / SECOND)).toEqual([0, 0, 10, 10]);
    world.clock.advance(10 * SECOND);
    await world.untilInvoked(5);
    world.clock.advance(10 * SECOND);
    await world.settle();
    expect(world.drops).toHaveLength(5);
  });

  test("sleeps while its queue is empty, and wakes when an event is enqueued", async () => {
    const world = asyncWorld(kind);
    const claim = vi.spyOn(world.stores.queues, "claim");
    await world.deploy({ name: "charge" });
    await world.settle();
    const claimsWhenIdle = claim.mock.calls.length;

    await world.advance(59 * SECOND);
    expect(claim.mock.calls.length).toBe(claimsWhenIdle);
    expect(world.clock.pendingCount).toBe(1);

    await world.invokeAsync("charge", { id: "wake" });
    await world.settle();
    expect(world.observed).toMatchObject([{ atMs: 59 * SECOND, outcome: "ok" }]);
  });
});

describe("invokeAsync", () => {
  test("answers ResourceNotFound for a function without an async-invocation queue", async () => {
    const world = asyncWorld("memory");
    const refused = world.invokeAsync("ghost", {});
    await expect(refused).rejects.toThrow(ResourceNotFoundError);
    await expect(refused).rejects.toThrow(
      `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:ghost`,
    );
  });

  test("refuses a payload over 1 MB as Lambda does for the Event invocation type", async () => {
    const world = asyncWorld("memory");
    await ensureAsyncInvocationQueue(world.stores.queues, "charge", 0);
    const refused = world.invokeAsync("charge", "x".repeat(1_048_575));
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.RequestTooLarge });
    await expect(refused).rejects.toThrow(
      "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)",
    );
  });
});
