import { describe, expect, test } from "vitest";
import type {
  IdempotencyRecordInput,
  IdempotencyStore,
  StoredIdempotencyRecord,
} from "./idempotency-store.js";

/**
 * The behaviour every IdempotencyStore adapter must show. Each adapter's test file calls this with a factory
 * for a fresh, empty store. The conditional put is checked member by member against the DynamoDB
 * persistence layer's condition (`attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND
 * attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)`), boundaries included.
 */
export function describeIdempotencyStoreContract(
  adapter: string,
  open: () => Promise<{ store: IdempotencyStore; close: () => Promise<void> }>,
): void {
  describe(`IdempotencyStore contract: ${adapter}`, () => {
    const NOW_MS = 1_700_000_000_500;
    const NOW_SECONDS = NOW_MS / 1000;
    const inProgress = (
      key: string,
      overrides: Partial<IdempotencyRecordInput> = {},
    ): IdempotencyRecordInput => ({
      key,
      status: "INPROGRESS",
      expiresAtSeconds: Math.round(NOW_SECONDS + 3600),
      inProgressExpiresAtMs: NOW_MS + 3_000,
      ...overrides,
    });

    async function withStore(run: (store: IdempotencyStore) => Promise<void>): Promise<void> {
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close();
      }
    }

    test("a put on a free key is stored and read back as written, absent members absent", () =>
      withStore(async (store) => {
        expect(await store.putIfAvailable(inProgress("fn#a", { payloadHash: "h==" }), NOW_MS)).toEqual({
          stored: true,
        });
        expect(await store.get("fn#a")).toEqual(inProgress("fn#a", { payloadHash: "h==" }));
        const bare: IdempotencyRecordInput = { key: "fn#b", status: "INPROGRESS" };
        await store.putIfAvailable(bare, NOW_MS);
        expect(await store.get("fn#b")).toEqual(bare);
        expect(await store.get("fn#missing")).toBeUndefined();
      }));

    test("a key held by a live record is refused with that record, which stays as it was", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#a"), NOW_MS);
        await store.update({
          key: "fn#a",
          status: "COMPLETED",
          expiresAtSeconds: Math.round(NOW_SECONDS + 60),
          responseData: '{"ok":true}',
        });
        const completed: StoredIdempotencyRecord = {
          ...inProgress("fn#a"),
          status: "COMPLETED",
          expiresAtSeconds: Math.round(NOW_SECONDS + 60),
          responseData: '{"ok":true}',
        };
        expect(await store.putIfAvailable(inProgress("fn#a", { payloadHash: "other" }), NOW_MS)).toEqual({
          stored: false,
          existing: completed,
        });
        expect(await store.get("fn#a")).toEqual(completed);
      }));

    test("a record whose expiry is before now (in seconds, strictly) gives its key up", () =>
      withStore(async (store) => {
        // NOW_SECONDS is fractional (…000.5): an expiry at the whole second before it has passed.
        await store.putIfAvailable(inProgress("fn#past", { expiresAtSeconds: Math.floor(NOW_SECONDS) }), 0);
        await store.putIfAvailable(inProgress("fn#equal", { expiresAtSeconds: NOW_SECONDS }), 0);
        const taker = inProgress("fn#past", { inProgressExpiresAtMs: NOW_MS + 9 });
        expect(await store.putIfAvailable(taker, NOW_MS)).toEqual({ stored: true });
        expect(await store.get("fn#past")).toEqual(taker);
        expect(await store.putIfAvailable(inProgress("fn#equal"), NOW_MS)).toMatchObject({ stored: false });
        expect(await store.putIfAvailable(inProgress("fn#equal"), NOW_MS + 1)).toEqual({ stored: true });
      }));

    test("an INPROGRESS record whose in-progress expiry is before now gives its key up", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#timed-out", { inProgressExpiresAtMs: NOW_MS - 1 }), 0);
        await store.putIfAvailable(inProgress("fn#equal", { inProgressExpiresAtMs: NOW_MS }), 0);
        expect(await store.putIfAvailable(inProgress("fn#timed-out"), NOW_MS)).toEqual({ stored: true });
        expect(await store.get("fn#timed-out")).toEqual(inProgress("fn#timed-out"));
        expect(await store.putIfAvailable(inProgress("fn#equal"), NOW_MS)).toEqual({
          stored: false,
          existing: inProgress("fn#equal", { inProgressExpiresAtMs: NOW_MS }),
        });
      }));

    test("only an INPROGRESS record with an in-progress expiry is taken over before its expiry", () =>
      withStore(async (store) => {
        // No in-progress expiry (no Lambda context registered): held until the record expires.
        const { inProgressExpiresAtMs: _, ...noDeadline } = inProgress("fn#no-deadline");
        await store.putIfAvailable(noDeadline, 0);
        expect(await store.putIfAvailable(inProgress("fn#no-deadline"), NOW_MS)).toEqual({
          stored: false,
          existing: noDeadline,
        });
        // A COMPLETED record keeps its old in-progress expiry; it does not free the key.
        await store.putIfAvailable(inProgress("fn#done", { inProgressExpiresAtMs: NOW_MS - 1 }), 0);
        await store.update({ key: "fn#done", status: "COMPLETED", expiresAtSeconds: NOW_SECONDS + 60 });
        expect(await store.putIfAvailable(inProgress("fn#done"), NOW_MS)).toMatchObject({
          stored: false,
          existing: { status: "COMPLETED", inProgressExpiresAtMs: NOW_MS - 1 },
        });
        // A record without an expiry never expires.
        const { expiresAtSeconds: __, ...forever } = inProgress("fn#forever", { status: "COMPLETED" });
        await store.putIfAvailable(forever, 0);
        expect(await store.putIfAvailable(inProgress("fn#forever"), Number.MAX_SAFE_INTEGER)).toMatchObject({
          stored: false,
        });
      }));

    test("a put that takes a key over replaces the whole record: the old response and hash are gone", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#a", { payloadHash: "old" }), 0);
        await store.update({
          key: "fn#a",
          status: "COMPLETED",
          expiresAtSeconds: NOW_SECONDS - 1,
          responseData: '"old result"',
          payloadHash: "old",
        });
        const { inProgressExpiresAtMs: _, ...fresh } = inProgress("fn#a");
        expect(await store.putIfAvailable(fresh, NOW_MS)).toEqual({ stored: true });
        expect(await store.get("fn#a")).toEqual(fresh);
      }));

    test("an update sets status and expiry, the response and hash when given, and keeps the rest", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#a", { payloadHash: "h1" }), 0);
        await store.update({ key: "fn#a", status: "COMPLETED", expiresAtSeconds: 42 });
        expect(await store.get("fn#a")).toEqual({
          ...inProgress("fn#a", { payloadHash: "h1" }),
          status: "COMPLETED",
          expiresAtSeconds: 42,
        });
        const response = JSON.stringify({ order: "é-42", lines: Array.from({ length: 2_000 }, (_, i) => i) });
        await store.update({
          key: "fn#a",
          status: "COMPLETED",
          expiresAtSeconds: 43,
          responseData: response,
        });
        await store.update({ key: "fn#a", status: "COMPLETED", expiresAtSeconds: 44, payloadHash: "h2" });
        expect(await store.get("fn#a")).toEqual({
          ...inProgress("fn#a"),
          status: "COMPLETED",
          expiresAtSeconds: 44,
          responseData: response,
          payloadHash: "h2",
        });
      }));

    test("an update of a key without a record creates it, as DynamoDB's UpdateItem does", () =>
      withStore(async (store) => {
        await store.update({ key: "fn#new", status: "COMPLETED", expiresAtSeconds: 7, responseData: "null" });
        expect(await store.get("fn#new")).toEqual({
          key: "fn#new",
          status: "COMPLETED",
          expiresAtSeconds: 7,
          responseData: "null",
        });
      }));

    test("a record written already expired keeps the EXPIRED status Powertools gave it", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#a", { status: "EXPIRED", expiresAtSeconds: 1 }), NOW_MS);
        expect((await store.get("fn#a"))?.status).toBe("EXPIRED");
        expect(await store.putIfAvailable(inProgress("fn#a"), NOW_MS)).toEqual({ stored: true });
      }));

    test("a deleted record frees its key at once", () =>
      withStore(async (store) => {
        await store.putIfAvailable(inProgress("fn#a"), NOW_MS);
        expect(await store.delete("fn#a")).toBe(true);
        expect(await store.delete("fn#a")).toBe(false);
        expect(await store.get("fn#a")).toBeUndefined();
        expect(await store.putIfAvailable(inProgress("fn#a"), NOW_MS)).toEqual({ stored: true });
      }));

    test("of concurrent puts of one free key exactly one is stored; the others see it", () =>
      withStore(async (store) => {
        const puts = Array.from({ length: 8 }, (_, i) =>
          store.putIfAvailable(inProgress("fn#race", { payloadHash: `caller-${i}` }), NOW_MS),
        );
        const results = await Promise.all(puts);
        const winners = results.flatMap((result, i) => (result.stored ? [i] : []));
        expect(winners).toHaveLength(1);
        const winner = inProgress("fn#race", { payloadHash: `caller-${winners[0]}` });
        expect(await store.get("fn#race")).toEqual(winner);
        for (const result of results) if (!result.stored) expect(result.existing).toEqual(winner);
      }));
  });
}
