/**
 * Crash test of the event source mappings on record: a `kill -9` at any instant loses no acknowledged create
 * and brings back no acknowledged delete. A worker (mapping-worker.ts) creates and deletes mappings as Lambda's
 * API does and is killed at seeded random moments, then started again on the same data directory (each start
 * restores the mappings on record). Afterwards the app is started once more, in-process, and its mappings are
 * compared with what the workers reported. Replay a run with `CRASH_TEST_SEED=<seed>`.
 */
import { describe, expect } from "vitest";
import { CRASH_FUNCTION, MAPPING_WORKER_PATH, openMappingApp } from "./mapping-worker.js";
import { examples, testKillsAtEachDurability } from "./support/crash-test.js";
import { WorkerLine } from "./support/worker-process.js";

/** Kills per durability. */
const KILLS = 12;

/** Everything the workers reported, over all runs on one data directory. */
class Ledger {
  /** Queues a create was about to be made for. */
  readonly sent = new Set<string>();
  /** Acknowledged creates: UUID → queue. */
  readonly acked = new Map<string, string>();
  readonly deleting = new Set<string>();
  readonly deleted = new Set<string>();

  record(kind: WorkerLine, body: string): void {
    switch (kind) {
      case WorkerLine.Send:
        this.sent.add(body);
        return;
      case WorkerLine.Ack: {
        const [queue = "", uuid = ""] = body.split("/");
        this.acked.set(uuid, queue);
        return;
      }
      case WorkerLine.Deleting:
        this.deleting.add(body);
        return;
      case WorkerLine.Del:
        this.deleted.add(body);
        return;
      default:
        return;
    }
  }
}

describe("a kill -9 at any instant", () => {
  testKillsAtEachDurability(
    (durability) =>
      `loses no acknowledged event source mapping and brings back no deleted one (durability ${durability})`,
    {
      workerPath: MAPPING_WORKER_PATH,
      kills: KILLS,
      directoryPrefix: "switchyard-mapping-crash",
      createLedger: () => new Ledger(),
    },
    async ({ durability, dataDirectory, description }, ledger) => {
      const { switchyard, runtime } = await openMappingApp(dataDirectory, durability);
      let found: { UUID: string; queue: string; functionArn: string }[];
      try {
        found = runtime.mappings.list().map((mapping) => ({
          UUID: mapping.UUID,
          queue: mapping.EventSourceArn.split(":").at(-1) ?? "",
          functionArn: mapping.FunctionArn,
        }));
      } finally {
        await switchyard.close();
      }
      const present = new Map(found.map((mapping) => [mapping.UUID, mapping]));
      const lost = [...ledger.acked.keys()].filter(
        (uuid) => !ledger.deleting.has(uuid) && !present.has(uuid),
      );
      const resurrected = [...ledger.deleted].filter((uuid) => present.has(uuid));
      const moved = [...ledger.acked].filter(
        ([uuid, queue]) => present.has(uuid) && present.get(uuid)?.queue !== queue,
      );
      const phantoms = found.filter((mapping) => !ledger.sent.has(mapping.queue)).map((m) => m.UUID);
      const strangers = found.filter((m) => !m.functionArn.endsWith(`:function:${CRASH_FUNCTION}`));
      const committedUnacknowledged = found.filter((m) => !ledger.acked.has(m.UUID)).length;

      console.log(
        `mapping crash test, ${description}; ${ledger.acked.size} creates acknowledged, ` +
          `${ledger.deleted.size} deletes acknowledged, ${found.length} mappings at the end, ` +
          `${committedUnacknowledged} committed but killed before their ACK`,
      );
      expect(ledger.acked.size, "the workers acknowledged no create at all").toBeGreaterThan(0);
      expect(ledger.deleted.size, "the workers acknowledged no delete at all").toBeGreaterThan(0);
      expect.soft(lost.length, `acknowledged, never deleted, gone: ${examples(lost)}`).toBe(0);
      expect.soft(resurrected.length, `deleted, yet back: ${examples(resurrected)}`).toBe(0);
      expect.soft(moved.length, `on another queue than created: ${examples(moved.map(([u]) => u))}`).toBe(0);
      expect.soft(phantoms.length, `for a queue no create named: ${examples(phantoms)}`).toBe(0);
      expect.soft(strangers.length, "mapped to another function").toBe(0);
    },
  );
});
