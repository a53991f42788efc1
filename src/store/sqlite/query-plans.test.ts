import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { migrate } from "./migrations.js";
import { QUEUE_SQL } from "./queue-sql.js";

/**
 * The per-request queries and the one index each must search. A plan that scans, or sorts in a temporary
 * B-tree, does work proportional to the backlog.
 */
const PLANS: readonly { query: keyof typeof QUEUE_SQL; params: unknown[]; index: string }[] = [
  {
    query: "visibleInClaimOrder",
    params: [{ queueId: 1, nowMs: 5_000, afterVisibleAtMs: 0, afterSequence: 0, limit: 10 }],
    index: "messages_by_visibility",
  },
  {
    query: "groupsByAge",
    params: [{ queueId: 1, afterSequence: 0, limit: 16 }],
    index: "fifo_groups_by_age",
  },
  {
    query: "groupInFlight",
    params: [{ queueId: 1, groupId: "g", nowMs: 5_000 }],
    index: "messages_in_flight_by_group",
  },
  {
    query: "groupMessages",
    params: [{ queueId: 1, groupId: "g", nowMs: 5_000, afterSequence: 0, limit: 10 }],
    index: "messages_by_group",
  },
  { query: "groupHead", params: [1, "g"], index: "messages_by_group" },
  { query: "expired", params: [1, 5_000, 100], index: "messages_by_expiry" },
  { query: "hiddenCounts", params: [1, 5_000], index: "messages_by_visibility" },
  { query: "expiredVisibleCount", params: [{ queueId: 1, nowMs: 5_000 }], index: "messages_by_expiry" },
  { query: "oldestSentAt", params: [1], index: "sqlite_autoindex_messages_1" },
  { query: "nextVisibleAt", params: [1, 5_000], index: "messages_by_visibility" },
  { query: "messageBySequence", params: [1, 7], index: "sqlite_autoindex_messages_1" },
  { query: "queuesByNamePattern", params: ["orders*"], index: "sqlite_autoindex_queues_1" },
];

describe("query plans", () => {
  const db = new Sqlite(":memory:");
  migrate(db);
  afterAll(() => void db.close());

  const plan = (query: keyof typeof QUEUE_SQL, params: unknown[]) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${QUEUE_SQL[query]}`)
      .all(...params)
      .map((row) => row.detail);

  test.each(PLANS)("$query searches $index and neither scans nor sorts", ({ query, params, index }) => {
    const details = plan(query, params);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(
      new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX ${index} \\((queue_id|name)[=>]\\?`),
    );
    expect(details.join("\n")).not.toMatch(/SCAN|TEMP B-TREE/);
  });

  test("the standard claim reads a range of messages_by_visibility that ends at now, in claim order", () => {
    expect(plan("visibleInClaimOrder", PLANS[0]?.params ?? [])).toEqual([
      "SEARCH messages USING INDEX messages_by_visibility (queue_id=? AND (visible_at_ms,sequence)>(?,?) AND visible_at_ms<?)",
    ]);
  });

  test("counts() counts the hidden range of messages_by_visibility without reading the table", () => {
    expect(plan("hiddenCounts", [1, 5_000])).toEqual([
      "SEARCH messages USING COVERING INDEX messages_by_visibility (queue_id=? AND visible_at_ms>?)",
    ]);
  });
});
