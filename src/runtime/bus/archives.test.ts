import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  ErrorCode,
  IllegalStatusError,
  ResourceAlreadyExistsError,
  ResourceNotFoundError,
  ValidationError,
} from "../../core/errors.js";
import { InvalidEventPatternError } from "../../core/patterns/index.js";
import { createSqliteStores } from "../../store/sqlite/sqlite-stores.js";
import { ManualClock } from "../clock.js";
import { startArchiveRetention } from "./archive-retention.js";
import { ACCOUNT, arnOf, openStores, order, REGION, STORES, services } from "./bus-fixtures.js";
import { REPLAY_BATCH_SIZE } from "./replays.js";

const busArn = (bus = "default") => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${bus}`;
const archiveArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:archive/${name}`;
const ruleArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${name}`;
const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe.each(Object.keys(STORES))("archives and replays on the %s store", (kind) => {
  const setup = async () => {
    const s = services(openStores(kind));
    await s.sqs.createQueue({ QueueName: "q" });
    await s.events.putRule({ Name: "orders", EventPattern: '{"source": ["shop.orders"]}' });
    await s.events.putTargets("orders", [{ Id: "q", Arn: arnOf("q") }]);
    return s;
  };
  const bodies = async (sqs: Awaited<ReturnType<typeof setup>>["sqs"], queue = "q") => {
    const received = [];
    for (;;) {
      const batch = await sqs.receiveMessage(queue, { MaxNumberOfMessages: 10 });
      if (batch.length === 0) return received;
      for (const message of batch) await sqs.deleteMessage(queue, message.ReceiptHandle);
      received.push(...batch.map((m) => JSON.parse(m.Body) as Record<string, unknown>));
    }
  };

  test("an archive keeps the bus's events its pattern matches, and counts them", async () => {
    const { events } = await setup();
    const created = await events.createArchive({
      ArchiveName: "big",
      EventSourceArn: busArn(),
      EventPattern: '{"detail": {"total": [{"numeric": [">", 100]}]}}',
      Description: "large orders",
    });
    expect(created).toMatchObject({ ArchiveArn: archiveArn("big"), State: "ENABLED" });
    await events.putEvents([order({ total: 500 }), order({ total: 5 }), order({ total: 101 })]);
    const described = await events.describeArchive("big");
    expect(described).toMatchObject({
      ArchiveName: "big",
      EventSourceArn: busArn(),
      Description: "large orders",
      RetentionDays: 0,
      EventCount: 2,
    });
    expect(described.SizeBytes).toBeGreaterThan(300);
    expect((await events.listArchives({ EventSourceArn: busArn() })).map((a) => a.ArchiveName)).toEqual([
      "big",
    ]);
    expect(await events.listArchives({ EventSourceArn: busArn("other") })).toEqual([]);
  });

  test("CreateArchive refuses what EventBridge refuses and creates nothing", async () => {
    const { events } = await setup();
    await events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
    const attempts: [Promise<unknown>, new (...args: never[]) => Error, string][] = [
      [
        events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() }),
        ResourceAlreadyExistsError,
        "Archive all already exists.",
      ],
      [
        events.createArchive({ ArchiveName: "x", EventSourceArn: busArn("nope") }),
        ResourceNotFoundError,
        "Event bus nope does not exist.",
      ],
      [
        events.createArchive({ ArchiveName: "x", EventSourceArn: arnOf("q") }),
        ValidationError,
        "Parameter EventSourceArn is not valid.",
      ],
      [
        events.createArchive({ ArchiveName: "bad name", EventSourceArn: busArn() }),
        ValidationError,
        "at 'archiveName'",
      ],
      [
        events.createArchive({ ArchiveName: "x", EventSourceArn: busArn(), EventPattern: "{" }),
        InvalidEventPatternError,
        "Event pattern is not valid.",
      ],
      [
        events.createArchive({ ArchiveName: "x", EventSourceArn: busArn(), RetentionDays: -1 }),
        ValidationError,
        "retentionDays",
      ],
    ];
    for (const [attempt, type, message] of attempts) {
      await expect(attempt).rejects.toBeInstanceOf(type);
      await expect(attempt).rejects.toThrow(message);
    }
    expect((await events.listArchives()).map((a) => a.ArchiveName)).toEqual(["all"]);
    await expect(events.describeArchive("x")).rejects.toThrow("Archive x does not exist.");
  });

  test("a replay sends the window's events back to the bus's rules, marked with replay-name and not archived again", async () => {
    const { sqs, events, clock } = await setup();
    await events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
    const t0 = clock.nowMs();
    await events.putEvents([order({ n: 1 })]);
    clock.advance(60_000);
    await events.putEvents([order({ n: 2 })]);
    clock.advance(60_000);
    await events.putEvents([order({ n: 3 })]);
    const live = await bodies(sqs);
    clock.advance(60_000);
    const started = await events.startReplay({
      ReplayName: "again",
      EventSourceArn: archiveArn("all"),
      EventStartTime: new Date(t0 + 30_000),
      EventEndTime: new Date(t0 + 150_000),
      Destination: { Arn: busArn() },
    });
    expect(started.State).toBe("STARTING");
    await events.replaysIdle();
    const replayed = await bodies(sqs);
    expect(replayed.map((e) => (e.detail as { n: number }).n)).toEqual([2, 3]);
    expect(replayed.map((e) => e.id)).toEqual(live.slice(1).map((e) => e.id));
    expect(replayed.every((e) => e["replay-name"] === "again")).toBe(true);
    expect(Object.keys(replayed[0] ?? {})).toEqual([
      "version",
      "id",
      "detail-type",
      "source",
      "account",
      "time",
      "region",
      "replay-name",
      "resources",
      "detail",
    ]);
    expect((await events.describeArchive("all")).EventCount).toBe(3);
    expect(await events.describeReplay("again")).toMatchObject({
      State: "COMPLETED",
      EventSourceArn: archiveArn("all"),
      Destination: { Arn: busArn() },
      EventLastReplayedTime: new Date(t0 + 120_000),
      ReplayEndTime: new Date(clock.nowMs()),
    });
  });

  test("Destination.FilterArns limits a replay to the rules it names", async () => {
    const { sqs, events, clock } = await setup();
    await sqs.createQueue({ QueueName: "other" });
    await events.putRule({ Name: "copy", EventPattern: '{"source": ["shop.orders"]}' });
    await events.putTargets("copy", [{ Id: "other", Arn: arnOf("other") }]);
    await events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
    const t0 = clock.nowMs();
    await events.putEvents([order({ n: 1 })]);
    await bodies(sqs);
    await bodies(sqs, "other");
    clock.advance(1_000);
    await events.startReplay({
      ReplayName: "only-copy",
      EventSourceArn: archiveArn("all"),
      EventStartTime: new Date(t0 - 1),
      EventEndTime: new Date(t0 + 1),
      Destination: { Arn: busArn(), FilterArns: [ruleArn("copy")] },
    });
    await events.replaysIdle();
    expect(await bodies(sqs)).toEqual([]);
    expect(await bodies(sqs, "other")).toHaveLength(1);
  });

  test("CancelReplay stops a replay, which ends CANCELLED; a finished replay cannot be cancelled", async () => {
    const { sqs, events, clock } = await setup();
    await events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
    const t0 = clock.nowMs();
    for (let i = 0; i < (REPLAY_BATCH_SIZE * 3) / 10; i++)
      await events.putEvents(Array.from({ length: 10 }, () => order({})));
    await bodies(sqs);
    clock.advance(1_000);
    const window = {
      EventSourceArn: archiveArn("all"),
      EventStartTime: new Date(t0),
      EventEndTime: new Date(t0 + 1),
    };
    await events.startReplay({ ReplayName: "stopped", ...window, Destination: { Arn: busArn() } });
    expect(await events.cancelReplay("stopped")).toMatchObject({ State: "CANCELLING" });
    await events.replaysIdle();
    expect((await events.describeReplay("stopped")).State).toBe("CANCELLED");
    expect((await bodies(sqs)).length).toBeLessThan(REPLAY_BATCH_SIZE * 3);
    await events.startReplay({ ReplayName: "done", ...window, Destination: { Arn: busArn() } });
    await events.replaysIdle();
    expect(await bodies(sqs)).toHaveLength(REPLAY_BATCH_SIZE * 3);
    const refused = events.cancelReplay("done");
    await expect(refused).rejects.toBeInstanceOf(IllegalStatusError);
    await expect(refused).rejects.toThrow("Replay done is not in a valid state for this operation.");
    expect((await events.listReplays({ State: "COMPLETED" })).map((r) => r.ReplayName)).toEqual(["done"]);
  });

  test("StartReplay refuses what EventBridge refuses and starts nothing", async () => {
    const { events, clock } = await setup();
    await events.createEventBus("other");
    await events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
    const now = clock.nowMs();
    const request = {
      ReplayName: "r",
      EventSourceArn: archiveArn("all"),
      EventStartTime: new Date(now - 10_000),
      EventEndTime: new Date(now - 1_000),
      Destination: { Arn: busArn() },
    };
    await events.startReplay(request);
    const attempts: [object, string, string][] = [
      [{}, ErrorCode.ResourceAlreadyExists, "Replay r already exists."],
      [
        { ReplayName: "x", EventSourceArn: archiveArn("none") },
        ErrorCode.ResourceNotFound,
        "Archive none does not exist.",
      ],
      [
        { ReplayName: "x", Destination: { Arn: busArn("other") } },
        ErrorCode.Validation,
        "Cross event bus replay is not permitted.",
      ],
      [
        { ReplayName: "x", EventStartTime: new Date(now - 1_000) },
        ErrorCode.Validation,
        "EventStartTime must be before EventEndTime.",
      ],
      [
        { ReplayName: "x", EventEndTime: new Date(now + 60_000) },
        ErrorCode.Validation,
        "EventEndTime cannot be in the future.",
      ],
    ];
    for (const [change, code, message] of attempts) {
      const attempt = events.startReplay({ ...request, ...change });
      await expect(attempt).rejects.toMatchObject({ code });
      await expect(attempt).rejects.toThrow(message);
    }
    await events.replaysIdle();
    expect((await events.listReplays()).map((r) => r.ReplayName)).toEqual(["r"]);
  });

  test("archive retention drops events older than RetentionDays; DeleteArchive stops archiving", async () => {
    const { events, clock, stores } = await setup();
    await events.createArchive({ ArchiveName: "week", EventSourceArn: busArn(), RetentionDays: 7 });
    await events.createArchive({ ArchiveName: "forever", EventSourceArn: busArn() });
    const stop = startArchiveRetention(stores.archives, clock, { intervalMs: 3_600_000 });
    await events.putEvents([order({ n: 1 })]);
    clock.advance(6 * 86_400_000);
    await events.putEvents([order({ n: 2 })]);
    clock.advance(2 * 86_400_000);
    await turns();
    stop();
    expect((await events.describeArchive("week")).EventCount).toBe(1);
    expect((await events.describeArchive("forever")).EventCount).toBe(2);
    await events.deleteArchive("forever");
    await events.putEvents([order({ n: 3 })]);
    await expect(events.describeArchive("forever")).rejects.toThrow("Archive forever does not exist.");
    await events.createArchive({ ArchiveName: "forever", EventSourceArn: busArn() });
    expect((await events.describeArchive("forever")).EventCount).toBe(0);
  });
});

describe("a replay on SQLite across a restart", () => {
  test("resumes after the last batch it committed and finishes", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-replay-"));
    try {
      const clock = new ManualClock(1_700_000_000_000);
      const first = createSqliteStores({ dataDirectory: directory });
      const before = services(first, clock);
      await before.sqs.createQueue({ QueueName: "q" });
      await before.events.putRule({ Name: "orders", EventPattern: '{"source": ["shop.orders"]}' });
      await before.events.putTargets("orders", [{ Id: "q", Arn: arnOf("q") }]);
      await before.events.createArchive({ ArchiveName: "all", EventSourceArn: busArn() });
      const t0 = clock.nowMs();
      for (let n = 0; n < 15; n++) await before.events.putEvents([order({ n })]);
      await before.sqs.purgeQueue("q");
      // A replay a crash interrupted after it had sent the first 10 events.
      const [tenth] = (await first.archives.read({ archive: "all", fromMs: t0, toMs: t0, limit: 10 })).slice(
        -1,
      );
      clock.advance(1_000);
      await first.archives.putReplay({
        name: "interrupted",
        archive: "all",
        bus: "default",
        eventStartMs: t0,
        eventEndMs: t0 + 1,
        state: "RUNNING",
        startedAtMs: clock.nowMs(),
        ...(tenth === undefined
          ? {}
          : { position: { archivedAtMs: tenth.archivedAtMs, sequence: tenth.sequence } }),
      });
      await before.events.stop();
      await first.close();

      const second = createSqliteStores({ dataDirectory: directory });
      const after = services(second, clock);
      await after.events.start();
      await after.events.replaysIdle();
      const received = await after.sqs.receiveMessage("q", { MaxNumberOfMessages: 10 });
      expect(received.map((m) => JSON.parse(m.Body).detail.n)).toEqual([10, 11, 12, 13, 14]);
      expect((await after.events.describeReplay("interrupted")).State).toBe("COMPLETED");
      await second.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
