import type { Database, Statement, Transaction } from "better-sqlite3";

interface PendingWrite {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: the writes submitted during one turn of the event loop run together in ONE SQLite
 * transaction, so a batch costs one commit (one fsync under durability "full") instead of one per call.
 * A write that throws rejects only its own caller, and the others of the batch still commit: the batch
 * first runs without savepoints (a savepoint per write cost ~5% of the bus's time), and when a write
 * throws it is rolled back whole and run again with each write in its own savepoint. Every promise
 * settles only after the batch has committed (or failed as a whole), so a resolved write is a durable
 * write.
 * @example
 * const commits = new GroupCommit(db);
 * const sequence = await commits.submit(() => insertMessage(...));
 */
export class GroupCommit {
  readonly #db: Database;
  #pending: PendingWrite[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #closed = false;
  /** Told when cached reads may be stale: another connection committed, or a write was rolled back. */
  readonly #resetListeners: (() => void)[] = [];
  /** `PRAGMA data_version`: it changes when another connection (thread, process) commits to the file. */
  readonly #dataVersion: Statement<[], number>;
  #lastDataVersion: number;
  /** Runs one write inside the batch; nested in the batch's transaction, better-sqlite3 makes it a SAVEPOINT. */
  readonly #runInSavepoint: (run: () => unknown) => unknown;
  readonly #runBatch: Transaction<(batch: readonly PendingWrite[]) => Outcome[]>;
  /** The batch with no savepoints: every write succeeds, or the transaction rolls back and throws. */
  readonly #runBatchTogether: Transaction<(batch: readonly PendingWrite[]) => Outcome[]>;

  constructor(db: Database) {
    this.#db = db;
    this.#dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
    this.#lastDataVersion = this.#dataVersion.get() as number;
    this.#runInSavepoint = db.transaction((run: () => unknown) => run());
    this.#runBatchTogether = db.transaction((batch: readonly PendingWrite[]) => {
      this.noticeOtherWriters();
      return batch.map((write): Outcome => ({ ok: true, value: write.run() }));
    });
    this.#runBatch = db.transaction((batch: readonly PendingWrite[]) => {
      // Under the write lock no one else can commit until this batch has: caches checked now hold for it.
      this.noticeOtherWriters();
      return batch.map((write): Outcome => {
        try {
          return { ok: true, value: this.#runInSavepoint(write.run) };
        } catch (error) {
          for (const listener of this.#resetListeners) listener();
          // Some errors (SQLITE_FULL, SQLITE_IOERR, …) make SQLite roll the whole transaction back; the
          // writes before this one are then gone too, so the batch fails as a whole.
          if (!this.#db.inTransaction) throw error;
          return { ok: false, error };
        }
      });
    });
  }

  /**
   * Registers a cache to drop whenever what it read may have changed without its knowing: when another
   * connection has committed (seen at the start of every batch and by `noticeOtherWriters`), and after a write
   * is rolled back. The cache's owner drops it itself when its own writes change what it holds.
   */
  onReset(listener: () => void): void {
    this.#resetListeners.push(listener);
  }

  /**
   * Tells the caches when another connection has committed since the last look: what a read that serves from
   * a cache calls first. Commits of this connection do not count (its own writes keep its caches current).
   */
  noticeOtherWriters(): void {
    const version = this.#dataVersion.get() as number;
    if (version === this.#lastDataVersion) return;
    this.#lastDataVersion = version;
    for (const listener of this.#resetListeners) listener();
  }

  /** Queues a synchronous write for the current batch; settles with its result once the batch commits. */
  submit<T>(run: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("The SQLite store is closed."));
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate rather than a microtask: it also gathers the writes of every I/O callback (every HTTP
      // request) handled in the same event-loop iteration.
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits the pending batch now (close() does, so no submitted write is left behind). */
  flush(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.#commit(batch);
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  /**
   * Runs a batch together; when a write throws (the transaction is rolled back), runs it again with each
   * write in its own savepoint, so that only the writes that fail are refused. Writes read what they
   * change inside the transaction, so running one again after a rollback does the same.
   */
  #commit(batch: readonly PendingWrite[]): Outcome[] {
    try {
      return this.#runBatchTogether.immediate(batch);
    } catch (error) {
      for (const listener of this.#resetListeners) listener();
      if (batch.length === 1) return [{ ok: false, error }];
    }
    return this.#runBatch.immediate(batch);
  }

  /** Commits what is pending and refuses further writes. */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}
