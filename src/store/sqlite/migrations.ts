import type { Database } from "better-sqlite3";

/** One step of the schema: applied once, in its own transaction, when `PRAGMA user_version` is below it. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/**
 * The schema, version by version. Never edit a released migration; add the next one. Every message query
 * that runs per request reads through one of the indexes below (README.md lists which query uses which),
 * so no request does work proportional to a queue's backlog.
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    description: "queues, messages, FIFO groups and deduplication records",
    sql: `
      CREATE TABLE queues (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        fifo INTEGER NOT NULL CHECK (fifo IN (0, 1)),
        attributes TEXT NOT NULL,
        tags TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        next_sequence INTEGER NOT NULL DEFAULT 1,
        message_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Where a deleted queue's numbering stopped: a queue created again under its name goes on from
      -- there, so a receipt for a message of the deleted queue finds nothing ("gone"), never a newer one.
      CREATE TABLE deleted_queue_sequences (
        name TEXT PRIMARY KEY,
        next_sequence INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- A rowid table, not WITHOUT ROWID: bodies run to hundreds of KB, which WITHOUT ROWID tables handle
      -- badly (https://www.sqlite.org/withoutrowid.html#when_to_use_without_rowid). The columns a receive
      -- changes come first and the large immutable ones last, so an update of the same size rewrites only
      -- the pages that changed.
      CREATE TABLE messages (
        queue_id INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        visible_at_ms INTEGER NOT NULL,
        receive_count INTEGER NOT NULL,
        first_received_at_ms INTEGER,
        receipt_token TEXT,
        sent_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        group_id TEXT,
        deduplication_id TEXT,
        message_id TEXT NOT NULL,
        system_attributes TEXT,
        message_attributes TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (queue_id, sequence)
      ) STRICT;

      -- Standard claims and move() walk it in claim order; counts() counts its hidden range. receive_count
      -- rides along so counts() never reads the table (a receive changes it with visible_at_ms anyway).
      CREATE INDEX messages_by_visibility ON messages (queue_id, visible_at_ms, sequence, receive_count);
      -- expire() walks it; counts() counts from it the visible messages whose retention ended.
      CREATE INDEX messages_by_expiry ON messages (queue_id, expires_at_ms, visible_at_ms);
      CREATE INDEX messages_by_sent_at ON messages (queue_id, sent_at_ms);
      -- FIFO: a group's messages in order, and whether a group has a received message still hidden.
      CREATE INDEX messages_by_group ON messages (queue_id, group_id, sequence) WHERE group_id IS NOT NULL;
      CREATE INDEX messages_in_flight_by_group ON messages (queue_id, group_id, visible_at_ms)
        WHERE group_id IS NOT NULL AND receive_count > 0;

      -- One row per message group of a FIFO queue that holds messages, keyed by the sequence of its oldest
      -- message, so a claim finds the oldest groups without walking their messages.
      CREATE TABLE fifo_groups (
        queue_id INTEGER NOT NULL,
        group_id TEXT NOT NULL,
        head_sequence INTEGER NOT NULL,
        PRIMARY KEY (queue_id, group_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX fifo_groups_by_age ON fifo_groups (queue_id, head_sequence);

      -- The last accepted message per deduplication id; kept after the message is deleted, as SQS does.
      CREATE TABLE deduplication (
        queue_id INTEGER NOT NULL,
        deduplication_id TEXT NOT NULL,
        sent_at_ms INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        PRIMARY KEY (queue_id, deduplication_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX deduplication_by_age ON deduplication (queue_id, sent_at_ms);
    `,
  },
  {
    version: 2,
    description: "event buses, rules and targets",
    // Keyed by name, as EventBridge names them. No foreign keys: PRAGMA foreign_keys is per connection and
    // off by default, so a cascade would silently not happen on a connection that forgot it; the store
    // deletes a bus's or rule's children itself, in the same savepoint. Rowid tables: an event pattern, an
    // Input or an InputTemplate runs to several KB, which WITHOUT ROWID tables handle badly
    // (https://www.sqlite.org/withoutrowid.html#when_to_use_without_rowid). Maps and AWS structures are JSON
    // text; NULL is an absent member.
    sql: `
      CREATE TABLE buses (
        name TEXT NOT NULL PRIMARY KEY,
        description TEXT,
        tags TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE rules (
        bus TEXT NOT NULL,
        name TEXT NOT NULL,
        event_pattern TEXT,
        schedule_expression TEXT,
        state TEXT NOT NULL CHECK (state IN ('ENABLED', 'DISABLED')),
        description TEXT,
        role_arn TEXT,
        tags TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (bus, name)
      ) STRICT;

      CREATE TABLE targets (
        bus TEXT NOT NULL,
        rule TEXT NOT NULL,
        id TEXT NOT NULL,
        arn TEXT NOT NULL,
        input TEXT,
        input_path TEXT,
        input_transformer TEXT,
        retry_policy TEXT,
        dead_letter_arn TEXT,
        sqs_message_group_id TEXT,
        PRIMARY KEY (bus, rule, id)
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: "archives, archived events and replays",
    // Archived events are read by archive in (archived_at_ms, sequence) order, for replays and for expiry:
    // one index gives both. The rowid is the sequence (AUTOINCREMENT: never reused after a delete, so a
    // replay's position stays meaningful). An archive's counters live in its row and change in the same
    // savepoint as its events, so DescribeArchive never counts. A replay is one JSON record: read and
    // written whole, a handful per archive.
    sql: `
      CREATE TABLE archives (
        name TEXT NOT NULL PRIMARY KEY,
        bus TEXT NOT NULL,
        description TEXT,
        event_pattern TEXT,
        retention_days INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        event_count INTEGER NOT NULL DEFAULT 0,
        size_bytes INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE archived_events (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        archive TEXT NOT NULL,
        archived_at_ms INTEGER NOT NULL,
        size_bytes INTEGER NOT NULL,
        event TEXT NOT NULL
      ) STRICT;
      CREATE INDEX archived_events_by_time ON archived_events (archive, archived_at_ms, sequence);

      CREATE TABLE replays (
        name TEXT NOT NULL PRIMARY KEY,
        record TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: "compact messages: binary message ids, no messages_by_sent_at",
    // Disk per queued message was the target missed (≤ 450 bytes for a 300-byte body): a UUID message id
    // is kept as its 16 bytes instead of 36 characters (rows.ts packs and unpacks; other ids stay text,
    // hence ANY), and the oldest message is found through the primary key (queue-sql.ts), so
    // messages_by_sent_at only cost every insert a write and every message ~18 bytes. A column's type
    // cannot change in place: the table is rebuilt, its rows copied once, its other indexes recreated.
    sql: `
      CREATE TABLE messages_v4 (
        queue_id INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        visible_at_ms INTEGER NOT NULL,
        receive_count INTEGER NOT NULL,
        first_received_at_ms INTEGER,
        receipt_token TEXT,
        sent_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        group_id TEXT,
        deduplication_id TEXT,
        message_id ANY NOT NULL,
        system_attributes TEXT,
        message_attributes TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (queue_id, sequence)
      ) STRICT;
      INSERT INTO messages_v4 SELECT * FROM messages;
      DROP TABLE messages;
      ALTER TABLE messages_v4 RENAME TO messages;
      CREATE INDEX messages_by_visibility ON messages (queue_id, visible_at_ms, sequence, receive_count);
      CREATE INDEX messages_by_expiry ON messages (queue_id, expires_at_ms, visible_at_ms);
      CREATE INDEX messages_by_group ON messages (queue_id, group_id, sequence) WHERE group_id IS NOT NULL;
      CREATE INDEX messages_in_flight_by_group ON messages (queue_id, group_id, visible_at_ms)
        WHERE group_id IS NOT NULL AND receive_count > 0;
    `,
  },
  {
    version: 5,
    description: "idempotency records",
    // One row per idempotency key, in Powertools' units: expiry in seconds, in-progress expiry in
    // milliseconds, REAL because Powertools' numbers need not be whole. The conditional put is one upsert
    // whose DO UPDATE has the DynamoDB layer's condition as its WHERE (sqlite-idempotency-store.ts). No
    // expiry index: an expired record is overwritten by the next put of its key, and nothing sweeps.
    // A rowid table: a handler's cached response may run to hundreds of KB.
    sql: `
      CREATE TABLE idempotency_records (
        idempotency_key TEXT NOT NULL PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('INPROGRESS', 'COMPLETED', 'EXPIRED')),
        expires_at_seconds REAL,
        in_progress_expires_at_ms REAL,
        payload_hash TEXT,
        response_data TEXT
      ) STRICT;
    `,
  },
  {
    version: 6,
    description: "event source mappings and event invoke configs",
    // Settings are JSON text: the store keeps them whole and interprets none of them (the registry checks
    // them before they are stored). Rowid tables: `ORDER BY rowid` is the order mappings were first stored,
    // which an upsert keeps. A few rows per function: no index beyond the keys.
    sql: `
      CREATE TABLE event_source_mappings (
        uuid TEXT NOT NULL PRIMARY KEY,
        queue_name TEXT NOT NULL,
        function_name TEXT NOT NULL,
        settings TEXT NOT NULL,
        declared TEXT,
        last_modified_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE event_invoke_configs (
        function_name TEXT NOT NULL PRIMARY KEY,
        settings TEXT NOT NULL,
        declared TEXT NOT NULL,
        last_modified_ms INTEGER NOT NULL
      ) STRICT;
    `,
  },
]);

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((latest, m) => Math.max(latest, m.version), 0);

/**
 * Brings the database up to SCHEMA_VERSION, one transaction per migration, and returns the versions it
 * applied (none when the schema is current). Refuses a database written by a newer Switchyard.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = userVersion(db);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(
      `The database ${db.name} has schema version ${current}, newer than this Switchyard's ${latest}; upgrade Switchyard to open it.`,
    );
  }
  const applied: number[] = [];
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    // IMMEDIATE takes the write lock before reading user_version again, so two processes opening the
    // same new file cannot both apply a migration.
    db.transaction(() => {
      if (userVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}

/** The schema version stored in the database header. */
export function userVersion(db: Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}
