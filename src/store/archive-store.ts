/**
 * The archive part of the Store port: EventBridge archives (which bus, which pattern, how long), the events
 * they keep, and replays with their progress. What an archive accepts and how a replay runs live in
 * runtime/bus; the store keeps the state durable and the counters DescribeArchive reports exact.
 */

/** An archive's definition, as CreateArchive / UpdateArchive set it. */
export interface ArchiveRecord {
  readonly name: string;
  /** The bus whose events it keeps. */
  readonly bus: string;
  readonly description?: string;
  /** The EventPattern as given (JSON text), already validated; absent: every event of the bus. */
  readonly eventPattern?: string;
  /** How long events are kept; 0 keeps them forever (EventBridge's RetentionDays). */
  readonly retentionDays: number;
  readonly createdAtMs: number;
}

/** An archive with the counters DescribeArchive reports, kept up to date by every append and expiry. */
export interface ArchiveSummary extends ArchiveRecord {
  readonly eventCount: number;
  readonly sizeBytes: number;
}

/** An event to keep in an archive. */
export interface ArchivedEventInput {
  readonly archive: string;
  /** When the bus received it: what retention and a replay's time window count from. */
  readonly archivedAtMs: number;
  /** The event as JSON text. */
  readonly event: string;
}

/** An event as an archive keeps it; `sequence` orders events archived in the same millisecond. */
export interface ArchivedEvent extends ArchivedEventInput {
  readonly sequence: number;
}

/** A place in an archive's (archivedAtMs, sequence) order: where a replay has got to. */
export interface ArchivePosition {
  readonly archivedAtMs: number;
  readonly sequence: number;
}

/** Which archived events to read: a time window [fromMs, toMs], after a position, at most `limit`. */
export interface ArchiveRead {
  readonly archive: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly after?: ArchivePosition;
  readonly limit: number;
}

/** A replay's states (API_DescribeReplay): STARTING → RUNNING → COMPLETED, or CANCELLING → CANCELLED. */
export const ReplayState = {
  Starting: "STARTING",
  Running: "RUNNING",
  Cancelling: "CANCELLING",
  Completed: "COMPLETED",
  Cancelled: "CANCELLED",
  Failed: "FAILED",
} as const;
/** One of the replay states. */
export type ReplayState = (typeof ReplayState)[keyof typeof ReplayState];

/** A replay: what it replays, where to, and how far it has got. */
export interface ReplayRecord {
  readonly name: string;
  readonly description?: string;
  readonly archive: string;
  /** The bus the events go back to (the archive's own bus). */
  readonly bus: string;
  /** Destination.FilterArns: only these rules (by ARN) receive the events; absent: every rule. */
  readonly ruleArns?: readonly string[];
  readonly eventStartMs: number;
  readonly eventEndMs: number;
  readonly state: ReplayState;
  readonly stateReason?: string;
  readonly startedAtMs: number;
  readonly endedAtMs?: number;
  /** The archive time of the last event replayed (EventLastReplayedTime). */
  readonly lastReplayedAtMs?: number;
  /** The last event replayed, where a resumed replay continues. */
  readonly position?: ArchivePosition;
}

/** The archive store port. */
export interface ArchiveStore {
  /** Creates an archive, or replaces its definition when it exists (its events and counters stay). */
  putArchive(archive: ArchiveRecord): Promise<void>;
  getArchive(name: string): Promise<ArchiveSummary | undefined>;
  /** Archives by name order, optionally those whose name starts with `prefix`. */
  listArchives(prefix?: string): Promise<ArchiveSummary[]>;
  /** Deletes an archive and every event it keeps; returns whether it existed. */
  deleteArchive(name: string): Promise<boolean>;

  /**
   * Keeps events, in one transaction, counting them in their archives. An event for an archive that no
   * longer exists is skipped: the archive was deleted while the event was on its way, nothing waits for it.
   */
  append(events: readonly ArchivedEventInput[]): Promise<void>;
  /** Events of an archive in (archivedAtMs, sequence) order within the window, after `after`. */
  read(request: ArchiveRead): Promise<ArchivedEvent[]>;
  /** Drops up to `limit` events archived before `beforeMs`, oldest first; returns how many. */
  expire(archive: string, beforeMs: number, limit: number): Promise<number>;

  /** Creates or replaces a replay. */
  putReplay(replay: ReplayRecord): Promise<void>;
  getReplay(name: string): Promise<ReplayRecord | undefined>;
  /** Replays by name order, optionally those whose name starts with `prefix`. */
  listReplays(prefix?: string): Promise<ReplayRecord[]>;
}
