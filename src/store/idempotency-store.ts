/**
 * The idempotency part of the Store port: the records AWS Lambda Powertools' idempotency utility keeps, one
 * per idempotency key, and the conditional put that decides which invocation of a key runs. The utility's
 * rules (hashing, payload validation, what a caller gets back) live in Powertools and in
 * runtime/idempotency; the store keeps the records durable and makes the conditional put atomic.
 */

/**
 * A record's status, as Powertools writes it (`IdempotencyRecordStatus` in
 * `@aws-lambda-powertools/idempotency`). Records are written INPROGRESS and then COMPLETED; EXPIRED is what
 * Powertools reports for a record whose expiry has passed, and it writes it only for a record that is
 * already expired when written (an `expiresAfterSeconds` that rounds to the past), as its DynamoDB layer does.
 */
export const IdempotencyStatus = {
  InProgress: "INPROGRESS",
  Completed: "COMPLETED",
  Expired: "EXPIRED",
} as const;
/** One of the idempotency record statuses. */
export type IdempotencyStatus = (typeof IdempotencyStatus)[keyof typeof IdempotencyStatus];

/** An idempotency record, with Powertools' units: expiry in seconds, in-progress expiry in milliseconds. */
export interface StoredIdempotencyRecord {
  /** The idempotency key: the function's prefix and the hash of the event (or of its key by JMESPath). */
  readonly key: string;
  readonly status: IdempotencyStatus;
  /**
   * When the record stops counting, in seconds since the epoch (Powertools' `expiryTimestamp`, DynamoDB's
   * `expiration`). Absent: it never expires.
   */
  readonly expiresAtSeconds?: number;
  /**
   * When an INPROGRESS record may be taken over, in milliseconds since the epoch: the invocation's start
   * plus its remaining time (Powertools' `inProgressExpiryTimestamp`). Absent when the handler registered
   * no Lambda context; such a record is held until it expires.
   */
  readonly inProgressExpiresAtMs?: number;
  /** What the handler returned, as JSON text; absent until it completed (or when it returned nothing). */
  readonly responseData?: string;
  /** The hash of the validated part of the event (payload validation); absent when validation is off. */
  readonly payloadHash?: string;
}

/** A new record for the conditional put: it has no response yet. */
export type IdempotencyRecordInput = Omit<StoredIdempotencyRecord, "responseData">;

/**
 * A change to a record, as Powertools' `_updateRecord` makes it: status and expiry are set, the response
 * and payload hash when given; absent members keep their values.
 */
export interface IdempotencyRecordUpdate {
  readonly key: string;
  readonly status: IdempotencyStatus;
  readonly expiresAtSeconds?: number;
  readonly responseData?: string;
  readonly payloadHash?: string;
}

/** The outcome of a conditional put: stored, or refused with the record that holds the key. */
export type IdempotencyPutResult =
  | { readonly stored: true }
  | { readonly stored: false; readonly existing: StoredIdempotencyRecord };

/** The idempotency store port. */
export interface IdempotencyStore {
  /**
   * Stores `record` (replacing every member of a record it takes over) only when the key is free at
   * `nowMs`: no record holds it, or the one that does has expired (`expiresAtSeconds < nowMs / 1000`), or
   * it is INPROGRESS with an in-progress expiry before `nowMs`. Otherwise stores nothing and returns the
   * record that holds the key. Atomic: of concurrent puts of one free key, across connections and
   * processes, exactly one is stored. The condition is the DynamoDB persistence layer's.
   */
  putIfAvailable(record: IdempotencyRecordInput, nowMs: number): Promise<IdempotencyPutResult>;
  /** The record of a key, expired or not (the caller judges expiry, as Powertools does). */
  get(key: string): Promise<StoredIdempotencyRecord | undefined>;
  /** Applies an update; creates the record when none exists, as DynamoDB's UpdateItem does. */
  update(update: IdempotencyRecordUpdate): Promise<void>;
  /** Deletes the record of a key; returns whether there was one. */
  delete(key: string): Promise<boolean>;
}
