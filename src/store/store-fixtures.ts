import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import type { NewMessage, QueueRecord } from "./queue-store.js";

/*
 * Builders the store's tests share (the contracts and each adapter's own tests); not part of the store.
 */

/** A queue record with fixed timestamps. */
export function queueRecord(
  name: string,
  fifo = false,
  attributes: Record<string, string> = {},
): QueueRecord {
  return { name, fifo, attributes, tags: {}, createdAtMs: 1_000, updatedAtMs: 1_000 };
}

/** A message builder numbering its messages m-1, m-2 … (bodies body-1 …), visible at 1,000. */
export function createMessageFactory(): (overrides?: Partial<NewMessage>) => NewMessage {
  let next = 0;
  return (overrides = {}) => {
    next++;
    return {
      messageId: `m-${next}`,
      body: `body-${next}`,
      messageAttributes: null,
      systemAttributes: null,
      sentAtMs: 1_000,
      visibleAtMs: 1_000,
      expiresAtMs: 1_000_000,
      groupId: null,
      deduplicationId: null,
      receiveCount: 0,
      firstReceivedAtMs: null,
      ...overrides,
    };
  };
}

/** Receipt tokens t1, t2 …. */
export function createTokenSource(): () => string {
  let next = 0;
  return () => `t${++next}`;
}

/** A fresh directory under the OS temp directory, and how to remove it with all it holds. */
export function createTempDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "switchyard-sqlite-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** What EXPLAIN QUERY PLAN says of a statement, one line a step. */
export function queryPlan(db: Database, sql: string, ...params: unknown[]): string {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => row.detail)
    .join("\n");
}
