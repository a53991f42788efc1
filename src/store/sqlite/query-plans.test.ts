import Sqlite from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { migrate } from "./migrations.js";
import { LIMITED_QUEUE_SQL, QUEUE_SQL } from "./queue-sql.js";

/**
 * The per-request queries and the one index each must search. A plan that scans, or sorts in a temporary
 * B-tree, does work proportional to the backlog.
 */
const PLANS: readonly { query: string; sql: string; params: unknown[]; index: string }[] = [
  {
    query: "visibleInClaimOrder",
    sql: LIMITED_QUEUE_SQL.visibleInClaimOrder(10),
    params: [1, 5_000, 0, 0, 5_000],
    index: "messages_by_visibility",
  },
  {
    query: "groupsByAge",
    sql: LIMITED_QUEUE_SQL.groupsByAge(16),
    params: [{ queueId: 1, afterSequence: 0 }],
    index: "fifo_groups_by_age",
  },
  {
    query: "groupInFlight",
    sql: QUEUE_SQL.groupInFlight,
    params: [{ queueId: 1, groupId: "g", nowMs: 5_000 }],
    index: "messages_in_flight_by_group",
  },
  {
    query: "groupMessages",
    sql: LIMITED_QUEUE_SQL.groupMessages(10),
    params: [{ queueId: 1, groupId: "g", nowMs: 5_000, afterSequence: 0 }],
    index: "messages_by_group",
  },
  ...(
    [
      ["groupHead", [1, "g"], "messages_by_group"],
      ["expired", [1, 5_000, 100], "messages_by_expiry"],
      ["hiddenCounts", [1, 5_000], "messages_by_visibility"],
      ["expiredVisibleCount", [{ queueId: 1, nowMs: 5_000 }], "messages_by_expiry"],
      ["oldestSentAt", [1], "sqlite_autoindex_messages_1"],
      ["nextVisibleAt", [1, 5_000], "messages_by_visibility"],
      ["messageBySequence", [1, 7], "sqlite_autoindex_messages_1"],
      ["queuesByNamePattern", ["orders*"], "sqlite_autoindex_queues_1"],
    ] as const
  ).map(([query, params, index]) => ({ query, sql: QUEUE_SQL[query], params: [...params], index })),
];

describe("query plans", () => {
  const db = new Sqlite(":memory:");
  migrate(db);
  afterAll(() => void db.close());

  const plan = (sql: string, params: unknown[]) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);

  test.each(PLANS)("$query searches $index and neither scans nor sorts", ({ sql, params, index }) => {
    const details = plan(sql, params);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(
      new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX ${index} \\((queue_id|name)[=>]\\?`),
    );
    expect(details.join("\n")).not.toMatch(/SCAN|TEMP B-TREE/);
  });

  test("the standard claim reads a range of messages_by_visibility that ends at now, in claim order", () => {
    expect(plan(LIMITED_QUEUE_SQL.visibleInClaimOrder(10), PLANS[0]?.params ?? [])).toEqual([
      "SEARCH messages USING INDEX messages_by_visibility (queue_id=? AND (visible_at_ms,sequence)>(?,?) AND visible_at_ms<?)",
    ]);
  });

  test("counts() counts the hidden range of messages_by_visibility without reading the table", () => {
    expect(plan(QUEUE_SQL.hiddenCounts, [1, 5_000])).toEqual([
      "SEARCH messages USING COVERING INDEX messages_by_visibility (queue_id=? AND visible_at_ms>?)",
    ]);
  });

  test("a limit written into a statement is a non-negative integer or refused", () => {
    expect(LIMITED_QUEUE_SQL.visibleInClaimOrder(0)).toMatch(/LIMIT 0$/);
    for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => LIMITED_QUEUE_SQL.visibleInClaimOrder(limit)).toThrow(RangeError);
    }
  });
});
