import type { ResolvedAsyncInvocation, ResourceRef } from "../../core/app/index.js";
import { ValidationError } from "../../core/errors.js";
import type { MessageRef, QueueStore, ReceiptOutcome, StoredMessage } from "../../store/queue-store.js";
import type { Clock, TimerHandle } from "../clock.js";
import type { IdSource } from "../ids.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";
import { type AsyncDestinations, deliverRecord } from "./async-destinations.js";
import {
  type ClaimedInvocation,
  claimedInvocation,
  requeueAfterThrottle,
} from "./async-invocation-message.js";
import { asyncInvocationQueueName, ensureAsyncInvocationQueue } from "./async-invocation-queue.js";
import { AsyncInvocationCondition, createInvocationRecord } from "./async-invocation-record.js";
import {
  type AsyncInvocationSettingsInput,
  functionErrorRetryDelayMs,
  resolveAsyncInvocationSettings,
  throttleRetryDelayMs,
} from "./async-invocation-settings.js";
import { type FunctionRunner, RUNNER_DEFAULTS } from "./function-runner.js";
import type { InvocationFailure, InvocationSuccess } from "./invocation-result.js";
import { FUNCTION_VERSION, functionArn } from "./lambda-environment.js";

/** The invoker's own settings (Lambda states none of these). */
export const ASYNC_INVOKER_DEFAULTS = Object.freeze({
  /**
   * A claimed event stays hidden for the function's timeout plus this (a cold start's init phase, a wait for a
   * concurrency permit); if the process ends mid-invocation, the event is visible again after it.
   */
  visibilityMarginSeconds: 60,
  /** The longest sleep while the queue looks empty: a recheck finds events enqueued by another process. */
  idleRecheckMs: 60_000,
  /** The pause after a store error before the invoker tries again. */
  errorBackoffMs: 1_000,
});

/** Why an invocation record reached no destination. */
export const AsyncDropReason = {
  /** The event was discarded and the function has no on-failure destination. */
  NoDestination: "NoDestination",
  /** The destination refused the record or could not be reached (Lambda's DestinationDeliveryFailures). */
  DestinationDeliveryFailed: "DestinationDeliveryFailed",
} as const;
/** One of the drop reasons. */
export type AsyncDropReason = (typeof AsyncDropReason)[keyof typeof AsyncDropReason];

/** An event, or its record, that no destination received: what `onDrop` is told, to count and log. */
export interface AsyncInvocationDrop {
  readonly functionName: string;
  readonly requestId: string;
  readonly condition: AsyncInvocationCondition;
  readonly approximateInvokeCount: number;
  readonly reason: AsyncDropReason;
  readonly message: string;
  readonly destination?: ResourceRef;
  readonly error?: unknown;
}

/** What an invoker has done since it started. */
export interface AsyncInvokerStats {
  /** Attempts that ran the handler. */
  invocations: number;
  succeeded: number;
  /** Function errors that will be tried again after Lambda's wait. */
  retried: number;
  /** Throttles, each tried again with backoff (not an attempt). */
  throttled: number;
  /** Events discarded for good: retries exhausted, too old, or a reserved concurrency of 0. */
  discarded: number;
  /** Records no destination received (also told to `onDrop`). */
  dropped: number;
  /** Receipts no longer this invoker's when it acted (the event's visibility ended first; it runs again). */
  staleReceipts: number;
}

/** What an async invoker runs on. */
export interface AsyncInvokerOptions {
  readonly store: QueueStore;
  readonly runner: FunctionRunner;
  /** The function whose queue to drain; the runner's function (the default) is the only one accepted. */
  readonly functionName?: string;
  readonly settings: AsyncInvocationSettingsInput;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  /** Shared with every sender to the function's queue (invokeAsync, the bus fan-out), which notify it. */
  readonly wakeups: QueueWakeups;
  readonly destinations: AsyncDestinations;
  /**
   * Events in flight at most; default min(reserved concurrency, RUNNER_DEFAULTS.maxWorkers), at least 1. Pass the
   * runner's `maxWorkers` when it was created with another.
   */
  readonly maxConcurrency?: number;
  /** Told of every record that reached no destination; logged with console.warn when absent. */
  readonly onDrop?: (drop: AsyncInvocationDrop) => void;
  /** Told of unexpected errors (a store call that failed); logged with console.error when absent. */
  readonly onError?: (error: unknown) => void;
}

/** A running async invoker: the drainer of one function's async-invocation queue. */
export interface AsyncInvoker {
  readonly functionName: string;
  readonly stats: Readonly<AsyncInvokerStats>;
  /** Nothing in flight, and sleeping until an event arrives or a retry is due. */
  readonly idle: boolean;
  /** The asynchronous invocation settings it runs with now. */
  readonly settings: ResolvedAsyncInvocation;
  /**
   * Checks and applies new settings (PutFunctionEventInvokeConfig) and returns them resolved. Every later decision
   * follows them — the next event's age check, the retry after the next error, the destination of the next record.
   */
  updateSettings(input: AsyncInvocationSettingsInput): ResolvedAsyncInvocation;
  /** Resolves once the invoker is idle (or stopped). */
  whenIdle(): Promise<void>;
  /** Stops claiming, lets the events in flight finish (each within the function's timeout), then resolves. */
  stop(): Promise<void>;
}

/**
 * Starts draining a function's async-invocation queue with Lambda's semantics: each event runs with the request
 * id it was given when enqueued; a success sends its record to the on-success destination; a function error
 * (timeouts included) is tried again after one minute, then two; a throttle is tried again with backoff
 * (1 s doubling to 5 min) without using an attempt; an event whose retries run out, that grows older than the
 * maximum event age, or that finds the reserved concurrency at 0 is discarded, its record sent to the on-failure
 * destination or, without one, dropped and reported. Events are claimed with a visibility of the function's
 * timeout plus a margin and deleted only once handled, so a process that ends mid-invocation loses none.
 * @example
 * const invoker = await startAsyncInvoker({ store, runner, settings: { maximumRetryAttempts: 1 }, clock, ids,
 *   account, region, wakeups, destinations: { sendToQueue, putEvents, invokeFunctionAsync } });
 * await invokeAsync({ store, clock, ids, wakeups, account, region }, runner.definition.name, { orderId: "o-1" });
 * await invoker.stop();
 */
export async function startAsyncInvoker(options: AsyncInvokerOptions): Promise<AsyncInvoker> {
  const functionName = options.functionName ?? options.runner.definition.name;
  if (functionName !== options.runner.definition.name) {
    throw new ValidationError(
      `The runner given runs function ${options.runner.definition.name}, not ${functionName}.`,
      { functionName, runnerFunction: options.runner.definition.name },
    );
  }
  const settings = resolveAsyncInvocationSettings(options.settings);
  const maxConcurrency = resolveMaxConcurrency(options.runner, options.maxConcurrency);
  await ensureAsyncInvocationQueue(options.store, functionName, options.clock.nowMs());
  const invoker = new QueueDrainer(options, functionName, settings, maxConcurrency);
  invoker.start();
  return invoker;
}

function resolveMaxConcurrency(runner: FunctionRunner, given: number | undefined): number {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1) {
      throw new ValidationError(`maxConcurrency must be a whole number of at least 1; got ${given}.`, {
        maxConcurrency: given,
      });
    }
    return given;
  }
  const reserved = runner.definition.reservedConcurrency;
  return Math.max(1, Math.min(reserved ?? RUNNER_DEFAULTS.maxWorkers, RUNNER_DEFAULTS.maxWorkers));
}

class QueueDrainer implements AsyncInvoker {
  readonly functionName: string;
  readonly stats: AsyncInvokerStats = {
    invocations: 0,
    succeeded: 0,
    retried: 0,
    throttled: 0,
    discarded: 0,
    dropped: 0,
    staleReceipts: 0,
  };
  readonly #options: AsyncInvokerOptions;
  #settings: ResolvedAsyncInvocation;
  readonly #maxConcurrency: number;
  readonly #queue: string;
  readonly #qualifiedArn: string;
  readonly #visibilityMs: number;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #idleWaiters: (() => void)[] = [];
  #loop: Promise<void> | undefined;
  #stopping = false;
  #stopped: Promise<void> | undefined;
  #ended = false;
  /** The sleep the loop is in: until when, and the queue's notification count when it looked. */
  #sleep: { readonly untilMs: number; readonly version: number } | undefined;
  #slotFreed: (() => void) | undefined;
  #pause: { readonly timer: TimerHandle; readonly resume: () => void } | undefined;

  constructor(
    options: AsyncInvokerOptions,
    functionName: string,
    settings: ResolvedAsyncInvocation,
    maxConcurrency: number,
  ) {
    this.#options = options;
    this.functionName = functionName;
    this.#settings = settings;
    this.#maxConcurrency = maxConcurrency;
    this.#queue = asyncInvocationQueueName(functionName);
    this.#qualifiedArn = `${functionArn(options, functionName)}:${FUNCTION_VERSION}`;
    const timeoutSeconds = options.runner.definition.timeoutSeconds;
    this.#visibilityMs = (timeoutSeconds + ASYNC_INVOKER_DEFAULTS.visibilityMarginSeconds) * 1000;
  }

  start(): void {
    this.#loop = this.#run();
  }

  get settings(): ResolvedAsyncInvocation {
    return this.#settings;
  }

  updateSettings(input: AsyncInvocationSettingsInput): ResolvedAsyncInvocation {
    this.#settings = resolveAsyncInvocationSettings(input);
    return this.#settings;
  }

  get idle(): boolean {
    if (this.#ended) return true;
    const sleep = this.#sleep;
    return (
      sleep !== undefined &&
      this.#inFlight.size === 0 &&
      this.#options.clock.nowMs() < sleep.untilMs &&
      this.#options.wakeups.version(this.#queue) === sleep.version
    );
  }

  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stopping = true;
      this.#slotFreed?.();
      if (this.#pause !== undefined) {
        this.#options.clock.cancel(this.#pause.timer);
        this.#pause.resume();
      }
      // Wakes the loop's sleep (any other sleeper on this queue looks again and sleeps on).
      this.#options.wakeups.notify(this.#queue);
      await this.#loop;
      await Promise.allSettled([...this.#inFlight]);
      this.#ended = true;
      this.#checkIdle();
    })();
    return this.#stopped;
  }

  /** Claims while there is room and something visible; otherwise sleeps until an enqueue or the next retry. */
  async #run(): Promise<void> {
    const { store, clock, ids, wakeups } = this.#options;
    while (!this.#stopping) {
      try {
        if (this.#inFlight.size >= this.#maxConcurrency) {
          await new Promise<void>((resolve) => {
            this.#slotFreed = resolve;
          });
          this.#slotFreed = undefined;
          continue;
        }
        // Read before looking, so an event enqueued while the claim runs cuts the sleep short.
        const version = wakeups.version(this.#queue);
        const nowMs = clock.nowMs();
        const { messages } = await store.claim({
          queue: this.#queue,
          nowMs,
          max: this.#maxConcurrency - this.#inFlight.size,
          hiddenUntilMs: nowMs + this.#visibilityMs,
          tokens: () => ids.token(),
        });
        for (const message of messages) this.#start(message);
        if (messages.length > 0) continue;
        const nextVisibleAtMs = await store.nextVisibleAtMs(this.#queue, clock.nowMs());
        if (this.#stopping) break;
        const sleepStartMs = clock.nowMs();
        const { idleRecheckMs } = ASYNC_INVOKER_DEFAULTS;
        const waitMs = Math.min(idleRecheckMs, (nextVisibleAtMs ?? Number.POSITIVE_INFINITY) - sleepStartMs);
        // Time moved past the next retry while the store answered: look again rather than sleep 0 ms (a manual
        // clock would not run that timer until it is next advanced).
        if (waitMs <= 0) continue;
        this.#sleep = { untilMs: sleepStartMs + waitMs, version };
        this.#checkIdle();
        await wakeups.sleep(this.#queue, waitMs, version);
        this.#sleep = undefined;
      } catch (error) {
        this.#sleep = undefined;
        this.#reportError(error);
        await this.#pauseFor(ASYNC_INVOKER_DEFAULTS.errorBackoffMs);
      }
    }
  }

  #start(message: StoredMessage): void {
    const task: Promise<void> = this.#handle(message)
      .catch((error: unknown) => this.#reportError(error))
      .finally(() => {
        this.#inFlight.delete(task);
        this.#slotFreed?.();
        this.#checkIdle();
      });
    this.#inFlight.add(task);
  }

  /** One claimed event: run it, then retry it, finish it or discard it. */
  async #handle(message: StoredMessage): Promise<void> {
    const { runner, clock } = this.#options;
    const ref: MessageRef = {
      queue: this.#queue,
      sequence: message.sequence,
      receiptToken: message.receiptToken ?? "",
    };
    const invocation = claimedInvocation(message);
    const ageLimitAtMs = invocation.enqueuedAtMs + this.#settings.maximumEventAgeSeconds * 1000;
    const reserved = runner.definition.reservedConcurrency;
    if (reserved === 0) {
      return this.#conclude(ref, invocation, AsyncInvocationCondition.ZeroReservedConcurrency, undefined);
    }
    if (clock.nowMs() >= ageLimitAtMs) {
      return this.#conclude(ref, invocation, AsyncInvocationCondition.EventAgeExceeded, undefined);
    }
    const result = await runner.invoke(invocation.payload, {
      requestId: invocation.requestId,
      // Beyond a reservation Lambda throttles an event rather than queue it at the function.
      ...(reserved === undefined ? {} : { throttleAtReservedConcurrency: true }),
    });
    const nowMs = clock.nowMs();
    if (!result.ok && result.throttled) {
      this.stats.throttled++;
      const delayMs = throttleRetryDelayMs(invocation.throttles + 1);
      if (nowMs + delayMs >= ageLimitAtMs) {
        return this.#conclude(ref, invocation, AsyncInvocationCondition.EventAgeExceeded, undefined);
      }
      // The new copy and the deletion of this one are submitted together: on SQLite one transaction.
      const [, outcome] = await Promise.all([
        this.#options.store.enqueue([
          requeueAfterThrottle(this.#queue, message, invocation, nowMs + delayMs),
        ]),
        this.#options.store.ack(ref),
      ]);
      this.#noteReceipt(outcome);
      this.#options.wakeups.notify(this.#queue);
      return;
    }
    this.stats.invocations++;
    const ran = { ...invocation, attemptsBefore: invocation.attemptsBefore + 1 };
    if (result.ok) return this.#conclude(ref, ran, AsyncInvocationCondition.Success, result);
    if (ran.attemptsBefore > this.#settings.maximumRetryAttempts) {
      return this.#conclude(ref, ran, AsyncInvocationCondition.RetriesExhausted, result);
    }
    const delayMs = functionErrorRetryDelayMs(ran.attemptsBefore);
    // Lambda looks ahead: a retry that would start past the maximum event age is not waited for; the event is
    // discarded now with this attempt's response (its validated behaviour with MaximumEventAgeInSeconds 60 and 90).
    if (nowMs + delayMs >= ageLimitAtMs) {
      return this.#conclude(ref, ran, AsyncInvocationCondition.EventAgeExceeded, result);
    }
    this.stats.retried++;
    this.#noteReceipt(await this.#options.store.changeVisibility(ref, nowMs + delayMs, nowMs));
    this.#options.wakeups.notify(this.#queue);
  }

  /**
   * Sends the record (to the on-success destination, or the on-failure one for a discarded event), then deletes
   * the event: a crash in between runs the event again rather than lose its record.
   */
  async #conclude(
    ref: MessageRef,
    invocation: ClaimedInvocation,
    condition: AsyncInvocationCondition,
    response: InvocationSuccess | InvocationFailure | undefined,
  ): Promise<void> {
    const success = condition === AsyncInvocationCondition.Success;
    if (success) this.stats.succeeded++;
    else this.stats.discarded++;
    const destination = success ? this.#settings.onSuccess : this.#settings.onFailure;
    const drop = {
      functionName: this.functionName,
      requestId: invocation.requestId,
      condition,
      approximateInvokeCount: invocation.attemptsBefore,
    };
    if (destination !== undefined) {
      const record = createInvocationRecord({
        nowMs: this.#options.clock.nowMs(),
        requestId: invocation.requestId,
        functionArn: this.#qualifiedArn,
        condition,
        approximateInvokeCount: invocation.attemptsBefore,
        requestPayload: invocation.payload,
        ...(response === undefined ? {} : { response }),
      });
      const outcome = await deliverRecord(this.#options.destinations, this.#options, destination, record);
      if (!outcome.delivered) {
        this.#drop({
          ...drop,
          reason: AsyncDropReason.DestinationDeliveryFailed,
          message: `The ${condition} record of request ${invocation.requestId} to function ${this.functionName} reached no destination: ${outcome.reason}`,
          destination,
          ...(outcome.error === undefined ? {} : { error: outcome.error }),
        });
      }
    } else if (!success) {
      this.#drop({
        ...drop,
        reason: AsyncDropReason.NoDestination,
        message: `Request ${invocation.requestId} to function ${this.functionName} was discarded (${condition}) with no on-failure destination`,
      });
    }
    this.#noteReceipt(await this.#options.store.ack(ref));
  }

  #drop(drop: AsyncInvocationDrop): void {
    this.stats.dropped++;
    if (this.#options.onDrop !== undefined) this.#options.onDrop(drop);
    else console.warn(`async invocation dropped: ${drop.message}`);
  }

  #noteReceipt(outcome: ReceiptOutcome): void {
    // "stale" / "gone" / "not-in-flight": the event's visibility ended while it ran and another claim owns it now;
    // it runs again (at-least-once, as Lambda's own queue may deliver an event twice).
    if (outcome !== "done") this.stats.staleReceipts++;
  }

  #reportError(error: unknown): void {
    if (this.#options.onError !== undefined) this.#options.onError(error);
    else console.error(`async invoker of function ${this.functionName}:`, error);
  }

  #pauseFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const resume = () => {
        this.#pause = undefined;
        resolve();
      };
      this.#pause = { timer: this.#options.clock.schedule(ms, resume), resume };
    });
  }

  #checkIdle(): void {
    if (!this.idle) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
