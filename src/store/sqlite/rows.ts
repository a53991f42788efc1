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

/**
 * The columns a message is read with, in the order messageRowOf reads them. Message reads fetch rows as
 * arrays (better-sqlite3's raw mode) and name the fields here: an object built by the driver costs a
 * property store through V8's API per column, about 1.5 µs a row more than this literal.
 */
export const MESSAGE_COLUMNS = [
  "queue_id",
  "sequence",
  "visible_at_ms",
  "receive_count",
  "first_received_at_ms",
  "receipt_token",
  "sent_at_ms",
  "expires_at_ms",
  "group_id",
  "deduplication_id",
  "message_id",
  "system_attributes",
  "message_attributes",
  "body",
] as const satisfies readonly (keyof MessageRow)[];

/** A message row read as an array of MESSAGE_COLUMNS. */
export function messageRowOf(values: readonly unknown[]): MessageRow {
  return {
    queue_id: values[0] as number,
    sequence: values[1] as number,
    visible_at_ms: values[2] as number,
    receive_count: values[3] as number,
    first_received_at_ms: values[4] as number | null,
    receipt_token: values[5] as string | null,
    sent_at_ms: values[6] as number,
    expires_at_ms: values[7] as number,
    group_id: values[8] as string | null,
    deduplication_id: values[9] as string | null,
    message_id: values[10] as string | Buffer,
    system_attributes: values[11] as string | null,
    message_attributes: values[12] as string | null,
    body: values[13] as string,
  };
}

/** A message row's values in MESSAGE_COLUMNS order, to bind positionally. */
export function messageRowValues(row: MessageRow): unknown[] {
  return [
    row.queue_id,
    row.sequence,
    row.visible_at_ms,
    row.receive_count,
    row.first_received_at_ms,
    row.receipt_token,
    row.sent_at_ms,
    row.expires_at_ms,
    row.group_id,
    row.deduplication_id,
    row.message_id,
    row.system_attributes,
    row.message_attributes,
    row.body,
  ];
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
  // Two fields added to toNewMessage's object rather than all of it copied by a spread: every received
  // message goes through here.
  return Object.assign(toNewMessage(row), { sequence: row.sequence, receiptToken: row.receipt_token });
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

/**
 * A message id as the messages table keeps it: a canonical (lower-case) UUID, the ids Switchyard makes, as
 * its 16 bytes — 20 fewer per message than its text — and any other id as the text it is. Read in one pass
 * over the text (a pattern test, a dash-free copy and a hex decode cost about a microsecond a message).
 */
export function packMessageId(id: string): string | Buffer {
  if (id.length !== 36) return id;
  const bytes = Buffer.allocUnsafe(16);
  let at = 0;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== DASH) return id;
      i--; // the next pair starts right after the dash
      continue;
    }
    const high = hexDigit(id.charCodeAt(i));
    const low = hexDigit(id.charCodeAt(i + 1));
    if (high < 0 || low < 0) return id;
    bytes[at++] = (high << 4) | low;
  }
  return bytes;
}

const DASH = 0x2d;

/** A lower-case hex digit's value, or -1 (upper case is not canonical: such ids are kept as text). */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** The message id packMessageId stored. */
export function unpackMessageId(stored: string | Buffer): string {
  if (typeof stored === "string") return stored;
  const hex = stored.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
