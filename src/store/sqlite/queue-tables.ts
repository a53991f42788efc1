import type { Database, Statement } from "better-sqlite3";
import { QueueDoesNotExistError } from "../../core/errors.js";
import type { NewMessage, QueueRecord, ReceiptOutcome } from "../queue-store.js";
import { LIMITED_QUEUE_SQL, QUEUE_SQL } from "./queue-sql.js";
import {
  type MessageRow,
  messageRowOf,
  messageRowValues,
  type QueueRow,
  toMessageRow,
  toQueueRecord,
  unpackMessageId,
} from "./rows.js";

/** What the writes of a batch need of a queue: its id, name and kind, which never change while it exists. */
export type QueueKey = Pick<QueueRow, "id" | "name" | "fifo">;

/** A FIFO group as `fifo_groups` keeps it. */
export interface GroupRow {
  readonly group_id: string;
  readonly head_sequence: number;
}

/** A deduplication record: the message accepted with a deduplication id, and when. */
export interface DeduplicationRow {
  readonly sent_at_ms: number;
  readonly message_id: string;
  readonly sequence: number;
}

/** The cursor of the claim-order walk: the last (visible_at_ms, sequence) seen. */
export interface ClaimOrderCursor {
  readonly afterVisibleAtMs: number;
  readonly afterSequence: number;
}

/** Where claim-order walks start: before every message. */
export const CLAIM_ORDER_START: ClaimOrderCursor = Object.freeze({
  afterVisibleAtMs: Number.MIN_SAFE_INTEGER,
  afterSequence: 0,
});

/**
 * The queue tables, row by row: prepared statements plus the bookkeeping that must move with every
 * message row (the queue's sequence and message counters, its FIFO group's head). Synchronous; the store
 * runs writes inside a group-commit batch.
 */
export class QueueTables {
  readonly #queueByName: Statement<[string], QueueRow>;
  readonly #queueKeys = new Map<string, QueueKey>();
  readonly #queueRecords = new Map<string, QueueRecord>();
  readonly #queuesByNamePattern: Statement<[string], QueueRow>;
  readonly #upsertQueue: Statement<[Omit<QueueRow, "id" | "next_sequence" | "message_count">]>;
  readonly #deleteQueue: Statement<[number]>;
  readonly #rememberDeletedQueueSequence: Statement<[string, number]>;
  readonly #takeSequences: Statement<[{ queueId: number; count: number }], { first: number }>;
  readonly #addToMessageCount: Statement<[{ queueId: number; delta: number }]>;
  readonly #messageCount: Statement<[number], { message_count: number }>;
  readonly #insertMessage: Statement<unknown[]>;
  readonly #messageBySequence: Statement<[number, number], unknown[]>;
  readonly #deleteMessage: Statement<[number, number]>;
  readonly #deleteReceived: Statement<[number, number, string], { group_id: string | null }>;
  readonly #deleteReceivedStandard: Statement<[number, number, string]>;
  readonly #markReceived: Statement<[number, number, string, number, number]>;
  readonly #setVisibleAt: Statement<[number, number, number]>;
  readonly #deleteQueueMessages: Statement<[number]>;
  /** The statements of LIMITED_QUEUE_SQL, one per query and limit, prepared when first met. */
  readonly #limited = new Map<string, Statement<unknown[], unknown>>();
  readonly #db: Database;
  readonly #groupInFlight: Statement<[{ queueId: number; groupId: string; nowMs: number }], unknown>;
  readonly #groupHead: Statement<[number, string], { sequence: number }>;
  readonly #insertGroup: Statement<[number, string, number]>;
  readonly #setGroupHead: Statement<[number, number, string]>;
  readonly #deleteGroup: Statement<[number, string]>;
  readonly #deleteQueueGroups: Statement<[number]>;
  readonly #expired: Statement<[number, number, number], { sequence: number; group_id: string | null }>;
  readonly #hiddenCounts: Statement<[number, number], { hidden: number; inFlight: number }>;
  readonly #expiredVisibleCount: Statement<[{ queueId: number; nowMs: number }], { n: number }>;
  readonly #oldestSentAt: Statement<[number], { sent_at_ms: number }>;
  readonly #nextVisibleAt: Statement<[number, number], { visible_at_ms: number }>;
  readonly #deduplicationRecord: Statement<[number, string], DeduplicationRow>;
  readonly #upsertDeduplication: Statement<
    [{ queueId: number; deduplicationId: string; sentAtMs: number; messageId: string; sequence: number }]
  >;
  readonly #pruneDeduplication: Statement<[{ queueId: number; sinceMs: number }]>;
  readonly #deleteQueueDeduplication: Statement<[number]>;

  constructor(db: Database) {
    // The declared field types give each statement its parameters and row type.
    const prepare = <P extends unknown[], R = unknown>(sql: string) => db.prepare(sql) as Statement<P, R>;
    // Message reads return arrays, named by messageRowOf (rows.ts says why).
    const prepareRaw = <P extends unknown[]>(sql: string) =>
      db.prepare(sql).raw(true) as Statement<P, unknown[]>;
    this.#queueByName = prepare(QUEUE_SQL.queueByName);
    this.#queuesByNamePattern = prepare(QUEUE_SQL.queuesByNamePattern);
    this.#upsertQueue = prepare(QUEUE_SQL.upsertQueue);
    this.#deleteQueue = prepare(QUEUE_SQL.deleteQueue);
    this.#rememberDeletedQueueSequence = prepare(QUEUE_SQL.rememberDeletedQueueSequence);
    this.#takeSequences = prepare(QUEUE_SQL.takeSequences);
    this.#addToMessageCount = prepare(QUEUE_SQL.addToMessageCount);
    this.#deleteReceived = prepare(QUEUE_SQL.deleteReceived);
    this.#deleteReceivedStandard = prepare(QUEUE_SQL.deleteReceivedStandard);
    this.#messageCount = prepare(QUEUE_SQL.messageCount);
    this.#insertMessage = prepare(QUEUE_SQL.insertMessage);
    this.#messageBySequence = prepareRaw(QUEUE_SQL.messageBySequence);
    this.#deleteMessage = prepare(QUEUE_SQL.deleteMessage);
    this.#markReceived = prepare(QUEUE_SQL.markReceived);
    this.#setVisibleAt = prepare(QUEUE_SQL.setVisibleAt);
    this.#deleteQueueMessages = prepare(QUEUE_SQL.deleteQueueMessages);
    this.#db = db;
    this.#groupInFlight = prepare(QUEUE_SQL.groupInFlight);
    this.#groupHead = prepare(QUEUE_SQL.groupHead);
    this.#insertGroup = prepare(QUEUE_SQL.insertGroup);
    this.#setGroupHead = prepare(QUEUE_SQL.setGroupHead);
    this.#deleteGroup = prepare(QUEUE_SQL.deleteGroup);
    this.#deleteQueueGroups = prepare(QUEUE_SQL.deleteQueueGroups);
    this.#expired = prepare(QUEUE_SQL.expired);
    this.#hiddenCounts = prepare(QUEUE_SQL.hiddenCounts);
    this.#expiredVisibleCount = prepare(QUEUE_SQL.expiredVisibleCount);
    this.#oldestSentAt = prepare(QUEUE_SQL.oldestSentAt);
    this.#nextVisibleAt = prepare(QUEUE_SQL.nextVisibleAt);
    this.#deduplicationRecord = prepare(QUEUE_SQL.deduplicationRecord);
    this.#upsertDeduplication = prepare(QUEUE_SQL.upsertDeduplication);
    this.#pruneDeduplication = prepare(QUEUE_SQL.pruneDeduplication);
    this.#deleteQueueDeduplication = prepare(QUEUE_SQL.deleteQueueDeduplication);
  }

  /** The queue named `name`, if there is one. */
  findQueue(name: string): QueueRow | undefined {
    return this.#queueByName.get(name);
  }

  /** The queue named `name`; QueueDoesNotExistError when there is none. */
  requireQueue(name: string): QueueRow {
    const queue = this.#queueByName.get(name);
    if (queue === undefined) throw new QueueDoesNotExistError(name);
    return queue;
  }

  /**
   * The id and kind of the queue named `name`, read once and kept: a batch of receives, sends and deletes asks
   * for the same row dozens of times. Dropped on every change to a queue here, and, through
   * GroupCommit.onReset, after a rolled-back write and whenever another connection has committed, so it never
   * serves a row that has changed. QueueDoesNotExistError when there is none.
   */
  queueKey(name: string): QueueKey {
    const known = this.#queueKeys.get(name);
    if (known !== undefined) return known;
    const { id, fifo } = this.requireQueue(name);
    const key: QueueKey = { id, name, fifo };
    this.#queueKeys.set(name, key);
    return key;
  }

  /** The record of the queue named `name`, kept as queueKey keeps keys; undefined when there is none. */
  queueRecord(name: string): QueueRecord | undefined {
    const known = this.#queueRecords.get(name);
    if (known !== undefined) return known;
    const row = this.findQueue(name);
    if (row === undefined) return undefined;
    const record = toQueueRecord(row);
    this.#queueRecords.set(name, record);
    return record;
  }

  /** Forgets the queue keys and records read so far. */
  forgetQueueKeys(): void {
    this.#queueKeys.clear();
    this.#queueRecords.clear();
  }

  /** Queues by name order, those whose name starts with `prefix` (every queue for ""). */
  queuesByPrefix(prefix: string): QueueRow[] {
    // In a GLOB pattern "[x]" matches x literally, so the prefix's own *, ? and [ match only themselves.
    return this.#queuesByNamePattern.all(`${prefix.replace(/[*?[]/g, "[$&]")}*`);
  }

  /** Creates the queue, or replaces its record (never its numbering or counter) when it exists. */
  putQueue(queue: QueueRecord): void {
    this.forgetQueueKeys();
    this.#upsertQueue.run({
      name: queue.name,
      fifo: queue.fifo ? 1 : 0,
      attributes: JSON.stringify(queue.attributes),
      tags: JSON.stringify(queue.tags),
      created_at_ms: queue.createdAtMs,
      updated_at_ms: queue.updatedAtMs,
    });
  }

  /** Deletes a queue with its messages, groups and deduplication records, remembering its numbering. */
  deleteQueue(queue: QueueRow): void {
    this.forgetQueueKeys();
    this.#rememberDeletedQueueSequence.run(queue.name, queue.next_sequence);
    this.#deleteQueueMessages.run(queue.id);
    this.#deleteQueueGroups.run(queue.id);
    this.#deleteQueueDeduplication.run(queue.id);
    this.#deleteQueue.run(queue.id);
  }

  /** Deletes every message of a queue; returns how many. */
  purge(queue: QueueKey): number {
    const { changes } = this.#deleteQueueMessages.run(queue.id);
    this.#deleteQueueGroups.run(queue.id);
    this.#addToMessageCount.run({ queueId: queue.id, delta: -changes });
    return changes;
  }

  /** Appends a message to a queue: numbers it, counts it and, in a FIFO queue, registers its group. */
  insertMessage(queue: QueueKey, message: NewMessage): MessageRow {
    return this.insertNumberedMessage(queue, message, this.takeSequences(queue, 1));
  }

  /**
   * Numbers and counts `count` messages about to be appended to a queue in one step (one write of the queue's
   * row, not one per message): returns the first of their consecutive sequences.
   */
  takeSequences(queue: QueueKey, count: number): number {
    const taken = this.#takeSequences.get({ queueId: queue.id, count });
    if (taken === undefined) throw new QueueDoesNotExistError(queue.name);
    return taken.first;
  }

  /** Appends a message numbered and counted by takeSequences; in a FIFO queue, registers its group. */
  insertNumberedMessage(queue: QueueKey, message: NewMessage, sequence: number): MessageRow {
    const row = toMessageRow(queue.id, sequence, message);
    this.#insertMessage.run(...messageRowValues(row));
    if (queue.fifo === 1 && row.group_id !== null)
      this.#insertGroup.run(queue.id, row.group_id, row.sequence);
    return row;
  }

  /** The message numbered `sequence` in a queue, if it is still there. */
  message(queue: QueueKey, sequence: number): MessageRow | undefined {
    const values = this.#messageBySequence.get(queue.id, sequence);
    return values === undefined ? undefined : messageRowOf(values);
  }

  /** Removes a message from its queue, keeping the counter and its FIFO group's head right. */
  deleteMessage(queue: QueueKey, message: Pick<MessageRow, "sequence" | "group_id">): void {
    if (this.#deleteMessage.run(queue.id, message.sequence).changes === 0) return;
    this.#addToMessageCount.run({ queueId: queue.id, delta: -1 });
    if (queue.fifo === 1 && message.group_id !== null) this.#refreshGroup(queue.id, message.group_id);
  }

  /**
   * Deletes received messages with their latest tokens (acks), counting them off once: "done" for each deleted,
   * else "gone" (no such message) or "stale" (another token is its latest).
   */
  deleteReceived(
    queue: QueueKey,
    refs: readonly { sequence: number; receiptToken: string }[],
  ): ReceiptOutcome[] {
    let deleted = 0;
    const outcomes = refs.map((ref): ReceiptOutcome => {
      let found: boolean;
      if (queue.fifo === 1) {
        const row = this.#deleteReceived.get(queue.id, ref.sequence, ref.receiptToken);
        found = row !== undefined;
        if (row?.group_id != null) this.#refreshGroup(queue.id, row.group_id);
      } else {
        found = this.#deleteReceivedStandard.run(queue.id, ref.sequence, ref.receiptToken).changes > 0;
      }
      if (!found) return this.message(queue, ref.sequence) === undefined ? "gone" : "stale";
      deleted++;
      return "done";
    });
    if (deleted > 0) this.#addToMessageCount.run({ queueId: queue.id, delta: -deleted });
    return outcomes;
  }

  /** Hides a message until `hiddenUntilMs` and records the receive; updates the row given and returns it. */
  markReceived(
    message: MessageRow,
    receive: { readonly nowMs: number; readonly hiddenUntilMs: number; readonly receiptToken: string },
  ): MessageRow {
    const { nowMs, hiddenUntilMs, receiptToken } = receive;
    this.#markReceived.run(hiddenUntilMs, nowMs, receiptToken, message.queue_id, message.sequence);
    // The row read for this claim, brought up to date in place: a spread copy followed by new values costs
    // about 2 µs a message on Node 20's V8, more than the UPDATE's binding.
    return Object.assign(message, {
      visible_at_ms: hiddenUntilMs,
      receive_count: message.receive_count + 1,
      first_received_at_ms: message.first_received_at_ms ?? nowMs,
      receipt_token: receiptToken,
    });
  }

  /** Moves when a message becomes visible (changeVisibility). */
  setVisibleAt(message: MessageRow, visibleAtMs: number): void {
    this.#setVisibleAt.run(visibleAtMs, message.queue_id, message.sequence);
  }

  /** Up to `limit` unexpired visible messages of a queue in claim order (visible_at_ms, sequence), after `cursor`. */
  visibleInClaimOrder(queueId: number, nowMs: number, cursor: ClaimOrderCursor, limit: number): MessageRow[] {
    const statement = this.#limitedStatement<[number, number, number, number, number], unknown[]>(
      "visibleInClaimOrder",
      limit,
    );
    return statement
      .all(queueId, nowMs, cursor.afterVisibleAtMs, cursor.afterSequence, nowMs)
      .map(messageRowOf);
  }

  /** Up to `limit` groups of a FIFO queue, oldest head first, after the head `afterSequence`. */
  groupsByAge(queueId: number, afterSequence: number, limit: number): GroupRow[] {
    const statement = this.#limitedStatement<[{ queueId: number; afterSequence: number }], GroupRow>(
      "groupsByAge",
      limit,
    );
    return statement.all({ queueId, afterSequence });
  }

  /** Whether a group has a received message still hidden at `nowMs`. */
  groupInFlight(queueId: number, groupId: string, nowMs: number): boolean {
    return this.#groupInFlight.get({ queueId, groupId, nowMs }) !== undefined;
  }

  /** Up to `limit` unexpired messages of a group in sequence order, after `afterSequence`. */
  groupMessages(
    queueId: number,
    groupId: string,
    nowMs: number,
    afterSequence: number,
    limit: number,
  ): MessageRow[] {
    const statement = this.#limitedStatement<
      [{ queueId: number; groupId: string; afterSequence: number; nowMs: number }],
      unknown[]
    >("groupMessages", limit);
    return statement.all({ queueId, groupId, nowMs, afterSequence }).map(messageRowOf);
  }

  /** The statement of a LIMITED_QUEUE_SQL query for one limit (the caller names its parameters and rows). */
  #limitedStatement<P extends unknown[], R>(
    query: keyof typeof LIMITED_QUEUE_SQL,
    limit: number,
  ): Statement<P, R> {
    const key = `${query}:${limit}`;
    let statement = this.#limited.get(key);
    if (statement === undefined) {
      statement = this.#db.prepare<unknown[], unknown>(LIMITED_QUEUE_SQL[query](limit));
      // Message reads return arrays, named by messageRowOf, like the other message statements.
      if (query !== "groupsByAge") statement.raw(true);
      this.#limited.set(key, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  /** Up to `limit` messages whose retention ended by `nowMs`. */
  expired(queueId: number, nowMs: number, limit: number): { sequence: number; group_id: string | null }[] {
    return this.#expired.all(queueId, nowMs, limit);
  }

  /** The queue's message counter: every message it holds, in any state. */
  messageCount(queueId: number): number {
    return this.#messageCount.get(queueId)?.message_count ?? 0;
  }

  /** Messages hidden at `nowMs`, and how many of them were received (in flight) rather than delayed. */
  hiddenCounts(queueId: number, nowMs: number): { hidden: number; inFlight: number } {
    return this.#hiddenCounts.get(queueId, nowMs) ?? { hidden: 0, inFlight: 0 };
  }

  /** Visible messages whose retention ended by `nowMs` and that expire() has not dropped yet. */
  expiredVisibleCount(queueId: number, nowMs: number): number {
    return this.#expiredVisibleCount.get({ queueId, nowMs })?.n ?? 0;
  }

  /** The send time of the queue's oldest message, null when it is empty. */
  oldestSentAtMs(queueId: number): number | null {
    return this.#oldestSentAt.get(queueId)?.sent_at_ms ?? null;
  }

  /** The next moment after `nowMs` a hidden message of the queue becomes visible. */
  nextVisibleAtMs(queueId: number, nowMs: number): number | null {
    return this.#nextVisibleAt.get(queueId, nowMs)?.visible_at_ms ?? null;
  }

  /** The last message accepted under a deduplication id, however long ago. */
  deduplicationRecord(queueId: number, deduplicationId: string): DeduplicationRow | undefined {
    return this.#deduplicationRecord.get(queueId, deduplicationId);
  }

  /** Records the message accepted for a deduplication id, retiring a few records older than `sinceMs`. */
  recordDeduplication(queueId: number, deduplicationId: string, message: MessageRow, sinceMs: number): void {
    this.#pruneDeduplication.run({ queueId, sinceMs });
    this.#upsertDeduplication.run({
      queueId,
      deduplicationId,
      sentAtMs: message.sent_at_ms,
      messageId: unpackMessageId(message.message_id),
      sequence: message.sequence,
    });
  }

  #refreshGroup(queueId: number, groupId: string): void {
    const head = this.#groupHead.get(queueId, groupId);
    if (head === undefined) this.#deleteGroup.run(queueId, groupId);
    else this.#setGroupHead.run(head.sequence, queueId, groupId);
  }
}
