import { ValidationError } from "../../core/errors.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import { FifoGate } from "./fifo-gate.js";
import type { FunctionDefinition } from "./function-definition.js";
import { InProcessEngine } from "./in-process-engine.js";
import type { InvocationEngine } from "./invocation-engine.js";
import type { InvocationResult } from "./invocation-result.js";
import { WorkerPool } from "./worker-pool.js";

/** Where handlers run: worker threads (isolated, stoppable), or the runner's own thread (fast tests). */
export type FunctionRunnerMode = "worker" | "in-process";

/** The runner's defaults. */
export const RUNNER_DEFAULTS = Object.freeze({
  /** Execution environments per function, at most: reserved concurrency can only lower it. */
  maxWorkers: 4,
});

/** What a runner runs on. */
export interface FunctionRunnerOptions {
  readonly mode: FunctionRunnerMode;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  /** At most this many invocations run at once (default RUNNER_DEFAULTS.maxWorkers); the rest wait in order. */
  readonly maxWorkers?: number;
  /**
   * Variables the platform gives every execution environment beneath the function's own, such as
   * credentials or AWS_ENDPOINT_URL for the AWS SDK (worker mode only).
   */
  readonly platformEnvironment?: Readonly<Record<string, string>>;
  /**
   * Log events that belong to no invocation: written by a handler after its invocation ended, in an
   * environment that then ended before another invocation could show them. Default: the host's console.
   */
  readonly onStrayLog?: (line: string) => void;
}

/** Per-invocation choices. */
export interface InvokeOptions {
  /** The invocation's request id (default: a new UUID from the runner's IdSource). */
  readonly requestId?: string;
  /** An earlier deadline than the function's timeout allows, on the runner's clock. */
  readonly deadlineMs?: number;
  /**
   * Throttle instead of waiting when the function's reserved concurrency is in use, as a synchronous
   * Invoke is throttled. By default an invocation waits for its turn, in order.
   */
  readonly throttleAtReservedConcurrency?: boolean;
}

/** A function's runner: invokes its handler with Lambda's semantics. */
export interface FunctionRunner {
  readonly definition: FunctionDefinition;
  /** Execution environments alive now (worker threads, or 1 once the in-process handler loaded). */
  readonly environmentCount: number;
  /**
   * Runs the handler once with `event` (sent as JSON, as Lambda sends it; undefined sends `{}`; a
   * SerializedEvent is sent as the JSON text it holds). Resolves
   * with the result, the error Lambda would report, or a throttle; rejects only for an event that is not
   * JSON or a runner that is closing.
   */
  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationResult>;
  /** Stops taking invocations, lets queued and running ones finish (each within its timeout), then ends every environment. */
  close(): Promise<void>;
}

/**
 * Creates the runner of one function.
 * @example
 * const runner = createFunctionRunner(resolveFunctionDefinition({ name: "place-order", handler: "orders.place", baseDirectory: "dist" }), {
 *   mode: "worker", clock: createSystemClock(), ids: createRandomIds(), account: "000000000000", region: "us-east-1",
 * });
 * const result = await runner.invoke({ orderId: "o-1" });
 * if (result.ok) console.log(result.payload); else if (!result.throttled) console.log(result.error.errorType);
 */
export function createFunctionRunner(
  definition: FunctionDefinition,
  options: FunctionRunnerOptions,
): FunctionRunner {
  const maxWorkers = options.maxWorkers ?? RUNNER_DEFAULTS.maxWorkers;
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new ValidationError(`maxWorkers must be a whole number of at least 1; got ${maxWorkers}.`, {
      maxWorkers,
    });
  }
  const settings = {
    definition,
    clock: options.clock,
    ids: options.ids,
    placement: { account: options.account, region: options.region },
    platformEnvironment: options.platformEnvironment ?? {},
    onStrayLog: options.onStrayLog ?? ((line: string) => console.log(line)),
  };
  const engine: InvocationEngine =
    options.mode === "worker" ? new WorkerPool(settings) : new InProcessEngine(settings);
  const reserved = definition.reservedConcurrency;
  const gate = new FifoGate(Math.min(reserved ?? maxWorkers, maxWorkers));
  let closing: Promise<void> | undefined;

  return {
    definition,
    get environmentCount() {
      return engine.environmentCount;
    },
    async invoke(event, invokeOptions = {}) {
      if (closing !== undefined) throw new Error(`The runner of function ${definition.name} is closed.`);
      const requestId = invokeOptions.requestId ?? options.ids.messageId();
      const atReservedConcurrency =
        reserved === 0 ||
        (invokeOptions.throttleAtReservedConcurrency === true &&
          reserved !== undefined &&
          gate.inFlight >= reserved);
      if (atReservedConcurrency) {
        return {
          ok: false,
          throttled: true,
          requestId,
          reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
        };
      }
      const eventJson = serializeEvent(event);
      await gate.acquire();
      try {
        return await engine.run({ requestId, eventJson, deadlineMs: invokeOptions.deadlineMs });
      } finally {
        gate.release();
      }
    },
    close() {
      closing ??= gate.whenIdle().then(() => engine.close());
      return closing;
    },
  };
}

/**
 * An event its caller has already written as JSON text (a mapping builds its batch's text from each record's,
 * which it wrote to measure the batch against Lambda's payload limit): sent as it is, not serialized again.
 */
export class SerializedEvent {
  constructor(readonly json: string) {}
}

/** The event as Lambda passes it: JSON text (no payload at all is `{}`). */
function serializeEvent(event: unknown): string {
  if (event instanceof SerializedEvent) return event.json;
  let json: string | undefined;
  try {
    json = JSON.stringify(event === undefined ? {} : event);
  } catch (error) {
    throw new ValidationError(`Could not parse request body into json: ${String(error)}`);
  }
  if (json === undefined)
    throw new ValidationError(`Could not parse request body into json: ${typeof event}`);
  return json;
}
