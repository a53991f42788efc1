import type { Database } from "better-sqlite3";
import { QueueDoesNotExistError } from "../../core/errors.js";
import type {
  ClaimRequest,
  ClaimResult,
  Enqueue,
  EnqueueOutcome,
  MessageRef,
  QueueCounts,
  QueueRecord,
  QueueStore,
  ReceiptOutcome,
} from "../queue-store.js";
import { claimMessages, visibleInClaimOrder } from "./claim-messages.js";
import { enqueueMessages } from "./enqueue-messages.js";
import { GroupCommit } from "./group-commit.js";
import { checkpointOptionsOf, openDatabase } from "./open-database.js";
import { type QueueKey, QueueTables } from "./queue-tables.js";
import { type MessageRow, toNewMessage, toQueueRecord } from "./rows.js";
import { resolveSqliteOptions, type SqliteOptions } from "./sqlite-options.js";
import { startWalCheckpoints } from "./wal-checkpoints.js";

/** How many rows move() reads at a time. */
const MOVE_BATCH = 100;

/**
 * The QueueStore on SQLite. Writes go through group commit (one transaction per event-loop turn, each
 * call all or nothing); reads run directly and see what has committed.
 */
export class SqliteQueueStore implements QueueStore {
  readonly #tables: QueueTables;
  /** Acks waiting for this turn's write (see ack()). */
  #pendingAcks: PendingAck[] | undefined;
  readonly #commits: GroupCommit;
  readonly #db: Database;

  /** Uses an open, migrated database and the group commit that owns its writes. */
  constructor(db: Database, commits: GroupCommit) {
    this.#db = db;
    this.#tables = new QueueTables(db);
    commits.onReset(() => this.#tables.forgetQueueKeys());
    this.#commits = commits;
  }

  async putQueue(queue: QueueRecord): Promise<void> {
    await this.#commits.submit(() => this.#tables.putQueue(queue));
  }

  async getQueue(name: string): Promise<QueueRecord | undefined> {
    this.#assertOpen();
    // Every SendMessage and every delivery asks: served from the tables' cache unless someone else wrote.
    this.#commits.noticeOtherWriters();
    return this.#tables.queueRecord(name);
  }

  async listQueues(prefix = ""): Promise<QueueRecord[]> {
    this.#assertOpen();
    return this.#tables.queuesByPrefix(prefix).map(toQueueRecord);
  }

  deleteQueue(name: string): Promise<boolean> {
    return this.#commits.submit(() => {
      const queue = this.#tables.findQueue(name);
      if (queue === undefined) return false;
      this.#tables.deleteQueue(queue);
      return true;
    });
  }

  enqueue(items: readonly Enqueue[]): Promise<EnqueueOutcome[]> {
    return this.#commits.submit(() => enqueueMessages(this.#tables, items));
  }

  claim(request: ClaimRequest): Promise<ClaimResult> {
    return this.#commits.submit(() => claimMessages(this.#tables, request));
  }

  ack(ref: MessageRef): Promise<ReceiptOutcome> {
    // The acks of one turn (a DeleteMessageBatch, many consumers) run as one write: one statement an ack
    // and one counter update a queue, instead of a write and three statements each.
    return new Promise<ReceiptOutcome>((resolve, reject) => {
      let batch = this.#pendingAcks;
      if (batch === undefined) {
        const acks: PendingAck[] = [];
        batch = acks;
        this.#pendingAcks = acks;
        this.#commits
          .submit(() => {
            this.#pendingAcks = undefined;
            return this.#ackAll(acks);
          })
          .then(
            (outcomes) => {
              acks.forEach((ack, i) => {
                const outcome = outcomes[i] as ReceiptOutcome | Error;
                if (outcome instanceof Error) ack.reject(outcome);
                else ack.resolve(outcome);
              });
            },
            (error: unknown) => {
              for (const ack of acks) ack.reject(error);
            },
          );
      }
      batch.push({ ref, resolve, reject });
    });
  }

  /** Runs a turn's acks queue by queue; a missing queue fails only the acks that named it. */
  #ackAll(acks: readonly PendingAck[]): (ReceiptOutcome | Error)[] {
    const outcomes: (ReceiptOutcome | Error)[] = new Array(acks.length);
    const byQueue = new Map<string, number[]>();
    acks.forEach((ack, i) => {
      const indexes = byQueue.get(ack.ref.queue) ?? [];
      indexes.push(i);
      byQueue.set(ack.ref.queue, indexes);
    });
    for (const [name, indexes] of byQueue) {
      let queue: QueueKey;
      try {
        queue = this.#tables.queueKey(name);
      } catch (error) {
        if (!(error instanceof QueueDoesNotExistError)) throw error;
        for (const i of indexes) outcomes[i] = error;
        continue;
      }
      const results = this.#tables.deleteReceived(
        queue,
        indexes.map((i) => (acks[i] as PendingAck).ref),
      );
      indexes.forEach((ackIndex, j) => {
        outcomes[ackIndex] = results[j] as ReceiptOutcome;
      });
    }
    return outcomes;
  }

  changeVisibility(ref: MessageRef, visibleAtMs: number, nowMs: number): Promise<ReceiptOutcome> {
    return this.#commits.submit(() =>
      this.#withReceipt(ref, (_queue, message) => {
        if (message.visible_at_ms <= nowMs) return "not-in-flight";
        this.#tables.setVisibleAt(message, visibleAtMs);
        return "done";
      }),
    );
  }

  purge(queue: string): Promise<number> {
    return this.#commits.submit(() => this.#tables.purge(this.#tables.queueKey(queue)));
  }

  expire(queue: string, nowMs: number, limit: number): Promise<number> {
    return this.#commits.submit(() => {
      const row = this.#tables.queueKey(queue);
      const expired = this.#tables.expired(row.id, nowMs, limit);
      for (const message of expired) this.#tables.deleteMessage(row, message);
      return expired.length;
    });
  }

  move(from: string, to: string, limit: number, nowMs: number): Promise<number> {
    return this.#commits.submit(() => {
      const source = this.#tables.queueKey(from);
      const target = this.#tables.queueKey(to);
      const moving: MessageRow[] = [];
      if (limit > 0) {
        for (const row of visibleInClaimOrder(this.#tables, source.id, nowMs, Math.min(limit, MOVE_BATCH))) {
          moving.push(row);
          if (moving.length === limit) break;
        }
      }
      for (const row of moving) {
        this.#tables.deleteMessage(source, row);
        this.#tables.insertMessage(target, {
          ...toNewMessage(row),
          visibleAtMs: nowMs,
          receiveCount: 0,
          firstReceivedAtMs: null,
        });
      }
      return moving.length;
    });
  }

  async counts(queue: string, nowMs: number): Promise<QueueCounts> {
    this.#assertOpen();
    const { id } = this.#tables.requireQueue(queue);
    // No count(*) over the queue: the counter, minus the hidden range of messages_by_visibility, minus
    // the visible messages past their retention that expire() has not dropped yet (SQS counts them gone).
    const { hidden, inFlight } = this.#tables.hiddenCounts(id, nowMs);
    const expiredVisible = this.#tables.expiredVisibleCount(id, nowMs);
    return {
      visible: this.#tables.messageCount(id) - hidden - expiredVisible,
      inFlight,
      delayed: hidden - inFlight,
      oldestSentAtMs: this.#tables.oldestSentAtMs(id),
    };
  }

  async nextVisibleAtMs(queue: string, nowMs: number): Promise<number | null> {
    this.#assertOpen();
    const { id } = this.#tables.requireQueue(queue);
    return this.#tables.nextVisibleAtMs(id, nowMs);
  }

  /** Resolves a receipt to its message: "gone" without one, "stale" unless the token is its latest. */
  #withReceipt(
    ref: MessageRef,
    act: (queue: QueueKey, message: MessageRow) => ReceiptOutcome,
  ): ReceiptOutcome {
    const queue = this.#tables.queueKey(ref.queue);
    const message = this.#tables.message(queue, ref.sequence);
    if (message === undefined) return "gone";
    if (message.receipt_token !== ref.receiptToken) return "stale";
    return act(queue, message);
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error("The SQLite store is closed.");
  }
}

/** An ack waiting to run with the others of its turn. */
interface PendingAck {
  readonly ref: MessageRef;
  readonly resolve: (outcome: ReceiptOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** A SqliteQueueStore that owns its database, and how to close it. */
export interface SqliteQueueStoreHandle {
  readonly store: SqliteQueueStore;
  /** Commits pending writes, stops the checkpoint timer and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the database of a data directory and a queue store on it.
 * @example
 * const { store, close } = createSqliteQueueStore({ dataDirectory: ".switchyard", durability: "full" });
 * await store.putQueue(record);
 * await close();
 */
export function createSqliteQueueStore(options: SqliteOptions): SqliteQueueStoreHandle {
  const resolved = resolveSqliteOptions(options);
  const db = openDatabase(resolved);
  const commits = new GroupCommit(db);
  const stopCheckpoints = startWalCheckpoints(db, checkpointOptionsOf(resolved));
  const store = new SqliteQueueStore(db, commits);
  let closed = false;
  return {
    store,
    async close() {
      if (closed) return;
      closed = true;
      await stopCheckpoints();
      commits.close();
      db.close();
    },
  };
}
