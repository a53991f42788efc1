import { QUEUE_ATTRIBUTE_LIMITS } from "../../core/queues/index.js";
import { type MappingSettings, POLLER_LIMITS } from "./mapping-settings.js";
import {
  deleteRecords,
  type HeldRecord,
  type PollerContext,
  releaseRecords,
  waitForMessages,
} from "./poller-context.js";
import { EVENT_ENVELOPE_BYTES, toSqsRecord } from "./sqs-event.js";

/** A batch ready for the function, and what the receives saw. */
export interface CollectedBatch {
  readonly records: readonly HeldRecord[];
  /** Messages the receives returned, those filtered out included: 0 means the queue had nothing to give. */
  readonly received: number;
  /** The batch filled up: more may be waiting behind it, worth another poller. */
  readonly backlog: boolean;
}

/**
 * Gathers one poller's batches as Lambda does (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): receives
 * of at most 10 messages with every attribute; without a batching window, one receive makes a batch; with one, the
 * poller keeps receiving from the first record on until the batch size, the window's end or the 6 MB payload limit.
 * Messages no filter matches are deleted on the spot. Records that would take the event past 6 MB stay in hand for
 * the poller's next batch (in order, so a FIFO group keeps its order).
 */
export class BatchCollector {
  private held: HeldRecord[] = [];

  constructor(private readonly context: PollerContext) {}

  /** The next batch; empty when the receives found nothing, or found only messages the filters deleted. */
  async next(): Promise<CollectedBatch> {
    const settings = this.context.settings();
    if (settings.maximumBatchingWindowSeconds === 0) return this.nextAtOnce(settings);
    return this.nextInWindow(settings);
  }

  /** Gives back what is still in hand (ChangeMessageVisibility 0), for a poller that stops. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = [];
    await releaseRecords(this.context, held);
  }

  private async nextAtOnce(settings: MappingSettings): Promise<CollectedBatch> {
    if (this.held.length > 0) return { records: this.take(settings.batchSize), received: 0, backlog: true };
    const asked = Math.min(POLLER_LIMITS.receiveMaxMessages, settings.batchSize);
    const received = await this.receive(asked, settings, undefined);
    return { records: this.take(settings.batchSize), received, backlog: received === asked };
  }

  private async nextInWindow(settings: MappingSettings): Promise<CollectedBatch> {
    const { clock, signal, waits, queueName } = this.context;
    const windowMs = settings.maximumBatchingWindowSeconds * 1000;
    const visibilityTimeoutSeconds = await this.windowVisibility(settings);
    let windowEndsAtMs = this.held.length > 0 ? clock.nowMs() + windowMs : undefined;
    let received = 0;
    while (!this.ready(settings.batchSize) && !signal.aborted) {
      if (windowEndsAtMs !== undefined && clock.nowMs() >= windowEndsAtMs) break;
      const seen = waits.version(queueName);
      const asked = Math.min(POLLER_LIMITS.receiveMaxMessages, settings.batchSize - this.held.length);
      const got = await this.receive(asked, settings, visibilityTimeoutSeconds);
      received += got;
      if (windowEndsAtMs === undefined) {
        // The window opens with the batch's first record.
        if (this.held.length > 0) windowEndsAtMs = clock.nowMs() + windowMs;
        else if (got === 0) return { records: [], received, backlog: false };
        else continue;
      }
      if (got === 0) await waitForMessages(this.context, windowEndsAtMs, seen);
    }
    const backlog = this.held.length >= settings.batchSize;
    return { records: this.take(settings.batchSize), received, backlog };
  }

  /**
   * The VisibilityTimeout a windowed receive asks for: "If your batch window is greater than 0, and (batch window) +
   * (function timeout) > (queue visibility timeout), then your effective queue visibility timeout is (batch window) +
   * (function timeout) + 30s" (with-sqs.html, "Batch window"); undefined keeps the queue's own.
   */
  private async windowVisibility(settings: MappingSettings): Promise<number | undefined> {
    const { queues, queueName, runner } = this.context;
    const attributes = await queues.getQueueAttributes(queueName, ["VisibilityTimeout"]);
    const queueSeconds = Number(attributes.VisibilityTimeout);
    const neededSeconds = settings.maximumBatchingWindowSeconds + runner.definition.timeoutSeconds;
    if (neededSeconds <= queueSeconds) return undefined;
    return Math.min(
      neededSeconds + POLLER_LIMITS.windowVisibilityMarginSeconds,
      QUEUE_ATTRIBUTE_LIMITS.visibilityTimeoutSeconds.max,
    );
  }

  /** One short receive; returns how many messages it got, keeps those the filters pass, deletes the others. */
  private async receive(
    asked: number,
    settings: MappingSettings,
    visibilityTimeoutSeconds: number | undefined,
  ): Promise<number> {
    const context = this.context;
    const messages = await context.queues.receiveMessage(context.queueName, {
      MaxNumberOfMessages: asked,
      // A short receive: the poller does its own waiting (QueueWaits), which it can call off.
      WaitTimeSeconds: 0,
      AttributeNames: ["All"],
      MessageAttributeNames: ["All"],
      ...(visibilityTimeoutSeconds === undefined ? {} : { VisibilityTimeout: visibilityTimeoutSeconds }),
    });
    const receivedAtMs = context.clock.nowMs();
    const filteredOut: HeldRecord[] = [];
    for (const message of messages) {
      const record = toSqsRecord(message, context.source);
      const json = JSON.stringify(record);
      const held = { record, json, bytes: Buffer.byteLength(json), receivedAtMs, visibilityTimeoutSeconds };
      (settings.filter(record) ? this.held : filteredOut).push(held);
    }
    if (filteredOut.length > 0) {
      // "If a message doesn't satisfy your filter criteria, Lambda automatically removes the message from the queue"
      // (invocation-eventfiltering.html, "Properly filtering Amazon SQS messages").
      const deleted = await deleteRecords(context, filteredOut);
      context.stats.recordsFilteredOut += deleted;
      context.listeners.onFilteredOut(
        filteredOut.map((held) => held.record.messageId),
        context.queueName,
      );
    }
    return messages.length;
  }

  /** Whether what is in hand makes a batch: the batch size, or more than one event can carry. */
  private ready(batchSize: number): boolean {
    if (this.held.length >= batchSize) return true;
    let bytes = EVENT_ENVELOPE_BYTES;
    for (const [index, held] of this.held.entries()) {
      bytes += held.bytes + (index > 0 ? 1 : 0);
      if (bytes > POLLER_LIMITS.invocationPayloadMaxBytes) return true;
    }
    return false;
  }

  /** Takes the batch from what is in hand: up to the batch size and 6 MB of event, never less than one record. */
  private take(batchSize: number): HeldRecord[] {
    let bytes = EVENT_ENVELOPE_BYTES;
    let count = 0;
    for (const held of this.held) {
      if (count >= batchSize) break;
      const added = held.bytes + (count > 0 ? 1 : 0);
      if (count > 0 && bytes + added > POLLER_LIMITS.invocationPayloadMaxBytes) break;
      bytes += added;
      count++;
    }
    const batch = this.held.slice(0, count);
    this.held = this.held.slice(count);
    return batch;
  }
}
