import { MESSAGE_COLUMNS } from "./rows.js";

/** The select list of a message read: MESSAGE_COLUMNS, in their order (rows come back as arrays). */
const MESSAGE_SELECT = MESSAGE_COLUMNS.join(", ");

/**
 * Every statement the SQLite queue store runs, prepared once. The per-request queries name their index
 * (INDEXED BY): the plan is part of the statement, and a statement whose index is missing fails to prepare
 * instead of silently scanning. sqlite-queue-store.test.ts checks each plan with EXPLAIN QUERY PLAN.
 */
export const QUEUE_SQL = Object.freeze({
  queueByName: "SELECT * FROM queues WHERE name = ?",
  // GLOB with the prefix's own wildcards escaped: a range on the name index, case-sensitive like names.
  queuesByNamePattern: "SELECT * FROM queues WHERE name GLOB ? ORDER BY name",
  upsertQueue: `
    INSERT INTO queues (name, fifo, attributes, tags, created_at_ms, updated_at_ms, next_sequence)
    VALUES (
      @name, @fifo, @attributes, @tags, @created_at_ms, @updated_at_ms,
      coalesce((SELECT next_sequence FROM deleted_queue_sequences WHERE name = @name), 1))
    ON CONFLICT (name) DO UPDATE SET
      fifo = excluded.fifo, attributes = excluded.attributes, tags = excluded.tags,
      created_at_ms = excluded.created_at_ms, updated_at_ms = excluded.updated_at_ms`,
  deleteQueue: "DELETE FROM queues WHERE id = ?",
  rememberDeletedQueueSequence: `
    INSERT INTO deleted_queue_sequences (name, next_sequence) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET next_sequence = excluded.next_sequence`,
  takeSequences: `
    UPDATE queues SET next_sequence = next_sequence + @count, message_count = message_count + @count
    WHERE id = @queueId RETURNING next_sequence - @count AS first`,
  addToMessageCount: "UPDATE queues SET message_count = message_count + @delta WHERE id = @queueId",
  messageCount: "SELECT message_count FROM queues WHERE id = ?",

  /** Positional parameters in MESSAGE_COLUMNS order (messageRowValues): named ones cost ~1 µs more a row. */
  insertMessage: `INSERT INTO messages (${MESSAGE_SELECT}) VALUES (${MESSAGE_COLUMNS.map(() => "?").join(", ")})`,
  messageBySequence: `SELECT ${MESSAGE_SELECT} FROM messages WHERE queue_id = ? AND sequence = ?`,
  deleteMessage: "DELETE FROM messages WHERE queue_id = ? AND sequence = ?",
  /** ack(): deletes a message only with its latest receipt token, in one step; its group for FIFO bookkeeping. */
  deleteReceived:
    "DELETE FROM messages WHERE queue_id = ? AND sequence = ? AND receipt_token = ? RETURNING group_id",
  /** The same for a standard queue, which keeps no group bookkeeping: nothing to return, no row to build. */
  deleteReceivedStandard: "DELETE FROM messages WHERE queue_id = ? AND sequence = ? AND receipt_token = ?",
  /** (hiddenUntilMs, nowMs, receiptToken, queueId, sequence): positional, as every received message runs it. */
  markReceived: `
    UPDATE messages SET
      visible_at_ms = ?, receive_count = receive_count + 1,
      first_received_at_ms = coalesce(first_received_at_ms, ?), receipt_token = ?
    WHERE queue_id = ? AND sequence = ?`,
  setVisibleAt: "UPDATE messages SET visible_at_ms = ? WHERE queue_id = ? AND sequence = ?",
  deleteQueueMessages: "DELETE FROM messages WHERE queue_id = ?",

  /** FIFO claims: whether a group has a received message that is still hidden. */
  groupInFlight: `
    SELECT 1 FROM messages INDEXED BY messages_in_flight_by_group
    WHERE queue_id = @queueId AND group_id = @groupId AND receive_count > 0 AND visible_at_ms > @nowMs
    LIMIT 1`,
  groupHead: `
    SELECT sequence FROM messages INDEXED BY messages_by_group
    WHERE queue_id = ? AND group_id = ? ORDER BY sequence LIMIT 1`,
  insertGroup: `
    INSERT INTO fifo_groups (queue_id, group_id, head_sequence) VALUES (?, ?, ?)
    ON CONFLICT (queue_id, group_id) DO NOTHING`,
  setGroupHead: "UPDATE fifo_groups SET head_sequence = ? WHERE queue_id = ? AND group_id = ?",
  deleteGroup: "DELETE FROM fifo_groups WHERE queue_id = ? AND group_id = ?",
  deleteQueueGroups: "DELETE FROM fifo_groups WHERE queue_id = ?",

  /** expire(): messages whose retention has ended, soonest ended first. */
  expired: `
    SELECT sequence, group_id FROM messages INDEXED BY messages_by_expiry
    WHERE queue_id = ? AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?`,

  /** counts(): the hidden messages (in flight or delayed), read from the visibility index alone. */
  hiddenCounts: `
    SELECT count(*) AS hidden, coalesce(sum(receive_count > 0), 0) AS inFlight
    FROM messages INDEXED BY messages_by_visibility WHERE queue_id = ? AND visible_at_ms > ?`,
  /** counts(): visible messages whose retention has ended (not yet dropped by expire()): not counted. */
  expiredVisibleCount: `
    SELECT count(*) AS n FROM messages INDEXED BY messages_by_expiry
    WHERE queue_id = @queueId AND expires_at_ms <= @nowMs AND visible_at_ms <= @nowMs`,
  /** nextVisibleAtMs(): the next moment a hidden message becomes visible, one step into its index. */
  nextVisibleAt: `
    SELECT visible_at_ms FROM messages INDEXED BY messages_by_visibility
    WHERE queue_id = ? AND visible_at_ms > ? ORDER BY visible_at_ms LIMIT 1`,
  /**
   * counts(): the send time of the oldest message, taken as the first in enqueue order, one step into the
   * primary key. (A message moved in from another queue keeps its send time but gets a new place, so it can
   * be older than this one: the age is approximate, as SQS's own ApproximateAgeOfOldestMessage is.)
   */
  oldestSentAt: `
    SELECT sent_at_ms FROM messages
    WHERE queue_id = ? ORDER BY sequence LIMIT 1`,

  deduplicationRecord: `
    SELECT sent_at_ms, message_id, sequence FROM deduplication WHERE queue_id = ? AND deduplication_id = ?`,
  upsertDeduplication: `
    INSERT INTO deduplication (queue_id, deduplication_id, sent_at_ms, message_id, sequence)
    VALUES (@queueId, @deduplicationId, @sentAtMs, @messageId, @sequence)
    ON CONFLICT (queue_id, deduplication_id) DO UPDATE SET
      sent_at_ms = excluded.sent_at_ms, message_id = excluded.message_id, sequence = excluded.sequence`,
  /**
   * Deletes a few records that fell out of the window: each accepted record retires up to two stale ones,
   * so the table stays about as large as the records inside the window, without a sweep.
   */
  pruneDeduplication: `
    DELETE FROM deduplication WHERE queue_id = @queueId AND deduplication_id IN (
      SELECT deduplication_id FROM deduplication INDEXED BY deduplication_by_age
      WHERE queue_id = @queueId AND sent_at_ms <= @sinceMs ORDER BY sent_at_ms LIMIT 2)`,
  deleteQueueDeduplication: "DELETE FROM deduplication WHERE queue_id = ?",
});

/** A LIMIT written into a statement's text: a non-negative integer, nothing else. */
function literalLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`not a row limit: ${limit}`);
  return limit;
}

/**
 * The per-request queries whose LIMIT is part of their text: QueueTables prepares one statement per limit
 * it meets (a receive asks for 1–10 messages, so there are few). Bound as a parameter, the LIMIT made the
 * standard claim's query about 6 µs slower (8.3 → 14.5 µs for 10 rows of 50,000 on better-sqlite3 12, the
 * same plan and bytecode but for the limit's register), a quarter of what a received message cost SQLite.
 */
export const LIMITED_QUEUE_SQL = Object.freeze({
  /**
   * Standard claims and move(): unexpired visible messages in the order they became visible, after a
   * cursor. Positional: (queueId, nowMs, afterVisibleAtMs, afterSequence, nowMs).
   */
  visibleInClaimOrder: (limit: number) => `
    SELECT ${MESSAGE_SELECT} FROM messages INDEXED BY messages_by_visibility
    WHERE queue_id = ? AND visible_at_ms <= ?
      AND (visible_at_ms, sequence) > (?, ?) AND expires_at_ms > ?
    ORDER BY visible_at_ms, sequence LIMIT ${literalLimit(limit)}`,
  /** FIFO claims: the queue's message groups, oldest first message first, after a cursor. */
  groupsByAge: (limit: number) => `
    SELECT group_id, head_sequence FROM fifo_groups INDEXED BY fifo_groups_by_age
    WHERE queue_id = @queueId AND head_sequence > @afterSequence
    ORDER BY head_sequence LIMIT ${literalLimit(limit)}`,
  /** FIFO claims: a group's unexpired messages in sequence order, after a cursor. */
  groupMessages: (limit: number) => `
    SELECT ${MESSAGE_SELECT} FROM messages INDEXED BY messages_by_group
    WHERE queue_id = @queueId AND group_id = @groupId AND sequence > @afterSequence AND expires_at_ms > @nowMs
    ORDER BY sequence LIMIT ${literalLimit(limit)}`,
});
