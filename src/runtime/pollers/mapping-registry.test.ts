import { afterEach, describe, expect, test } from "vitest";
import { ErrorCode, ValidationError } from "../../core/errors.js";
import type { FunctionSettingsStore } from "../../store/function-settings-store.js";
import { createMemoryFunctionSettingsStore } from "../../store/memory/memory-function-settings-store.js";
import type { FunctionRunner } from "../functions/index.js";
import { createCountingIds } from "../ids.js";
import {
  ACCOUNT,
  type Harness,
  openHarness,
  REGION,
  START_MS,
  STORES,
  until,
} from "./fixtures/poller-harness.js";
import {
  EventSourceMappingConflictError,
  EventSourceMappingInUseError,
  EventSourceMappingNotFoundError,
  InvalidEventSourceMappingError,
  MappedFunctionNotFoundError,
} from "./mapping-errors.js";
import { createEventSourceMappingRegistry, type EventSourceMappingRegistry } from "./mapping-registry.js";

const open: { harness: Harness; registry: EventSourceMappingRegistry }[] = [];
afterEach(async () => {
  for (const { harness, registry } of open.splice(0)) {
    await registry.stop();
    await harness.close();
  }
});

async function failureOf(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe.each(Object.keys(STORES))("the event source mapping registry on the %s store", (kind) => {
  async function setup(store: FunctionSettingsStore = createMemoryFunctionSettingsStore()) {
    const harness = openHarness(kind);
    const runners = new Map<string, FunctionRunner>();
    for (const name of ["orders-fn", "audit-fn"])
      runners.set(
        name,
        harness.runner(name, () => null),
      );
    const registry = createEventSourceMappingRegistry({
      queues: harness.sqs,
      store,
      waits: harness.waits,
      runners: (name) => runners.get(name),
      clock: harness.clock,
      ids: createCountingIds(),
      account: ACCOUNT,
      region: REGION,
      onInvocation: (report) => harness.reports.push(report),
      onError: (error) => harness.errors.push(error),
    });
    open.push({ harness, registry });
    await harness.sqs.createQueue({ QueueName: "orders" });
    await harness.sqs.createQueue({ QueueName: "orders.fifo", Attributes: { FifoQueue: "true" } });
    return { harness, registry, store };
  }

  test("creates a mapping as Lambda answers it (State Creating), which then polls (State Enabled)", async () => {
    const { harness, registry } = await setup();
    const created = await registry.create({
      queue: "orders",
      function: "orders-fn",
      batchSize: 50,
      maximumBatchingWindowSeconds: 2,
      maximumConcurrency: 4,
      filterPatterns: ['{"body": {"type": ["order"]}}'],
      reportBatchItemFailures: true,
    });
    expect(created).toEqual({
      UUID: "m-1",
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn`,
      LastModified: START_MS / 1000,
      State: "Creating",
      StateTransitionReason: "USER_INITIATED",
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      FilterCriteria: { Filters: [{ Pattern: '{"body": {"type": ["order"]}}' }] },
      ScalingConfig: { MaximumConcurrency: 4 },
      EventSourceMappingArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:m-1`,
    });
    expect(registry.get("m-1").State).toBe("Enabled");
    await harness.sqs.sendMessage("orders", { MessageBody: '{"type":"order"}' });
    await harness.idle("orders");
    await harness.advance(2_000);
    await until(() => harness.reports.length === 1, "the invocation");
  });

  test("a mapping created disabled answers State Disabled and does not poll", async () => {
    const { harness, registry } = await setup();
    const created = await registry.create({ queue: "orders", function: "orders-fn", enabled: false });
    expect(created.State).toBe("Disabled");
    expect(created.FunctionResponseTypes).toEqual([]);
    expect(created).not.toHaveProperty("FilterCriteria");
    expect(created).not.toHaveProperty("ScalingConfig");
    expect(registry.mapping(created.UUID).pollers).toBe(0);
    expect(harness.wakeups.sleeping("orders")).toBe(0);
  });

  test("refuses a second mapping of the same queue and function with Lambda's ResourceConflictException", async () => {
    const { registry } = await setup();
    const first = await registry.create({ queue: "orders", function: "orders-fn" });
    const error = await failureOf(registry.create({ queue: "orders", function: "orders-fn", batchSize: 5 }));
    expect(error).toBeInstanceOf(EventSourceMappingConflictError);
    expect((error as Error).message).toBe(
      `An event source mapping with SQS arn (" arn:aws:sqs:${REGION}:${ACCOUNT}:orders ") and function ` +
        `(" orders-fn ") already exists. Please update or delete the existing mapping with UUID ${first.UUID}`,
    );
    // Another function on the same queue is a different mapping.
    await registry.create({ queue: "orders", function: "audit-fn" });
    expect(registry.list().map((mapping) => mapping.UUID)).toHaveLength(2);
  });

  test("refuses what Lambda refuses, in its words, and keeps nothing of it", async () => {
    const { registry } = await setup();
    const noFunction = await failureOf(registry.create({ queue: "orders", function: "missing-fn" }));
    expect(noFunction).toBeInstanceOf(MappedFunctionNotFoundError);
    expect((noFunction as Error).message).toBe(
      `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:missing-fn`,
    );
    const noQueue = await failureOf(registry.create({ queue: "missing", function: "orders-fn" }));
    expect(noQueue).toBeInstanceOf(InvalidEventSourceMappingError);
    expect((noQueue as Error).message).toContain("AWS.SimpleQueueService.NonExistentQueue");
    const fifoWindow = await failureOf(
      registry.create({ queue: "orders.fifo", function: "orders-fn", maximumBatchingWindowSeconds: 1 }),
    );
    expect((fifoWindow as Error).message).toBe("Batching window is not supported for FIFO queues");
    const badFilter = await failureOf(
      registry.create({ queue: "orders", function: "orders-fn", filterPatterns: ['{"body": "plain"}'] }),
    );
    expect(badFilter).toMatchObject({
      code: ErrorCode.InvalidParameterValue,
      message: "Invalid filter pattern definition.",
    });
    const range = await failureOf(registry.create({ queue: "orders", function: "orders-fn", batchSize: 0 }));
    expect(range).toBeInstanceOf(ValidationError);
    expect(registry.list()).toEqual([]);
    // The refused creates left no mapping behind, so the pair is free.
    await registry.create({ queue: "orders.fifo", function: "orders-fn" });
  });

  test("lists mappings by queue and by function", async () => {
    const { registry } = await setup();
    await registry.create({ queue: "orders", function: "orders-fn" });
    await registry.create({ queue: "orders", function: "audit-fn" });
    await registry.create({ queue: "orders.fifo", function: "orders-fn" });
    expect(registry.list({ queue: "orders" }).map((mapping) => mapping.FunctionArn)).toEqual([
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:audit-fn`,
    ]);
    expect(registry.list({ function: "orders-fn" }).map((mapping) => mapping.EventSourceArn)).toEqual([
      `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
      `arn:aws:sqs:${REGION}:${ACCOUNT}:orders.fifo`,
    ]);
    expect(registry.list({ queue: "orders.fifo", function: "audit-fn" })).toEqual([]);
  });

  test("updates answer Updating, Disabling or Enabling and are applied in the background", async () => {
    const { harness, registry } = await setup();
    const { UUID } = await registry.create({ queue: "orders", function: "orders-fn" });
    harness.clock.advance(1_500);
    const updated = await registry.update(UUID, { batchSize: 5, reportBatchItemFailures: true });
    expect(updated).toMatchObject({
      State: "Updating",
      BatchSize: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      LastModified: (START_MS + 1_500) / 1000,
    });
    await registry.settled();
    expect(registry.get(UUID).State).toBe("Enabled");

    expect((await registry.update(UUID, { enabled: false })).State).toBe("Disabling");
    await registry.settled();
    expect(registry.get(UUID).State).toBe("Disabled");
    expect(registry.mapping(UUID).pollers).toBe(0);

    expect((await registry.update(UUID, { enabled: true, maximumConcurrency: 3 })).State).toBe("Enabling");
    await registry.settled();
    expect(registry.get(UUID)).toMatchObject({ State: "Enabled", ScalingConfig: { MaximumConcurrency: 3 } });
    expect((await registry.update(UUID, { maximumConcurrency: null })).ScalingConfig).toBeUndefined();

    const refused = await failureOf(registry.update(UUID, { batchSize: 11 }));
    expect((refused as Error).message).toBe(
      "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
    );
    expect(registry.get(UUID).BatchSize).toBe(5);
  });

  test("an update to another function moves the mapping, and is refused if that pair exists", async () => {
    const { harness, registry } = await setup();
    const { UUID } = await registry.create({ queue: "orders", function: "orders-fn" });
    const moved = await registry.update(UUID, { function: "audit-fn" });
    expect(moved.FunctionArn).toBe(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:audit-fn`);
    await registry.settled();
    await harness.sqs.sendMessage("orders", { MessageBody: "to audit" });
    await until(() => harness.reports.length === 1, "the invocation");
    expect(harness.reports[0]?.functionName).toBe("audit-fn");
    expect(harness.events.get("orders-fn")).toBeUndefined();

    const other = await registry.create({ queue: "orders", function: "orders-fn" });
    const conflict = await failureOf(registry.update(other.UUID, { function: "audit-fn" }));
    expect(conflict).toBeInstanceOf(EventSourceMappingConflictError);
  });

  test("a delete answers Deleting; once its pollers stop the UUID is unknown", async () => {
    const { harness, registry } = await setup();
    const { UUID } = await registry.create({ queue: "orders", function: "orders-fn" });
    await harness.idle("orders");
    expect((await registry.delete(UUID)).State).toBe("Deleting");
    expect(registry.get(UUID).State).toBe("Deleting");
    expect(await failureOf(registry.update(UUID, { batchSize: 1 }))).toBeInstanceOf(
      EventSourceMappingInUseError,
    );
    expect(await failureOf(() => registry.delete(UUID))).toBeInstanceOf(EventSourceMappingInUseError);
    await registry.settled();
    expect(harness.wakeups.sleeping("orders")).toBe(0);
    expect(await failureOf(() => registry.get(UUID))).toBeInstanceOf(EventSourceMappingNotFoundError);
    const error = await failureOf(registry.update(UUID, { batchSize: 1 }));
    expect(error).toMatchObject({
      code: ErrorCode.ResourceNotFound,
      message: "The resource you requested does not exist.",
    });
    // The pair is free again.
    await registry.create({ queue: "orders", function: "orders-fn" });
  });

  test("every create, update and delete is on record when it answers, an app's declaration with it", async () => {
    const { registry, store } = await setup();
    const made = await registry.create({ queue: "orders", function: "orders-fn", batchSize: 5 });
    const declared = await registry.create({ queue: "orders", function: "audit-fn", declaredByApp: true });
    const settings = {
      batchSize: 5,
      maximumBatchingWindowSeconds: 0,
      enabled: true,
      filterPatterns: [],
      reportBatchItemFailures: false,
    };
    expect(await store.listEventSourceMappings()).toEqual([
      { uuid: made.UUID, queueName: "orders", functionName: "orders-fn", settings, lastModifiedMs: START_MS },
      {
        uuid: declared.UUID,
        queueName: "orders",
        functionName: "audit-fn",
        settings: { ...settings, batchSize: 10 },
        lastModifiedMs: START_MS,
        declared: { queueName: "orders", functionName: "audit-fn", settings: { ...settings, batchSize: 10 } },
      },
    ]);
    await registry.update(declared.UUID, { enabled: false, maximumConcurrency: 3 });
    await registry.delete(made.UUID);
    const [record, ...others] = await store.listEventSourceMappings();
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      uuid: declared.UUID,
      settings: { ...settings, batchSize: 10, enabled: false, maximumConcurrency: 3 },
      declared: { settings: { ...settings, batchSize: 10 } },
    });
  });

  test("a recorded mapping runs again under its UUID, as recorded, and writes nothing", async () => {
    const first = await setup();
    const { UUID } = await first.registry.create({
      queue: "orders",
      function: "orders-fn",
      enabled: false,
      reportBatchItemFailures: true,
    });
    const [record] = await first.store.listEventSourceMappings();
    if (record === undefined) throw new Error("the mapping is not on record");
    const second = await setup();
    const restored = await second.registry.restore(record);
    expect(restored).toEqual({ ...(await first.registry.get(UUID)), State: "Disabled" });
    expect(await second.store.listEventSourceMappings()).toEqual([]);
    const duplicate = await failureOf(second.registry.create({ queue: "orders", function: "orders-fn" }));
    expect(duplicate).toBeInstanceOf(EventSourceMappingConflictError);
    expect(second.registry.list().map((mapping) => mapping.UUID)).toEqual([UUID]);
  });

  test("a recorded mapping whose queue is gone runs anyway, and takes up a queue of that name once it exists", async () => {
    const { harness, registry } = await setup();
    const restored = await registry.restore({
      uuid: "u-gone",
      queueName: "gone",
      functionName: "orders-fn",
      settings: {
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        enabled: true,
        filterPatterns: [],
        reportBatchItemFailures: false,
      },
      lastModifiedMs: START_MS,
    });
    expect(restored).toMatchObject({ UUID: "u-gone", State: "Enabled" });
    // Its poller met the missing queue and backs off; past the longest back-off it has looked again.
    await harness.advance(1_000);
    expect(harness.errors).toContainEqual(expect.objectContaining({ code: ErrorCode.QueueDoesNotExist }));
    await harness.sqs.createQueue({ QueueName: "gone" });
    await harness.sqs.sendMessage("gone", { MessageBody: "back" });
    await harness.advance(20_000);
    await until(() => harness.reports.length === 1, "the invocation once the queue exists");
    expect(harness.reports[0]?.functionName).toBe("orders-fn");
  });
});
