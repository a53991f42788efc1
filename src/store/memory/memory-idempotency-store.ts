import type {
  IdempotencyPutResult,
  IdempotencyRecordInput,
  IdempotencyRecordUpdate,
  IdempotencyStore,
  StoredIdempotencyRecord,
} from "../idempotency-store.js";
import { IdempotencyStatus } from "../idempotency-store.js";

/** Whether a record leaves its key free at `nowMs`: the condition of the DynamoDB layer's put. */
function isAvailable(existing: StoredIdempotencyRecord, nowMs: number): boolean {
  if (existing.expiresAtSeconds !== undefined && existing.expiresAtSeconds < nowMs / 1000) return true;
  return (
    existing.status === IdempotencyStatus.InProgress &&
    existing.inProgressExpiresAtMs !== undefined &&
    existing.inProgressExpiresAtMs < nowMs
  );
}

/** A frozen copy of a record without its absent members. */
function freeze(record: StoredIdempotencyRecord): StoredIdempotencyRecord {
  return Object.freeze(
    Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)),
  ) as StoredIdempotencyRecord;
}

/**
 * The IdempotencyStore in memory, for unit tests and throwaway runs: one process, one map. The conditional
 * put checks and sets in one synchronous step, so it is atomic among the callers of this process.
 * @example
 * const store = createMemoryIdempotencyStore();
 * await store.putIfAvailable({ key: "fn#abc", status: "INPROGRESS", expiresAtSeconds: 1_900_000_000 }, Date.now());
 */
export function createMemoryIdempotencyStore(): IdempotencyStore {
  const records = new Map<string, StoredIdempotencyRecord>();
  return {
    async putIfAvailable(record: IdempotencyRecordInput, nowMs: number): Promise<IdempotencyPutResult> {
      const existing = records.get(record.key);
      if (existing !== undefined && !isAvailable(existing, nowMs)) return { stored: false, existing };
      records.set(record.key, freeze(record));
      return { stored: true };
    },
    async get(key) {
      return records.get(key);
    },
    async update(update: IdempotencyRecordUpdate) {
      records.set(update.key, freeze({ ...records.get(update.key), ...freeze(update) }));
    },
    async delete(key) {
      return records.delete(key);
    },
  };
}
