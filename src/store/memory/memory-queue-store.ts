import { QueueDoesNotExistError } from "../../core/errors.js";
import type {
  ClaimRequest,
  ClaimResult,
  Enqueue,
  EnqueueOutcome,
  MessageRef,
  NewMessage,
  QueueCounts,
  QueueRecord,
  QueueStore,
  ReceiptOutcome,
  StoredMessage,
} from "../queue-store.js";
import { claimCandidates, visibleOldestFirst } from "./claim-order.js";
import { DeduplicationWindow } from "./deduplication-window.js";
import { isDelayed, isExpired, isInFlight, isVisible } from "./message-state.js";

/** One queue's state: its record, its messages by sequence, and the deduplication ids it accepted. */
interface QueueState {
  record: QueueRecord;
  /** Every insert takes a fresh, larger sequence, so the map's insertion order is sequence order. */
  readonly messages: Map<number, StoredMessage>;
  readonly deduplication: DeduplicationWindow;
}

/** Compares names by code unit (not locale), as SQLite's BINARY collation does for ASCII queue names. */
function byName(a: QueueRecord, b: QueueRecord): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A frozen copy of a queue record, so a caller mutating its own object cannot reach into the store. */
function copyRecord(queue: QueueRecord): QueueRecord {
  return Object.freeze({
    name: queue.name,
    fifo: queue.fifo,
    attributes: Object.freeze({ ...queue.attributes }),
    tags: Object.freeze({ ...queue.tags }),
    createdAtMs: queue.createdAtMs,
    updatedAtMs: queue.updatedAtMs,
  });
}

/**
 * A frozen stored message built from the NewMessage fields only: callers may pass a StoredMessage where a
 * NewMessage is expected, and its old sequence and token must not leak into the copy.
 */
function storedMessage(message: NewMessage, sequence: number, receiptToken: string | null): StoredMessage {
  return Object.freeze({
    messageId: message.messageId,
    body: message.body,
    messageAttributes: message.messageAttributes,
    systemAttributes: message.systemAttributes,
    sentAtMs: message.sentAtMs,
    visibleAtMs: message.visibleAtMs,
    expiresAtMs: message.expiresAtMs,
    groupId: message.groupId,
    deduplicationId: message.deduplicationId,
    receiveCount: message.receiveCount,
    firstReceivedAtMs: message.firstReceivedAtMs,
    sequence,
    receiptToken,
  });
}

/**
 * The QueueStore held in memory, for tests and runs that need no durability: nothing survives the
 * process. Each call runs to completion synchronously before its promise settles, so every call is atomic
 * and calls never interleave. Messages are frozen snapshots, replaced on every change, so what a call
 * returned never changes under its caller. A receive scans its queue once: fine for thousands of messages,
 * not meant for millions.
 * @example
 * const store = createMemoryQueueStore();
 * await store.putQueue({ name: "q", fifo: false, attributes: {}, tags: {}, createdAtMs: 0, updatedAtMs: 0 });
 * const { messages } = await store.claim({ queue: "q", nowMs: 0, max: 10, hiddenUntilMs: 30_000, tokens });
 */
export class MemoryQueueStore implements QueueStore {
  private readonly queues = new Map<string, QueueState>();
  /**
   * One counter for the whole store, so a sequence is never reused: a receipt for a message of a deleted
   * queue answers "gone", never "stale" against a newer message of a queue re-created under the same name.
   */
  private lastSequence = 0;

  async putQueue(queue: QueueRecord): Promise<void> {
    const existing = this.queues.get(queue.name);
    if (existing === undefined) {
      this.queues.set(queue.name, {
        record: copyRecord(queue),
        messages: new Map(),
        deduplication: new DeduplicationWindow(),
      });
    } else {
      existing.record = copyRecord(queue);
    }
  }

  async getQueue(name: string): Promise<QueueRecord | undefined> {
    return this.queues.get(name)?.record;
  }

  async listQueues(prefix = ""): Promise<QueueRecord[]> {
    const records: QueueRecord[] = [];
    for (const { record } of this.queues.values()) {
      if (record.name.startsWith(prefix)) records.push(record);
    }
    return records.sort(byName);
  }

  async deleteQueue(name: string): Promise<boolean> {
    return this.queues.delete(name);
  }

  async enqueue(items: readonly Enqueue[]): Promise<EnqueueOutcome[]> {
    // Every queue is checked before the first insert: a batch naming a missing queue stores nothing.
    for (const item of items) this.require(item.queue);
    return items.map((item) => this.enqueueOne(this.require(item.queue), item));
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const source = this.require(request.queue);
    const { redrive, nowMs } = request;
    const deadLetterQueue = redrive === undefined ? undefined : this.require(redrive.deadLetterQueue);

    const taken: StoredMessage[] = [];
    const exhausted: StoredMessage[] = [];
    // Selection first, changes after: the candidates are read from a map the changes would disturb, and a
    // message re-inserted by this very claim (a dead-letter queue that is the source) must not come back.
    for (const candidate of claimCandidates(source.messages.values(), source.record.fifo, nowMs)) {
      if (taken.length >= request.max) break;
      // SQS moves the message on the receive that would exceed maxReceiveCount, and that receive still
      // returns up to its maximum from the messages behind it.
      if (redrive !== undefined && candidate.receiveCount >= redrive.maxReceiveCount) {
        exhausted.push(candidate);
      } else {
        taken.push(candidate);
      }
    }
    // Every new state is built, drawing the caller's tokens (which may throw), before the first change.
    const messages = taken.map((message) =>
      Object.freeze({
        ...message,
        visibleAtMs: request.hiddenUntilMs,
        receiveCount: message.receiveCount + 1,
        firstReceivedAtMs: message.firstReceivedAtMs ?? nowMs,
        receiptToken: request.tokens(),
      }),
    );
    for (const received of messages) source.messages.set(received.sequence, received);
    const deadLettered =
      deadLetterQueue === undefined
        ? []
        : exhausted.map((message) => {
            source.messages.delete(message.sequence);
            // Counts and first receive stay, so the dead-letter queue shows how often it failed; the answer
            // names the message as it now sits in the dead-letter queue, under its new sequence.
            const systemAttributes =
              redrive?.deadLetterSystemAttributes?.(message) ?? message.systemAttributes;
            return this.append(deadLetterQueue, { ...message, systemAttributes, visibleAtMs: nowMs });
          });
    return { messages, deadLettered };
  }

  async ack(ref: MessageRef): Promise<ReceiptOutcome> {
    const { messages } = this.require(ref.queue);
    const message = messages.get(ref.sequence);
    if (message === undefined) return "gone";
    if (message.receiptToken !== ref.receiptToken) return "stale";
    messages.delete(ref.sequence);
    return "done";
  }

  async changeVisibility(ref: MessageRef, visibleAtMs: number, nowMs: number): Promise<ReceiptOutcome> {
    const { messages } = this.require(ref.queue);
    const message = messages.get(ref.sequence);
    if (message === undefined) return "gone";
    if (message.receiptToken !== ref.receiptToken) return "stale";
    if (!isInFlight(message, nowMs)) return "not-in-flight";
    messages.set(ref.sequence, Object.freeze({ ...message, visibleAtMs }));
    return "done";
  }

  async purge(queue: string): Promise<number> {
    const { messages } = this.require(queue);
    const purged = messages.size;
    // Deduplication records stay: a purge deletes messages, and SQS tracks the ids past deletion.
    messages.clear();
    return purged;
  }

  async expire(queue: string, nowMs: number, limit: number): Promise<number> {
    const { messages } = this.require(queue);
    let expired = 0;
    for (const message of messages.values()) {
      if (expired >= limit) break;
      if (isExpired(message, nowMs)) {
        messages.delete(message.sequence);
        expired++;
      }
    }
    return expired;
  }

  async move(from: string, to: string, limit: number, nowMs: number): Promise<number> {
    const source = this.require(from);
    const target = this.require(to);
    const moving = visibleOldestFirst(source.messages.values(), nowMs).slice(0, Math.max(0, limit));
    for (const message of moving) {
      source.messages.delete(message.sequence);
      // A redrive gives the message a fresh start in its new queue; its retention still runs from its send.
      this.append(target, { ...message, visibleAtMs: nowMs, receiveCount: 0, firstReceivedAtMs: null });
    }
    return moving.length;
  }

  async counts(queue: string, nowMs: number): Promise<QueueCounts> {
    const { messages } = this.require(queue);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    let oldestSentAtMs: number | null = null;
    for (const message of messages.values()) {
      if (isVisible(message, nowMs)) visible++;
      else if (isInFlight(message, nowMs)) inFlight++;
      else if (isDelayed(message, nowMs)) delayed++;
      // The first in enqueue order (the map keeps it), as the port defines the oldest.
      oldestSentAtMs ??= message.sentAtMs;
    }
    return { visible, inFlight, delayed, oldestSentAtMs };
  }

  async nextVisibleAtMs(queue: string, nowMs: number): Promise<number | null> {
    let next: number | null = null;
    for (const message of this.require(queue).messages.values()) {
      if (message.visibleAtMs > nowMs && (next === null || message.visibleAtMs < next))
        next = message.visibleAtMs;
    }
    return next;
  }

  /** The state of `name`, or the rejection every call naming a missing queue gives. */
  private require(name: string): QueueState {
    const state = this.queues.get(name);
    if (state === undefined) throw new QueueDoesNotExistError(name);
    return state;
  }

  /** Stores one enqueue in its queue, unless it repeats a deduplication id still inside its window. */
  private enqueueOne(state: QueueState, { message, deduplicateSinceMs }: Enqueue): EnqueueOutcome {
    const { deduplicationId } = message;
    if (deduplicationId !== null && deduplicateSinceMs !== undefined) {
      const earlier = state.deduplication.find(deduplicationId, deduplicateSinceMs);
      if (earlier !== undefined) {
        return { stored: false, duplicateOf: { messageId: earlier.messageId, sequence: earlier.sequence } };
      }
    }
    const stored = this.append(state, message);
    if (deduplicationId !== null) {
      state.deduplication.remember(deduplicationId, {
        messageId: stored.messageId,
        sequence: stored.sequence,
        sentAtMs: stored.sentAtMs,
      });
    }
    return { stored: true, sequence: stored.sequence };
  }

  /** Adds a message at the end of a queue under the next sequence, not yet received under this sequence. */
  private append(state: QueueState, message: NewMessage): StoredMessage {
    const stored = storedMessage(message, ++this.lastSequence, null);
    state.messages.set(stored.sequence, stored);
    return stored;
  }
}

/** Creates an empty in-memory queue store. */
export function createMemoryQueueStore(): MemoryQueueStore {
  return new MemoryQueueStore();
}
