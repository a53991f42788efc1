import type { NewMessage, QueueRecord, StoredMessage } from "../queue-store.js";

/** A row of `queues`, as SQLite returns it. */
export interface QueueRow {
  readonly id: number;
  readonly name: string;
  readonly fifo: 0 | 1;
  readonly attributes: string;
  readonly tags: string;
  readonly created_at_ms: number;
  readonly updated_at_ms: number;
  readonly next_sequence: number;
  readonly message_count: number;
}

/** A row of `messages`, as SQLite returns it. */
export interface MessageRow {
  readonly queue_id: number;
  readonly sequence: number;
  readonly visible_at_ms: number;
  readonly receive_count: number;
  readonly first_received_at_ms: number | null;
  readonly receipt_token: string | null;
  readonly sent_at_ms: number;
  readonly expires_at_ms: number;
  readonly group_id: string | null;
  readonly deduplication_id: string | null;
  /** As packMessageId stores it. */
  readonly message_id: string | Buffer;
  readonly system_attributes: string | null;
  readonly message_attributes: string | null;
  readonly body: string;
}

/** A queue row as the port's QueueRecord. */
export function toQueueRecord(row: QueueRow): QueueRecord {
  return {
    name: row.name,
    fifo: row.fifo === 1,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

/** A message row as the port's StoredMessage. */
export function toStoredMessage(row: MessageRow): StoredMessage {
  return { ...toNewMessage(row), sequence: row.sequence, receiptToken: row.receipt_token };
}

/** The row of a new message numbered `sequence` in queue `queueId` (its receipt token starts empty). */
export function toMessageRow(queueId: number, sequence: number, message: NewMessage): MessageRow {
  return {
    queue_id: queueId,
    sequence,
    visible_at_ms: message.visibleAtMs,
    receive_count: message.receiveCount,
    first_received_at_ms: message.firstReceivedAtMs,
    receipt_token: null,
    sent_at_ms: message.sentAtMs,
    expires_at_ms: message.expiresAtMs,
    group_id: message.groupId,
    deduplication_id: message.deduplicationId,
    message_id: packMessageId(message.messageId),
    system_attributes: message.systemAttributes,
    message_attributes: message.messageAttributes,
    body: message.body,
  };
}

/** A stored message as a NewMessage again, to insert it into another queue (redrive, move). */
export function toNewMessage(row: MessageRow): NewMessage {
  return {
    messageId: unpackMessageId(row.message_id),
    body: row.body,
    messageAttributes: row.message_attributes,
    systemAttributes: row.system_attributes,
    sentAtMs: row.sent_at_ms,
    visibleAtMs: row.visible_at_ms,
    expiresAtMs: row.expires_at_ms,
    groupId: row.group_id,
    deduplicationId: row.deduplication_id,
    receiveCount: row.receive_count,
    firstReceivedAtMs: row.first_received_at_ms,
  };
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A message id as the messages table keeps it: a canonical (lower-case) UUID, the ids Switchyard makes, as
 * its 16 bytes — 20 fewer per message than its text — and any other id as the text it is.
 */
export function packMessageId(id: string): string | Buffer {
  return CANONICAL_UUID.test(id) ? Buffer.from(id.replaceAll("-", ""), "hex") : id;
}

/** The message id packMessageId stored. */
export function unpackMessageId(stored: string | Buffer): string {
  if (typeof stored === "string") return stored;
  const hex = stored.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
