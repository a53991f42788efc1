import { BatchCollector, type CollectedBatch } from "./batch-collector.js";
import { processBatch } from "./batch-processor.js";
import { POLLER_LIMITS } from "./mapping-settings.js";
import { type PollerContext, pause, waitForMessages } from "./poller-context.js";

/** How long a poller waits after a failed receive before it tries again, doubling up to the longest. */
const ERROR_RETRY = Object.freeze({ firstDelayMs: 1_000, longestDelayMs: 20_000 });

/**
 * One run of a mapping's pollers. A poller receives a batch, invokes the function with it and settles it, again and
 * again. Pollers scale with the backlog: one whose batch filled up starts another, up to the concurrency limit
 * (ScalingConfig.MaximumConcurrency, else `POLLER_LIMITS.defaultConcurrency`, never above the function's reserved
 * concurrency). When the queue has nothing, the surplus pollers end and the last one waits for messages (QueueWaits,
 * at most 20 seconds before it looks again): no busy loop, one waiter.
 */
export class PollerPool {
  private pollers = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly context: PollerContext) {}

  /** Pollers running now. */
  get size(): number {
    return this.pollers;
  }

  /** Starts the first poller. */
  start(): void {
    if (this.pollers === 0) this.spawn();
  }

  /**
   * Resolves when every poller has ended, after the run's signal was aborted: in-flight invocations finish and are
   * settled; waits end at once (the queue is notified); what pollers hold unprocessed is given back.
   */
  async stopped(): Promise<void> {
    this.context.waits.notify(this.context.queueName);
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private limit(): number {
    const { maximumConcurrency } = this.context.settings();
    const reserved = this.context.runner.definition.reservedConcurrency;
    const limit = Math.min(maximumConcurrency ?? POLLER_LIMITS.defaultConcurrency, reserved ?? Infinity);
    // A function reserving 0 still gets one poller: Lambda receives, is throttled, and the messages return (and
    // count towards maxReceiveCount), as they do on AWS.
    return Math.max(1, limit);
  }

  private spawn(): void {
    this.pollers++;
    const run: Promise<void> = this.poll().finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async poll(): Promise<void> {
    const { context } = this;
    const collector = new BatchCollector(context);
    let counted = true;
    let errorDelayMs: number = ERROR_RETRY.firstDelayMs;
    try {
      while (!context.signal.aborted) {
        const seen = context.waits.version(context.queueName);
        let batch: CollectedBatch;
        try {
          batch = await collector.next();
          errorDelayMs = ERROR_RETRY.firstDelayMs;
        } catch (error) {
          context.listeners.onError(error, "receive");
          await pause(context.clock, errorDelayMs, context.signal);
          errorDelayMs = Math.min(errorDelayMs * 2, ERROR_RETRY.longestDelayMs);
          continue;
        }
        if (batch.records.length === 0) {
          if (batch.received > 0 || context.signal.aborted) continue;
          // Counted down at once, so that two pollers finding the queue empty together cannot both leave.
          if (this.pollers > 1) {
            this.pollers--;
            counted = false;
            return;
          }
          await this.idle(seen);
          continue;
        }
        if (batch.backlog && this.pollers < this.limit()) this.spawn();
        try {
          await processBatch(context, batch.records);
        } catch (error) {
          context.listeners.onError(error, "delete");
        }
        if (this.pollers > this.limit()) {
          this.pollers--;
          counted = false;
          return;
        }
      }
    } finally {
      if (counted) this.pollers--;
      await collector.release().catch((error: unknown) => context.listeners.onError(error, "release"));
    }
  }

  private async idle(seen: number): Promise<void> {
    const { context } = this;
    try {
      await waitForMessages(context, context.clock.nowMs() + POLLER_LIMITS.longPollSeconds * 1000, seen);
    } catch (error) {
      context.listeners.onError(error, "wait");
      await pause(context.clock, ERROR_RETRY.firstDelayMs, context.signal);
    }
  }
}
