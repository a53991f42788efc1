/**
 * Test fixtures for the async invoker: one store of a given kind, SQS and EventBridge over it, in-process runners of
 * the handlers in test/fixtures/functions/async, and invokers wired to the services and to each other, all on one
 * manual clock and one QueueWakeups.
 */
import { resolve } from "node:path";
import { afterEach } from "vitest";
import { ACCOUNT, openStores, REGION } from "../bus/bus-fixtures.js";
import { createEventBusService } from "../bus/event-bus-service.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { createQueueService } from "../queues/queue-service.js";
import { QueueWakeups } from "../queues/queue-wakeups.js";
import type { AsyncDestinations } from "./async-destinations.js";
import type { AsyncInvocationRecord } from "./async-invocation-record.js";
import type { AsyncInvocationSettingsInput } from "./async-invocation-settings.js";
import { invokeAsync } from "./async-invoke.js";
import { type AsyncInvocationDrop, type AsyncInvoker, startAsyncInvoker } from "./async-invoker.js";
import { resolveFunctionDefinition } from "./function-definition.js";
import { createFunctionRunner, type FunctionRunner } from "./function-runner.js";
import type { InvocationResult } from "./invocation-result.js";
import { functionArn } from "./lambda-environment.js";

export { ACCOUNT, REGION, STORES } from "../bus/bus-fixtures.js";

/** Where the fixture handlers live. */
export const ASYNC_FIXTURES = resolve("test/fixtures/functions/async");
/** The manual clock's start. */
export const START_MS = Date.parse("2026-11-29T16:00:00.000Z");

/** One call of a runner's invoke, as the invoker made it. */
export interface ObservedInvocation {
  readonly functionName: string;
  /** Clock time of the call, relative to START_MS. */
  readonly atMs: number;
  readonly requestId: string | undefined;
  readonly event: unknown;
  /** Set once the call answers. */
  outcome?: "ok" | "error" | "throttled";
}

/** A function to deploy: its handler and settings, and its invoker's settings. */
export interface FixtureFunction {
  readonly name: string;
  /** An export of test/fixtures/functions/async/handlers.ts (default `handler`). */
  readonly handler?: "handler" | "echo";
  readonly timeoutSeconds?: number;
  readonly reservedConcurrency?: number;
  readonly settings?: AsyncInvocationSettingsInput;
  readonly maxConcurrency?: number;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store of `kind` with everything an async invocation meets around it. */
export function asyncWorld(kind: string) {
  const stores = openStores(kind);
  const clock = new ManualClock(START_MS);
  const ids = createCountingIds();
  const wakeups = new QueueWakeups(clock);
  const base = { clock, ids, account: ACCOUNT, region: REGION, wakeups };
  const sqs = createQueueService({ ...base, store: stores.queues });
  const events = createEventBusService({
    ...base,
    queues: stores.queues,
    buses: stores.buses,
    archives: stores.archives,
  });
  const invokeContext = { ...base, store: stores.queues };
  const observed: ObservedInvocation[] = [];
  const drops: AsyncInvocationDrop[] = [];
  const errors: unknown[] = [];
  const invokers: AsyncInvoker[] = [];
  const invokedWaiters: { count: number; resolve: () => void }[] = [];
  const destinations: AsyncDestinations = {
    sendToQueue: (queue, body) => sqs.sendMessage(queue, { MessageBody: body }),
    putEvents: (entries) => events.putEvents(entries),
    invokeFunctionAsync: (name, payload) => invokeAsync(invokeContext, name, payload),
  };

  /** Records every call of the runner's invoke with its clock time, then passes it on. */
  function observe(runner: FunctionRunner): FunctionRunner {
    return {
      definition: runner.definition,
      get environmentCount() {
        return runner.environmentCount;
      },
      async invoke(event, options) {
        const call: ObservedInvocation = {
          functionName: runner.definition.name,
          atMs: clock.nowMs() - START_MS,
          requestId: options?.requestId,
          event,
        };
        observed.push(call);
        for (const waiter of invokedWaiters.filter((w) => observed.length >= w.count)) waiter.resolve();
        const result: InvocationResult = await runner.invoke(event, options);
        call.outcome = result.ok ? "ok" : result.throttled ? "throttled" : "error";
        return result;
      },
      close: () => runner.close(),
    };
  }

  /** An in-process runner of a fixture handler, its module loaded (a warm environment). */
  async function createRunner(fn: FixtureFunction): Promise<FunctionRunner> {
    const definition = resolveFunctionDefinition({
      name: fn.name,
      handler: `handlers.${fn.handler ?? "handler"}`,
      baseDirectory: ASYNC_FIXTURES,
      ...(fn.timeoutSeconds === undefined ? {} : { timeoutSeconds: fn.timeoutSeconds }),
      ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
    });
    const runner = createFunctionRunner(definition, {
      mode: "in-process",
      clock,
      ids: createCountingIds(),
      account: ACCOUNT,
      region: REGION,
      onStrayLog: () => {},
    });
    cleanups.push(() => runner.close());
    // Loads the module before the clock moves: a manual clock would otherwise run into the 10-second init limit.
    await runner.invoke({ id: "warm-up" });
    return runner;
  }

  return {
    stores,
    clock,
    ids,
    wakeups,
    sqs,
    events,
    invokeContext,
    destinations,
    observed,
    drops,
    errors,
    invokers,
    observe,
    createRunner,

    /** Creates the function's runner and starts its invoker. */
    async deploy(fn: FixtureFunction) {
      const runner = await createRunner(fn);
      const invoker = await startAsyncInvoker({
        store: stores.queues,
        runner: observe(runner),
        settings: fn.settings ?? {},
        ...base,
        destinations,
        ...(fn.maxConcurrency === undefined ? {} : { maxConcurrency: fn.maxConcurrency }),
        onDrop: (drop) => drops.push(drop),
        onError: (error) => errors.push(error),
      });
      invokers.push(invoker);
      cleanups.push(() => invoker.stop());
      return { runner, invoker };
    },

    /** Invoke with InvocationType Event. */
    invokeAsync: (functionName: string, payload: unknown) =>
      invokeAsync(invokeContext, functionName, payload),

    /** Resolves once every invoker is idle at the same moment (records sent to functions start more work). */
    async settle(): Promise<void> {
      for (;;) {
        await Promise.all(invokers.map((invoker) => invoker.whenIdle()));
        if (invokers.every((invoker) => invoker.idle)) return;
      }
    },

    /**
     * Resolves once the runners have been called `count` times in all, and one turn of the event loop later: by
     * then the calls have reached their handlers and armed their timeouts on the clock.
     */
    async untilInvoked(count: number): Promise<void> {
      if (observed.length < count)
        await new Promise<void>((resolve) => invokedWaiters.push({ count, resolve }));
      await new Promise((resolve) => setImmediate(resolve));
    },

    /** Moves the clock and lets every invoker finish what that made due. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await this.settle();
    },

    /** The invocation records in a queue, oldest first (received and deleted). */
    async records(queue: string): Promise<AsyncInvocationRecord[]> {
      const bodies: string[] = [];
      for (;;) {
        const messages = await sqs.receiveMessage(queue, { MaxNumberOfMessages: 10 });
        if (messages.length === 0) break;
        for (const message of messages) {
          bodies.push(message.Body);
          await sqs.deleteMessage(queue, message.ReceiptHandle);
        }
      }
      return bodies.map((body) => JSON.parse(body) as AsyncInvocationRecord);
    },

    /** The function's ARN as its records name it. */
    qualifiedArn: (name: string) => `${functionArn(base, name)}:$LATEST`,
  };
}
