/**
 * The composition root: picks the defaults and wires the adapters. Nothing else opens a store.
 * @example
 * const switchyard = createSwitchyard({ dataDirectory: ".switchyard" });
 * await switchyard.queues.createQueue({ QueueName: "orders" });
 * await switchyard.close();
 */

import type { ResolvedApp, ResolvedFunction } from "./core/app/index.js";
import { type AppRuntime, type AppRuntimeOptions, startAppRuntime } from "./runtime/app/app-runtime.js";
import { startArchiveRetention } from "./runtime/bus/archive-retention.js";
import { createEventBusService, type EventBusService } from "./runtime/bus/event-bus-service.js";
import type { DeliveryFailure } from "./runtime/bus/fan-out.js";
import { type Clock, createSystemClock } from "./runtime/clock.js";
import { createRandomIds, type IdSource } from "./runtime/ids.js";
import { createQueueService, type QueueService } from "./runtime/queues/queue-service.js";
import { QueueWakeups } from "./runtime/queues/queue-wakeups.js";
import { startRetentionSweeper } from "./runtime/queues/retention-sweeper.js";
import { createSqliteStores } from "./store/sqlite/sqlite-stores.js";

/** Where and how Switchyard keeps its state, and who it is. */
export interface SwitchyardOptions {
  /** The data directory (created when missing), or ":memory:" for a throwaway store. */
  readonly dataDirectory: string;
  /** Whether every commit waits for the disk ("full") or not (the store's default, "normal"). */
  readonly durability?: "normal" | "full";
  readonly account?: string;
  readonly region?: string;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly onDeliveryFailure?: (failure: DeliveryFailure) => void;
}

/** The defaults AWS's local tools use: account 000000000000 in us-east-1. */
export const SWITCHYARD_DEFAULTS = Object.freeze({ account: "000000000000", region: "us-east-1" });

/** A function of a running app: the runtime that runs it and its definition. */
export interface RunningFunction {
  readonly runtime: AppRuntime;
  readonly definition: ResolvedFunction;
}

/** A running Switchyard: its services over one store. */
export interface Switchyard {
  readonly queues: QueueService;
  readonly events: EventBusService;
  /** Runs an app (checked by checkApp): its resources, its functions and their async invokers. */
  startApp(app: ResolvedApp, options: AppRuntimeOptions): Promise<AppRuntime>;
  /** The apps started on it and not stopped, in the order they started. */
  apps(): readonly AppRuntime[];
  /** The function of that name in the apps running now (the first app to start wins); undefined when none has it. */
  findFunction(name: string): RunningFunction | undefined;
  /** Stops every app started on it and its background work, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store and starts the services and their background work. */
export function createSwitchyard(options: SwitchyardOptions): Switchyard {
  const stores = createSqliteStores({
    dataDirectory: options.dataDirectory,
    ...(options.durability === undefined ? {} : { durability: options.durability }),
  });
  const clock = options.clock ?? createSystemClock();
  const base = {
    clock,
    ids: options.ids ?? createRandomIds(),
    account: options.account ?? SWITCHYARD_DEFAULTS.account,
    region: options.region ?? SWITCHYARD_DEFAULTS.region,
    wakeups: new QueueWakeups(clock),
  };
  const stopSweeper = startRetentionSweeper(stores.queues, clock, {
    onError: (error) => console.error("retention sweep failed:", error),
  });
  const stopArchiveRetention = startArchiveRetention(stores.archives, clock, {
    onError: (error) => console.error("archive retention sweep failed:", error),
  });
  const events = createEventBusService({
    ...base,
    queues: stores.queues,
    buses: stores.buses,
    archives: stores.archives,
    onDeliveryFailure:
      options.onDeliveryFailure ?? ((failure) => console.warn("delivery not made:", JSON.stringify(failure))),
  });
  const eventsStarted = events
    .start()
    .catch((error: unknown) => console.error("background work could not start:", error));
  const queues = createQueueService({ ...base, store: stores.queues });
  const apps: AppRuntime[] = [];
  return {
    queues,
    events,
    async startApp(app, appOptions) {
      const runtime = await startAppRuntime(
        {
          ...base,
          queueStore: stores.queues,
          functionStore: stores.functions,
          queues,
          events,
          dataDirectory: options.dataDirectory,
        },
        app,
        appOptions,
      );
      // A stopped app (switchyard dev reloads) no longer offers its functions.
      const tracked: AppRuntime = {
        ...runtime,
        stop: () => {
          const index = apps.indexOf(tracked);
          if (index >= 0) apps.splice(index, 1);
          return runtime.stop();
        },
      };
      apps.push(tracked);
      return tracked;
    },
    apps: () => [...apps],
    findFunction(name) {
      for (const runtime of apps) {
        const definition = runtime.app.functions[name];
        if (definition !== undefined) return { runtime, definition };
      }
      return undefined;
    },
    async close() {
      for (const app of apps.splice(0)) await app.stop();
      stopSweeper();
      stopArchiveRetention();
      // A close right after the open waits for the start's reads, rather than closing the store under them.
      await eventsStarted;
      await events.stop();
      await stores.close();
    },
  };
}
