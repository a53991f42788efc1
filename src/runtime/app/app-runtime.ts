import { resolve } from "node:path";
import type { ResolvedApp, ResolvedFunction } from "../../core/app/index.js";
import type { FunctionSettingsStore } from "../../store/function-settings-store.js";
import type { QueueStore } from "../../store/queue-store.js";
import type { EventBusService } from "../bus/event-bus-service.js";
import type { Clock } from "../clock.js";
import {
  type AsyncDestinations,
  type AsyncInvocationDrop,
  type AsyncInvokeResult,
  type AsyncInvoker,
  createFunctionRunner,
  type FunctionRunner,
  type FunctionRunnerMode,
  type InvocationResult,
  type InvokeOptions,
  invokeAsync,
  resolveFunctionDefinition,
  startAsyncInvoker,
} from "../functions/index.js";
import { DATA_DIRECTORY_VARIABLE } from "../idempotency/index.js";
import type { IdSource } from "../ids.js";
import {
  createEventSourceMappingRegistry,
  createQueueWaits,
  type EventSourceMappingRegistry,
  EventSourceMappingState,
} from "../pollers/index.js";
import type { QueueService } from "../queues/queue-service.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";
import { applyApp } from "./apply-app.js";
import {
  createEventInvokeConfigs,
  type EventInvokeConfigs,
  loadEventInvokeConfigs,
} from "./event-invoke-configs.js";
import { planMappingRestore } from "./stored-function-settings.js";

/** How often whenIdle looks again while work remains. */
const IDLE_CHECK_MS = 50;

/** What an app runs on: the store and services of one Switchyard. */
export interface AppRuntimeContext {
  readonly queueStore: QueueStore;
  /** Where mappings and event invoke configs are recorded, so a restart finds them as they were. */
  readonly functionStore: FunctionSettingsStore;
  readonly queues: QueueService;
  readonly events: EventBusService;
  readonly wakeups: QueueWakeups;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  /** The data directory, told to functions (SWITCHYARD_DATA_DIRECTORY) so idempotency records share it. */
  readonly dataDirectory: string;
}

/** How an app's functions run. */
export interface AppRuntimeOptions {
  /** Where handler paths start: the app file's folder. */
  readonly baseDirectory: string;
  /** Worker threads (default: isolated, stoppable at their timeout) or the host's own thread (fast tests). */
  readonly mode?: FunctionRunnerMode;
  /** Told of every invocation's result, its logs included (the CLI prints them). */
  readonly onInvocation?: (functionName: string, result: InvocationResult) => void;
  /** Told of every asynchronous event that reached no destination; logged when absent. */
  readonly onDrop?: (drop: AsyncInvocationDrop) => void;
}

/** A running app: its functions, their async invokers, and how to stop them. */
export interface AppRuntime {
  /** The app it runs, as checkApp resolved it. */
  readonly app: ResolvedApp;
  /** When it started, on the Switchyard's clock (what Lambda's LastModified reports for its functions). */
  readonly startedAtMs: number;
  readonly functionNames: readonly string[];
  /** The app's event source mappings, managed as Lambda's API manages them. */
  readonly mappings: EventSourceMappingRegistry;
  /** Its functions' asynchronous invocation settings, as Lambda's event invoke config API manages them. */
  readonly eventInvokeConfigs: EventInvokeConfigs;
  /** Invoke with InvocationType RequestResponse (Lambda's API passes `throttleAtReservedConcurrency`). */
  invoke(functionName: string, event: unknown, options?: InvokeOptions): Promise<InvocationResult>;
  /** Invoke with InvocationType Event: queued durably, answered 202 at once. */
  invokeAsync(functionName: string, payload: unknown): Promise<AsyncInvokeResult>;
  /** Resolves once every function's async queue and every mapped queue is drained and nothing is running. */
  whenIdle(): Promise<void>;
  /** Stops taking work, lets what runs finish, and ends every execution environment (once; later calls wait for it). */
  stop(): Promise<void>;
}

/**
 * Runs an app on a Switchyard: makes its resources exist (applyApp), starts a runner and an async invoker
 * per function (EventBridge targets and async destinations reach functions through their durable
 * async-invocation queues), and polls its event source mappings.
 */
export async function startAppRuntime(
  context: AppRuntimeContext,
  app: ResolvedApp,
  options: AppRuntimeOptions,
): Promise<AppRuntime> {
  const startedAtMs = context.clock.nowMs();
  await applyApp(context, app);
  const runners = new Map<string, FunctionRunner>();
  const invokers: AsyncInvoker[] = [];
  const asyncContext = {
    store: context.queueStore,
    clock: context.clock,
    ids: context.ids,
    wakeups: context.wakeups,
    account: context.account,
    region: context.region,
  };
  const destinations: AsyncDestinations = {
    sendToQueue: (queue, body) => context.queues.sendMessage(queue, { MessageBody: body }),
    putEvents: (entries) => context.events.putEvents(entries),
    invokeFunctionAsync: (functionName, payload) => invokeAsync(asyncContext, functionName, payload),
  };
  const mappings = createEventSourceMappingRegistry({
    queues: context.queues,
    store: context.functionStore,
    waits: createQueueWaits(context.wakeups, context.queueStore),
    runners: (name) => runners.get(name),
    clock: context.clock,
    ids: context.ids,
    account: context.account,
    region: context.region,
  });
  const functions = Object.values(app.functions);
  const configStates = await loadEventInvokeConfigs(context.functionStore, functions, startedAtMs);
  try {
    for (const fn of functions) {
      const runner = observed(createRunner(context, fn, options), options.onInvocation);
      runners.set(fn.name, runner);
      invokers.push(
        await startAsyncInvoker({
          ...asyncContext,
          runner,
          settings: configStates.get(fn.name)?.settings ?? fn.async,
          destinations,
          ...(options.onDrop === undefined ? {} : { onDrop: options.onDrop }),
        }),
      );
    }
    await restoreMappings(context, app, mappings);
  } catch (error) {
    await mappings.stop();
    await Promise.all(invokers.map((invoker) => invoker.stop()));
    await Promise.all([...runners.values()].map((runner) => runner.close()));
    throw error;
  }

  const eventInvokeConfigs = createEventInvokeConfigs({
    store: context.functionStore,
    clock: context.clock,
    functions,
    states: configStates,
    invokerOf: (name) => {
      const invoker = invokers.find((candidate) => candidate.functionName === name);
      if (invoker === undefined) throw new Error(`The app has no function ${name}.`);
      return invoker;
    },
  });
  const runnerOf = (name: string): FunctionRunner => {
    const runner = runners.get(name);
    if (runner === undefined) throw new Error(`The app has no function ${name}.`);
    return runner;
  };
  let stopping: Promise<void> | undefined;
  const queuesDrained = async () => {
    // The mappings that consume now, those made over Lambda's API included (a disabled mapping's queue may
    // keep its messages for good); a queue's name is its ARN's last part.
    const mappedQueues = new Set(
      mappings
        .list()
        .filter((mapping) => mapping.State !== EventSourceMappingState.Disabled)
        .map((mapping) => mapping.EventSourceArn.split(":").at(-1) ?? ""),
    );
    for (const queue of mappedQueues) {
      const counts = await context.queues.getQueueAttributes(queue, [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ]);
      if (Object.values(counts).some((count) => count !== "0")) return false;
    }
    return true;
  };
  return {
    app,
    startedAtMs,
    functionNames: [...runners.keys()],
    mappings,
    eventInvokeConfigs,
    invoke: (name, event, invokeOptions) => runnerOf(name).invoke(event, invokeOptions),
    invokeAsync: (name, payload) => invokeAsync(asyncContext, name, payload),
    async whenIdle() {
      // An invocation may enqueue work for another function: settle until a pass finds all idle at once.
      for (;;) {
        await Promise.all(invokers.map((invoker) => invoker.whenIdle()));
        if ((await queuesDrained()) && invokers.every((invoker) => invoker.idle)) return;
        await new Promise<void>((done) => context.clock.schedule(IDLE_CHECK_MS, done, { keepAlive: true }));
      }
    },
    stop() {
      stopping ??= (async () => {
        await mappings.stop();
        await Promise.all(invokers.map((invoker) => invoker.stop()));
        await Promise.all([...runners.values()].map((runner) => runner.close()));
      })();
      return stopping;
    },
  };
}

/**
 * Runs the app's mappings: those on record again under their UUIDs (planMappingRestore says how), the app's new
 * declarations as new mappings. A recorded mapping whose queue was deleted runs all the same (it polls with errors
 * until the queue exists again, as on AWS). One made over Lambda's API that cannot run at all (its settings are no
 * longer valid) is reported and kept on record; a declaration that cannot run fails the start, as it did before.
 */
async function restoreMappings(
  context: AppRuntimeContext,
  app: ResolvedApp,
  mappings: EventSourceMappingRegistry,
): Promise<void> {
  const store = context.functionStore;
  const plan = planMappingRestore(
    app.eventSourceMappings,
    await store.listEventSourceMappings(),
    new Set(Object.keys(app.functions)),
    context.clock.nowMs(),
  );
  for (const uuid of plan.forget) await store.deleteEventSourceMapping(uuid);
  for (const { record, changed } of plan.restore) {
    if (changed) await store.putEventSourceMapping(record);
    try {
      await mappings.restore(record);
    } catch (error) {
      if (record.declared !== undefined) throw error;
      console.warn(
        `event source mapping ${record.uuid} (${record.queueName} → ${record.functionName}) not started:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  for (const declaration of plan.create) await mappings.create({ ...declaration, declaredByApp: true });
}

function createRunner(
  context: AppRuntimeContext,
  fn: ResolvedFunction,
  options: AppRuntimeOptions,
): FunctionRunner {
  const shared: Record<string, string> =
    context.dataDirectory === ":memory:" ? {} : { [DATA_DIRECTORY_VARIABLE]: resolve(context.dataDirectory) };
  return createFunctionRunner(
    resolveFunctionDefinition({
      name: fn.name,
      handler: fn.handler.text,
      baseDirectory: options.baseDirectory,
      environment: fn.environment,
      timeoutSeconds: fn.timeoutSeconds,
      memorySizeMb: fn.memorySizeMb,
      ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
    }),
    {
      mode: options.mode ?? "worker",
      clock: context.clock,
      ids: context.ids,
      account: context.account,
      region: context.region,
      platformEnvironment: shared,
    },
  );
}

/** A runner that tells `onInvocation` of every result it gives. */
function observed(runner: FunctionRunner, onInvocation: AppRuntimeOptions["onInvocation"]): FunctionRunner {
  if (onInvocation === undefined) return runner;
  return {
    definition: runner.definition,
    get environmentCount() {
      return runner.environmentCount;
    },
    async invoke(event, invokeOptions) {
      const result = await runner.invoke(event, invokeOptions);
      onInvocation(runner.definition.name, result);
      return result;
    },
    close: () => runner.close(),
  };
}
