import type { Database, Statement } from "better-sqlite3";
import type {
  ArchivedEvent,
  ArchivedEventInput,
  ArchiveRead,
  ArchiveRecord,
  ArchiveStore,
  ArchiveSummary,
  ReplayRecord,
} from "../archive-store.js";
import { globPrefix } from "./bus-sql.js";
import type { GroupCommit } from "./group-commit.js";

/** A row of `archives`. */
interface ArchiveRow {
  readonly name: string;
  readonly bus: string;
  readonly description: string | null;
  readonly event_pattern: string | null;
  readonly retention_days: number;
  readonly created_at_ms: number;
  readonly event_count: number;
  readonly size_bytes: number;
}

/** A row of `archived_events`. */
interface ArchivedEventRow {
  readonly sequence: number;
  readonly archive: string;
  readonly archived_at_ms: number;
  readonly event: string;
}

/** Every statement the SQLite archive store runs (query-plan tests read them here). */
export const ARCHIVE_SQL = Object.freeze({
  archiveByName: "SELECT * FROM archives WHERE name = ?",
  archivesByNamePattern: "SELECT * FROM archives WHERE name GLOB ? ORDER BY name",
  // The counters are the store's own: a definition change never resets them.
  upsertArchive: `
    INSERT INTO archives (name, bus, description, event_pattern, retention_days, created_at_ms)
    VALUES (@name, @bus, @description, @event_pattern, @retention_days, @created_at_ms)
    ON CONFLICT (name) DO UPDATE SET
      bus = excluded.bus, description = excluded.description, event_pattern = excluded.event_pattern,
      retention_days = excluded.retention_days, created_at_ms = excluded.created_at_ms`,
  deleteArchive: "DELETE FROM archives WHERE name = ?",
  deleteArchiveEvents: "DELETE FROM archived_events WHERE archive = ?",
  insertEvent: `
    INSERT INTO archived_events (archive, archived_at_ms, size_bytes, event)
    SELECT @archive, @archived_at_ms, @size_bytes, @event WHERE EXISTS (SELECT 1 FROM archives WHERE name = @archive)`,
  countIn: "UPDATE archives SET event_count = event_count + ?, size_bytes = size_bytes + ? WHERE name = ?",
  // Row values compare (archived_at_ms, sequence) as one key, so the index serves the "after" bound too.
  readWindow: `
    SELECT sequence, archive, archived_at_ms, event FROM archived_events
    WHERE archive = @archive AND archived_at_ms >= @from_ms AND archived_at_ms <= @to_ms
      AND (archived_at_ms, sequence) > (@after_ms, @after_sequence)
    ORDER BY archived_at_ms, sequence LIMIT @limit`,
  expiring: `
    SELECT sequence, size_bytes FROM archived_events
    WHERE archive = ? AND archived_at_ms < ? ORDER BY archived_at_ms, sequence LIMIT ?`,
  deleteEvent: "DELETE FROM archived_events WHERE sequence = ?",
  upsertReplay: `
    INSERT INTO replays (name, record) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET record = excluded.record`,
  replayByName: "SELECT record FROM replays WHERE name = ?",
  replaysByNamePattern: "SELECT record FROM replays WHERE name GLOB ? ORDER BY name",
});

const toSummary = (row: ArchiveRow): ArchiveSummary => ({
  name: row.name,
  bus: row.bus,
  ...(row.description === null ? {} : { description: row.description }),
  ...(row.event_pattern === null ? {} : { eventPattern: row.event_pattern }),
  retentionDays: row.retention_days,
  createdAtMs: row.created_at_ms,
  eventCount: row.event_count,
  sizeBytes: row.size_bytes,
});

const toEvent = (row: ArchivedEventRow): ArchivedEvent => ({
  archive: row.archive,
  archivedAtMs: row.archived_at_ms,
  sequence: row.sequence,
  event: row.event,
});

/**
 * The ArchiveStore on SQLite, sharing the database and group commit of the other stores: archiving joins
 * the transaction of the PutEvents batch that delivered the same events.
 */
export class SqliteArchiveStore implements ArchiveStore {
  readonly #db: Database;
  readonly #commits: GroupCommit;
  readonly #statements: { readonly [K in keyof typeof ARCHIVE_SQL]: Statement };

  /** Uses an open, migrated database and the group commit that owns its writes. */
  constructor(db: Database, commits: GroupCommit) {
    this.#db = db;
    this.#commits = commits;
    this.#statements = Object.fromEntries(
      Object.entries(ARCHIVE_SQL).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as { [K in keyof typeof ARCHIVE_SQL]: Statement };
  }

  async putArchive(archive: ArchiveRecord): Promise<void> {
    const row = {
      name: archive.name,
      bus: archive.bus,
      description: archive.description ?? null,
      event_pattern: archive.eventPattern ?? null,
      retention_days: archive.retentionDays,
      created_at_ms: archive.createdAtMs,
    };
    await this.#commits.submit(() => this.#statements.upsertArchive.run(row));
  }

  async getArchive(name: string): Promise<ArchiveSummary | undefined> {
    this.#assertOpen();
    const row = this.#statements.archiveByName.get(name) as ArchiveRow | undefined;
    return row === undefined ? undefined : toSummary(row);
  }

  async listArchives(prefix = ""): Promise<ArchiveSummary[]> {
    this.#assertOpen();
    return (this.#statements.archivesByNamePattern.all(globPrefix(prefix)) as ArchiveRow[]).map(toSummary);
  }

  deleteArchive(name: string): Promise<boolean> {
    return this.#commits.submit(() => {
      this.#statements.deleteArchiveEvents.run(name);
      return this.#statements.deleteArchive.run(name).changes > 0;
    });
  }

  async append(events: readonly ArchivedEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await this.#commits.submit(() => {
      const added = new Map<string, { count: number; bytes: number }>();
      for (const event of events) {
        const size = Buffer.byteLength(event.event);
        const inserted = this.#statements.insertEvent.run({
          archive: event.archive,
          archived_at_ms: event.archivedAtMs,
          size_bytes: size,
          event: event.event,
        });
        if (inserted.changes === 0) continue;
        const total = added.get(event.archive) ?? { count: 0, bytes: 0 };
        added.set(event.archive, { count: total.count + 1, bytes: total.bytes + size });
      }
      for (const [archive, { count, bytes }] of added) this.#statements.countIn.run(count, bytes, archive);
    });
  }

  async read(request: ArchiveRead): Promise<ArchivedEvent[]> {
    this.#assertOpen();
    const rows = this.#statements.readWindow.all({
      archive: request.archive,
      from_ms: request.fromMs,
      to_ms: request.toMs,
      after_ms: request.after?.archivedAtMs ?? Number.MIN_SAFE_INTEGER,
      after_sequence: request.after?.sequence ?? 0,
      limit: request.limit,
    }) as ArchivedEventRow[];
    return rows.map(toEvent);
  }

  expire(archive: string, beforeMs: number, limit: number): Promise<number> {
    return this.#commits.submit(() => {
      const rows = this.#statements.expiring.all(archive, beforeMs, limit) as {
        sequence: number;
        size_bytes: number;
      }[];
      let bytes = 0;
      for (const row of rows) {
        this.#statements.deleteEvent.run(row.sequence);
        bytes += row.size_bytes;
      }
      if (rows.length > 0) this.#statements.countIn.run(-rows.length, -bytes, archive);
      return rows.length;
    });
  }

  async putReplay(replay: ReplayRecord): Promise<void> {
    const record = JSON.stringify(replay);
    await this.#commits.submit(() => this.#statements.upsertReplay.run(replay.name, record));
  }

  async getReplay(name: string): Promise<ReplayRecord | undefined> {
    this.#assertOpen();
    const row = this.#statements.replayByName.get(name) as { record: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.record) as ReplayRecord);
  }

  async listReplays(prefix = ""): Promise<ReplayRecord[]> {
    this.#assertOpen();
    const rows = this.#statements.replaysByNamePattern.all(globPrefix(prefix)) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as ReplayRecord);
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error("The SQLite store is closed.");
  }
}
