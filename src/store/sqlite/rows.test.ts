import Sqlite from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { migrate } from "./migrations.js";
import { MESSAGE_COLUMNS, messageRowOf, packMessageId, unpackMessageId } from "./rows.js";

describe("message ids on disk", () => {
  test("a canonical UUID is kept as its 16 bytes and read back as the same text", () => {
    const id = "3f0e5c43-8d3a-4c1e-9a53-6a2f1f0f7f10";
    const packed = packMessageId(id);
    expect(Buffer.isBuffer(packed) && packed.length).toBe(16);
    expect(unpackMessageId(packed)).toBe(id);
  });

  test("any other id is kept as the text it is", () => {
    for (const id of [
      "m-1",
      "3F0E5C43-8D3A-4C1E-9A53-6A2F1F0F7F10",
      "3f0e5c438d3a4c1e9a536a2f1f0f7f10",
      "",
    ]) {
      expect(packMessageId(id)).toBe(id);
      expect(unpackMessageId(id)).toBe(id);
    }
  });

  test("every 36-character text packs exactly when it is a canonical UUID, and round-trips either way", () => {
    const canonical = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const text = fc.oneof(
      fc.uuid(),
      fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF-g"), minLength: 36, maxLength: 36 }),
      // A UUID with one character swapped for a near miss: upper case, a non-hex letter, a dash moved.
      fc
        .tuple(fc.uuid(), fc.nat(35), fc.constantFrom(..."gGAF-x0a"))
        .map(([id, at, character]) => `${id.slice(0, at)}${character}${id.slice(at + 1)}`),
    );
    fc.assert(
      fc.property(text, (id) => {
        const packed = packMessageId(id);
        expect(Buffer.isBuffer(packed)).toBe(canonical.test(id));
        expect(unpackMessageId(packed)).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("message rows read as arrays", () => {
  test("MESSAGE_COLUMNS names every column of messages, and messageRowOf gives the row SQLite names", () => {
    const db = new Sqlite(":memory:");
    migrate(db);
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('messages') ORDER BY cid")
      .all()
      .map((row) => (row as { name: string }).name);
    expect([...MESSAGE_COLUMNS].sort()).toEqual([...columns].sort());
    db.prepare(
      `INSERT INTO messages (queue_id, sequence, visible_at_ms, receive_count, first_received_at_ms, receipt_token,
         sent_at_ms, expires_at_ms, group_id, deduplication_id, message_id, system_attributes, message_attributes, body)
       VALUES (1, 2, 3, 4, 5, 't', 6, 7, 'g', 'd', ?, '{"SenderId":"s"}', '{"a":1}', 'body')`,
    ).run(packMessageId("3f0e5c43-8d3a-4c1e-9a53-6a2f1f0f7f10"));
    const select = `SELECT ${MESSAGE_COLUMNS.join(", ")} FROM messages`;
    const named = db.prepare(select).get();
    const values = db.prepare(select).raw(true).get() as unknown[];
    expect(messageRowOf(values)).toEqual(named);
    db.close();
  });
});
