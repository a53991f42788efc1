import { QueueDoesNotExistError } from "../../core/errors.js";
import { isFifoQueueName } from "../../core/queues/index.js";
import type { Clock } from "../clock.js";
import type { FunctionRunner } from "../functions/index.js";
import { oneAtATime } from "../one-at-a-time.js";
import { InvalidEventSourceMappingError } from "./mapping-errors.js";
import {
  changeMappingSettings,
  checkQueueKind,
  type MappingSettings,
  type MappingSettingsChange,
  type MappingSettingsInput,
  resolveMappingSettings,
} from "./mapping-settings.js";
import {
  emptyStats,
  type MappingListeners,
  type MappingQueueService,
  type MappingStats,
  type PollerContext,
} from "./poller-context.js";
import { PollerPool } from "./poller-pool.js";
import type { QueueWaits } from "./queue-waits.js";

/** Lambda's event source mapping states (API_EventSourceMappingConfiguration, State). */
export const EventSourceMappingState = {
  Creating: "Creating",
  Enabling: "Enabling",
  Enabled: "Enabled",
  Disabling: "Disabling",
  Disabled: "Disabled",
  Updating: "Updating",
  Deleting: "Deleting",
} as const;
export type EventSourceMappingState = (typeof EventSourceMappingState)[keyof typeof EventSourceMappingState];

/** What a mapping polls, what it invokes, and how. */
export interface EventSourceMappingOptions extends MappingSettingsInput, MappingListeners {
  readonly queues: MappingQueueService;
  /** The waits of the same queue service (`createQueueWaits`). */
  readonly waits: QueueWaits;
  readonly runner: FunctionRunner;
  readonly queueName: string;
  readonly clock: Clock;
  /** The Region records name (`awsRegion`). */
  readonly region: string;
  /** The mapping's UUID, for reports. */
  readonly uuid?: string;
}

/** A queue → function mapping: its pollers, settings and counters. */
export interface EventSourceMapping {
  readonly uuid: string | undefined;
  readonly queueName: string;
  readonly functionName: string;
  /** Lambda's State: Creating until started, Enabled or Disabled, a transition while one is under way. */
  readonly state: EventSourceMappingState;
  readonly settings: MappingSettings;
  readonly stats: Readonly<MappingStats>;
  /** Pollers running now: 0 when idle-disabled or stopped, 1 waiting on an empty queue, more with a backlog. */
  readonly pollers: number;
  /**
   * Checks the queue (it must exist; a FIFO queue takes no batching window and at most 10 records a batch) and, if
   * the mapping is enabled, starts polling. Rejects with Lambda's InvalidParameterValueException otherwise.
   * `queueMayBeMissing` (a mapping on record, started again) skips the existence check: as on AWS, a mapping whose
   * queue was deleted keeps polling, with errors, and takes up a queue of that name once it exists again.
   */
  start(options?: { readonly queueMayBeMissing?: boolean }): Promise<void>;
  /** Stops polling: in-flight invocations finish and are settled, waits end at once, unprocessed messages go back. */
  stop(): Promise<void>;
  /** Applies a change (UpdateEventSourceMapping); pollers pick it up at their next batch, Enabled starts or stops them. */
  update(change: MappingSettingsChange): Promise<void>;
}

/**
 * Creates an SQS event source mapping with Lambda's semantics: batches as Lambda builds them (`toSqsRecord`), its
 * batching window, 6 MB payload limit, filter criteria, partial batch responses and scaling. Redrive and dead-letter
 * queues stay the queue's business: failed messages simply return.
 * @example
 * const mapping = createEventSourceMapping({
 *   queues, waits: createQueueWaits(wakeups, store), runner, queueName: "orders", clock, region: "us-east-1",
 *   batchSize: 10, reportBatchItemFailures: true,
 * });
 * await mapping.start();
 * // …
 * await mapping.stop();
 */
export function createEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  return new SqsEventSourceMapping(options);
}

class SqsEventSourceMapping implements EventSourceMapping {
  private current: MappingSettings;
  private phase: "new" | "started" | "stopped" = "new";
  private transition: EventSourceMappingState | undefined;
  private readonly counters = emptyStats();
  private readonly fifo: boolean;
  private run: { readonly pool: PollerPool; readonly controller: AbortController } | undefined;
  /** Start, stop and update run one at a time. */
  private readonly serially = oneAtATime();

  constructor(private readonly options: EventSourceMappingOptions) {
    this.current = resolveMappingSettings(options);
    this.fifo = isFifoQueueName(options.queueName);
  }

  get uuid(): string | undefined {
    return this.options.uuid;
  }

  get queueName(): string {
    return this.options.queueName;
  }

  get functionName(): string {
    return this.options.runner.definition.name;
  }

  get settings(): MappingSettings {
    return this.current;
  }

  get stats(): Readonly<MappingStats> {
    return { ...this.counters };
  }

  get pollers(): number {
    return this.run?.pool.size ?? 0;
  }

  get state(): EventSourceMappingState {
    if (this.transition !== undefined) return this.transition;
    if (this.phase === "new" && this.current.enabled) return EventSourceMappingState.Creating;
    return this.phase === "started" && this.current.enabled
      ? EventSourceMappingState.Enabled
      : EventSourceMappingState.Disabled;
  }

  start(options: { readonly queueMayBeMissing?: boolean } = {}): Promise<void> {
    return this.serially(async () => {
      if (this.phase === "started") return;
      if (options.queueMayBeMissing === true) checkQueueKind(this.current, this.fifo);
      else await this.checkQueue(this.current);
      this.phase = "started";
      if (this.current.enabled) this.startPollers();
    });
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      this.phase = "stopped";
      await this.stopPollers();
    });
  }

  update(change: MappingSettingsChange): Promise<void> {
    return this.serially(async () => {
      const next = changeMappingSettings(this.current, change);
      checkQueueKind(next, this.fifo);
      const was = this.current.enabled;
      this.transition =
        was === next.enabled
          ? EventSourceMappingState.Updating
          : next.enabled
            ? EventSourceMappingState.Enabling
            : EventSourceMappingState.Disabling;
      try {
        this.current = next;
        if (this.phase !== "started") return;
        if (was && !next.enabled) await this.stopPollers();
        if (!was && next.enabled) this.startPollers();
      } finally {
        this.transition = undefined;
      }
    });
  }

  /** One operation at a time, in order; a failed one does not stop the next. */
  private async checkQueue(settings: MappingSettings): Promise<void> {
    try {
      await this.options.queues.getQueueAttributes(this.options.queueName, ["QueueArn"]);
    } catch (error) {
      if (!(error instanceof QueueDoesNotExistError)) throw error;
      // Lambda's answer to a mapping of a queue it cannot read, as deployments report it.
      throw new InvalidEventSourceMappingError(
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. " +
          "SQS Error Message: The specified queue does not exist or you do not have access to it.",
        { queue: this.options.queueName },
      );
    }
    checkQueueKind(settings, this.fifo);
  }

  private startPollers(): void {
    if (this.run !== undefined) return;
    const controller = new AbortController();
    const { options } = this;
    const context: PollerContext = {
      queues: options.queues,
      waits: options.waits,
      runner: options.runner,
      clock: options.clock,
      uuid: options.uuid,
      queueName: options.queueName,
      source: { queueArn: options.queues.queueArn(options.queueName), region: options.region },
      settings: () => this.current,
      signal: controller.signal,
      listeners: {
        onInvocation: options.onInvocation ?? (() => {}),
        onFilteredOut:
          options.onFilteredOut ??
          ((ids, queue) =>
            console.info(
              `event source mapping ${queue} → ${this.functionName}: deleted ${ids.length} message(s) no filter matched: ${ids.join(", ")}`,
            )),
        onError:
          options.onError ??
          ((error, activity) =>
            console.error(
              `event source mapping ${options.queueName} → ${this.functionName} (${activity}):`,
              error,
            )),
      },
      stats: this.counters,
    };
    const pool = new PollerPool(context);
    this.run = { pool, controller };
    pool.start();
  }

  private async stopPollers(): Promise<void> {
    const run = this.run;
    if (run === undefined) return;
    this.run = undefined;
    run.controller.abort();
    await run.pool.stopped();
  }
}
