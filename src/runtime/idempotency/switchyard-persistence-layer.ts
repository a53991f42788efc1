import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer, IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import type { IdempotencyRecordOptions } from "@aws-lambda-powertools/idempotency/types";
import { ValidationError } from "../../core/errors.js";
import type { IdempotencyStore, StoredIdempotencyRecord } from "../../store/idempotency-store.js";
import { createSqliteIdempotencyStore } from "../../store/sqlite/sqlite-idempotency-store.js";
import { IN_MEMORY } from "../../store/sqlite/sqlite-options.js";

/** The environment variable naming the data directory of the Switchyard that runs a function. */
export const DATA_DIRECTORY_VARIABLE = "SWITCHYARD_DATA_DIRECTORY";

/**
 * Where the records live: a store given (the in-memory one, in unit tests), or the SQLite database of a
 * Switchyard data directory, by default the one SWITCHYARD_DATA_DIRECTORY names.
 */
export type SwitchyardPersistenceLayerOptions =
  | { readonly store: IdempotencyStore; readonly dataDirectory?: never; readonly busyTimeoutMs?: never }
  | {
      readonly store?: never;
      /** The Switchyard data directory; default: the SWITCHYARD_DATA_DIRECTORY environment variable. */
      readonly dataDirectory?: string;
      /** How long a write waits for another connection's write lock (the store's default otherwise). */
      readonly busyTimeoutMs?: number;
    };

/**
 * A persistence layer for the Powertools idempotency utility on Switchyard's store, in place of
 * `DynamoDBPersistenceLayer`: the same records, the same conditional put, the same errors, so a handler
 * moves between Switchyard and AWS by changing only which layer it constructs.
 *
 * Without a `store` it opens a connection of its own to `<dataDirectory>/switchyard.db` when constructed,
 * and keeps it for the life of the execution environment, as a DynamoDB client is kept. Every connection
 * on that file (Switchyard's, every worker thread's, other processes') shares the records, and the
 * conditional put is atomic across all of them.
 * @example
 * import { makeIdempotent } from "@aws-lambda-powertools/idempotency";
 * import { SwitchyardPersistenceLayer } from "<switchyard>/runtime/idempotency"; // see README.md
 *
 * const persistenceStore = new SwitchyardPersistenceLayer();
 * export const handler = makeIdempotent(async (event: { orderId: string }) => charge(event), { persistenceStore });
 */
export class SwitchyardPersistenceLayer extends BasePersistenceLayer {
  readonly #store: IdempotencyStore;
  readonly #close: () => Promise<void>;

  constructor(options: SwitchyardPersistenceLayerOptions = {}) {
    super();
    if (options.store !== undefined) {
      this.#store = options.store;
      this.#close = async () => {};
      return;
    }
    const dataDirectory = options.dataDirectory ?? process.env[DATA_DIRECTORY_VARIABLE];
    if (dataDirectory === undefined || dataDirectory === "") {
      throw new ValidationError(
        `SwitchyardPersistenceLayer needs a data directory: pass dataDirectory or set ${DATA_DIRECTORY_VARIABLE}.`,
        { dataDirectory },
      );
    }
    if (dataDirectory === IN_MEMORY) {
      // Every connection to ":memory:" is a database of its own: records would not be shared, silently.
      throw new ValidationError(
        `SwitchyardPersistenceLayer cannot share an in-memory database (${IN_MEMORY}); pass a store instead.`,
        { dataDirectory },
      );
    }
    const handle = createSqliteIdempotencyStore({
      dataDirectory,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
    this.#store = handle.store;
    this.#close = handle.close;
  }

  /** Closes the connection this layer opened (none when it was given a store). */
  close(): Promise<void> {
    return this.#close();
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    // Date.now(), not an injected clock: Powertools computes the record's expiries from Date.now(), and the
    // DynamoDB layer compares them with Date.now() too.
    const result = await this.#store.putIfAvailable(
      {
        key: record.idempotencyKey,
        status: record.getStatus(),
        ...(record.expiryTimestamp === undefined ? {} : { expiresAtSeconds: record.expiryTimestamp }),
        ...(record.inProgressExpiryTimestamp === undefined
          ? {}
          : { inProgressExpiresAtMs: record.inProgressExpiryTimestamp }),
        // The DynamoDB layer writes the hash only when payload validation is on.
        ...(this.isPayloadValidationEnabled() && record.payloadHash !== undefined
          ? { payloadHash: record.payloadHash }
          : {}),
      },
      Date.now(),
    );
    if (!result.stored) {
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        toPowertoolsRecord(result.existing),
      );
    }
  }

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const stored = await this.#store.get(idempotencyKey);
    if (stored === undefined) {
      throw new IdempotencyItemNotFoundError(`Item does not exist in persistence store: ${idempotencyKey}`);
    }
    return toPowertoolsRecord(stored);
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await this.#store.update({
      key: record.idempotencyKey,
      status: record.getStatus(),
      ...(record.expiryTimestamp === undefined ? {} : { expiresAtSeconds: record.expiryTimestamp }),
      ...(record.responseData === undefined ? {} : { responseData: JSON.stringify(record.responseData) }),
      ...(this.isPayloadValidationEnabled() && record.payloadHash !== undefined
        ? { payloadHash: record.payloadHash }
        : {}),
    });
  }

  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.#store.delete(record.idempotencyKey);
  }
}

/** A stored record as Powertools' IdempotencyRecord, its response parsed back from JSON. */
function toPowertoolsRecord(stored: StoredIdempotencyRecord): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey: stored.key,
    status: stored.status,
    ...(stored.expiresAtSeconds === undefined ? {} : { expiryTimestamp: stored.expiresAtSeconds }),
    ...(stored.inProgressExpiresAtMs === undefined
      ? {}
      : { inProgressExpiryTimestamp: stored.inProgressExpiresAtMs }),
    ...(stored.responseData === undefined
      ? {}
      : { responseData: JSON.parse(stored.responseData) as IdempotencyRecordOptions["responseData"] }),
    ...(stored.payloadHash === undefined ? {} : { payloadHash: stored.payloadHash }),
  });
}
