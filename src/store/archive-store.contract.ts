import { describe, expect, test } from "vitest";
import type { ArchiveRecord, ArchiveStore, ReplayRecord } from "./archive-store.js";

/**
 * The behaviour every ArchiveStore adapter must show. Each adapter's test file calls this with a factory
 * for a fresh, empty store. Where the port leaves a choice open the contract pins one: archives and
 * replays are listed by name order; events come back in (archivedAtMs, sequence) order whatever order
 * they were appended in; appends to a missing archive are skipped.
 */
export function describeArchiveStoreContract(
  adapter: string,
  open: () => Promise<{ store: ArchiveStore; close: () => Promise<void> }>,
): void {
  describe(`ArchiveStore contract: ${adapter}`, () => {
    const archive = (name: string, overrides: Partial<ArchiveRecord> = {}): ArchiveRecord => ({
      name,
      bus: "orders",
      retentionDays: 0,
      createdAtMs: 1_000,
      ...overrides,
    });
    const event = (id: string) => JSON.stringify({ id, detail: { note: "é" } });

    async function withStore(run: (store: ArchiveStore) => Promise<void>): Promise<void> {
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close();
      }
    }

    test("an archive keeps its definition, and a new definition keeps its events and counters", () =>
      withStore(async (store) => {
        await store.putArchive(
          archive("all", { description: "every order", eventPattern: '{"source":["shop"]}' }),
        );
        await store.append([{ archive: "all", archivedAtMs: 5, event: event("a") }]);
        await store.putArchive(archive("all", { retentionDays: 7 }));
        expect(await store.getArchive("all")).toEqual({
          ...archive("all", { retentionDays: 7 }),
          eventCount: 1,
          sizeBytes: Buffer.byteLength(event("a")),
        });
        expect(await store.getArchive("none")).toBeUndefined();
      }));

    test("archives and replays list by name, optionally by prefix", () =>
      withStore(async (store) => {
        for (const name of ["b", "a*", "a1", "c"]) await store.putArchive(archive(name));
        expect((await store.listArchives()).map((a) => a.name)).toEqual(["a*", "a1", "b", "c"]);
        expect((await store.listArchives("a*")).map((a) => a.name)).toEqual(["a*"]);
        for (const name of ["r2", "r1", "x"]) await store.putReplay(replay(name));
        expect((await store.listReplays("r")).map((r) => r.name)).toEqual(["r1", "r2"]);
      }));

    test("events read back in time order within the window, after a position, up to a limit", () =>
      withStore(async (store) => {
        await store.putArchive(archive("all"));
        await store.append([
          { archive: "all", archivedAtMs: 30, event: event("c") },
          { archive: "all", archivedAtMs: 10, event: event("a") },
          { archive: "all", archivedAtMs: 20, event: event("b1") },
          { archive: "all", archivedAtMs: 20, event: event("b2") },
          { archive: "gone", archivedAtMs: 20, event: event("skipped") },
        ]);
        const ids = (events: { event: string }[]) => events.map((e) => JSON.parse(e.event).id);
        const all = await store.read({ archive: "all", fromMs: 0, toMs: 100, limit: 10 });
        expect(ids(all)).toEqual(["a", "b1", "b2", "c"]);
        expect(ids(await store.read({ archive: "all", fromMs: 20, toMs: 20, limit: 10 }))).toEqual([
          "b1",
          "b2",
        ]);
        const [first] = await store.read({ archive: "all", fromMs: 20, toMs: 30, limit: 1 });
        expect(ids(first === undefined ? [] : [first])).toEqual(["b1"]);
        const rest = await store.read({ archive: "all", fromMs: 20, toMs: 30, after: first, limit: 10 });
        expect(ids(rest)).toEqual(["b2", "c"]);
        expect(await store.read({ archive: "gone", fromMs: 0, toMs: 100, limit: 10 })).toEqual([]);
        expect((await store.getArchive("all"))?.eventCount).toBe(4);
      }));

    test("expiry drops the oldest events before a time and keeps the counters exact", () =>
      withStore(async (store) => {
        await store.putArchive(archive("all"));
        await store.append(
          [10, 20, 30, 40].map((t) => ({ archive: "all", archivedAtMs: t, event: event(`e${t}`) })),
        );
        expect(await store.expire("all", 35, 2)).toBe(2);
        expect(await store.expire("all", 35, 10)).toBe(1);
        expect(await store.expire("missing", 35, 10)).toBe(0);
        const left = await store.read({ archive: "all", fromMs: 0, toMs: 100, limit: 10 });
        expect(left.map((e) => e.archivedAtMs)).toEqual([40]);
        expect(await store.getArchive("all")).toMatchObject({
          eventCount: 1,
          sizeBytes: Buffer.byteLength(event("e40")),
        });
      }));

    test("deleting an archive deletes its events; a later archive of that name starts empty", () =>
      withStore(async (store) => {
        await store.putArchive(archive("all"));
        await store.append([{ archive: "all", archivedAtMs: 1, event: event("a") }]);
        expect(await store.deleteArchive("all")).toBe(true);
        expect(await store.deleteArchive("all")).toBe(false);
        await store.putArchive(archive("all"));
        expect(await store.read({ archive: "all", fromMs: 0, toMs: 100, limit: 10 })).toEqual([]);
        expect(await store.getArchive("all")).toMatchObject({ eventCount: 0, sizeBytes: 0 });
      }));

    test("a replay is stored whole and replaced by name", () =>
      withStore(async (store) => {
        await store.putReplay(replay("r"));
        const running: ReplayRecord = {
          ...replay("r"),
          state: "RUNNING",
          ruleArns: ["arn:aws:events:us-east-1:000000000000:rule/orders/x"],
          position: { archivedAtMs: 20, sequence: 7 },
          lastReplayedAtMs: 20,
        };
        await store.putReplay(running);
        expect(await store.getReplay("r")).toEqual(running);
        expect(await store.getReplay("other")).toBeUndefined();
      }));
  });
}

function replay(name: string): ReplayRecord {
  return {
    name,
    archive: "all",
    bus: "orders",
    eventStartMs: 0,
    eventEndMs: 100,
    state: "STARTING",
    startedAtMs: 1_000,
  };
}
