import Sqlite from "better-sqlite3";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { describeBusStoreContract } from "../bus-store.contract.js";
import type { BusRecord, RuleRecord, TargetRecord } from "../bus-store.js";
import type { QueueRecord } from "../queue-store.js";
import {
  createMessageFactory,
  createTempDirectory,
  createTokenSource,
  queueRecord,
} from "../store-fixtures.js";
import { BUS_SQL } from "./bus-sql.js";
import { GroupCommit } from "./group-commit.js";
import { MIGRATIONS, migrate, SCHEMA_VERSION, userVersion } from "./migrations.js";
import { databasePath } from "./open-database.js";
import { SqliteQueueStore } from "./sqlite-queue-store.js";
import { createSqliteStores, type SqliteStores } from "./sqlite-stores.js";

describeBusStoreContract("sqlite", async () => {
  const directory = createTempDirectory();
  const { buses, close } = createSqliteStores({ dataDirectory: directory.path });
  return {
    store: buses,
    close: async () => {
      await close();
      directory.remove();
    },
  };
});

const bus: BusRecord = {
  name: "orders",
  description: "shop orders",
  tags: { team: "shop" },
  createdAtMs: 1_000,
};
const rule = (name: string): RuleRecord => ({
  bus: "orders",
  name,
  eventPattern: '{"detail-type":["OrderCreated"]}',
  state: "ENABLED",
  tags: {},
  createdAtMs: 1_000,
  updatedAtMs: 1_000,
});
const target = (ruleName: string, id: string): TargetRecord => ({
  bus: "orders",
  rule: ruleName,
  id,
  arn: `arn:aws:sqs:us-east-1:000000000000:${id}`,
  inputTransformer: { InputPathsMap: { id: "$.detail.id" }, InputTemplate: '{"order": <id>}' },
  retryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
  deadLetterArn: "arn:aws:sqs:us-east-1:000000000000:dlq",
});
const queue = (name: string): QueueRecord => queueRecord(name, false, { VisibilityTimeout: "30" });
const message = createMessageFactory();
const tokens = createTokenSource();

describe("SqliteBusStore", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDirectory(): string {
    const directory = createTempDirectory();
    cleanups.push(directory.remove);
    return directory.path;
  }

  function open(dataDirectory: string): SqliteStores {
    const stores = createSqliteStores({ dataDirectory });
    cleanups.push(stores.close);
    return stores;
  }

  test("buses, rules and targets survive close and reopen", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    await first.buses.putBus(bus);
    await first.buses.putRule(rule("b"));
    await first.buses.putRule(rule("a"));
    await first.buses.putTargets([target("a", "2"), target("a", "1"), target("b", "1")]);
    const before = await first.buses.loadBus("orders");
    await first.close();

    const second = open(directory);
    expect(await second.buses.listBuses()).toStrictEqual([bus]);
    expect(await second.buses.loadBus("orders")).toStrictEqual(before);
    expect(before.map(({ rule: r, targets }) => [r.name, targets.map((t) => t.id)])).toEqual([
      ["a", ["1", "2"]],
      ["b", ["1"]],
    ]);
  });

  test("a bus write that arrives while the stores close is committed; later calls are refused", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    await first.buses.putBus(bus);
    const pending = first.buses.putRule(rule("r"));
    await first.close();
    await pending;
    await expect(first.buses.putRule(rule("s"))).rejects.toThrow(/closed/);
    await expect(first.buses.listRules("orders")).rejects.toThrow(/closed/);
    const second = open(directory);
    expect((await second.buses.listRules("orders")).map((r) => r.name)).toEqual(["r"]);
  });

  test("queue and bus writes of one turn share a batch, and a failing one rejects only its caller", async () => {
    const directory = tempDirectory();
    const first = open(directory);
    const results = await Promise.allSettled([
      first.queues.putQueue(queue("q")),
      first.buses.putBus(bus),
      first.buses.putRule({ ...rule("r"), bus: "missing" }),
      first.buses.putTargets([target("missing-rule", "t")]),
      first.queues.enqueue([{ queue: "q", message: message({ body: "kept" }) }]),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    await first.close();

    const second = open(directory);
    expect(await second.buses.getBus("orders")).toStrictEqual(bus);
    expect(await second.buses.listRules("orders")).toEqual([]);
    const { messages } = await second.queues.claim({
      queue: "q",
      nowMs: 1_000,
      max: 10,
      hiddenUntilMs: 2_000,
      tokens,
    });
    expect(messages.map((m) => m.body)).toEqual(["kept"]);
  });

  test("a schema-1 database gains the bus tables (migration 2) and keeps its queues and messages", async () => {
    const directory = tempDirectory();
    const version1 = new Sqlite(databasePath(directory));
    version1.pragma("journal_mode = WAL");
    expect(
      migrate(
        version1,
        MIGRATIONS.filter((m) => m.version === 1),
      ),
    ).toEqual([1]);
    const commits = new GroupCommit(version1);
    const oldQueues = new SqliteQueueStore(version1, commits);
    await oldQueues.putQueue(queue("orders"));
    await oldQueues.enqueue([
      { queue: "orders", message: message({ body: "received" }) },
      { queue: "orders", message: message({ body: "waiting" }) },
    ]);
    await oldQueues.claim({ queue: "orders", nowMs: 2_000, max: 1, hiddenUntilMs: 30_000, tokens });
    commits.close();
    version1.close();

    const upgraded = open(directory);
    const check = new Sqlite(databasePath(directory), { readonly: true });
    cleanups.push(() => void check.close());
    expect(userVersion(check)).toBe(SCHEMA_VERSION);

    expect(await upgraded.queues.getQueue("orders")).toEqual(queue("orders"));
    expect(await upgraded.queues.counts("orders", 2_000)).toEqual({
      visible: 1,
      inFlight: 1,
      delayed: 0,
      oldestSentAtMs: 1_000,
    });
    const { messages } = await upgraded.queues.claim({
      queue: "orders",
      nowMs: 30_000,
      max: 10,
      hiddenUntilMs: 60_000,
      tokens,
    });
    expect(messages.map((m) => [m.body, m.sequence, m.receiveCount])).toEqual([
      ["waiting", 2, 1],
      ["received", 1, 2],
    ]);
    expect(await upgraded.queues.enqueue([{ queue: "orders", message: message() }])).toEqual([
      { stored: true, sequence: 3 },
    ]);

    expect(await upgraded.buses.listBuses()).toEqual([]);
    await upgraded.buses.putBus(bus);
    await upgraded.buses.putRule(rule("r"));
    expect(await upgraded.buses.getRule("orders", "r")).toStrictEqual(rule("r"));
  });
});

describe("bus query plans", () => {
  const db = new Sqlite(":memory:");
  migrate(db);
  afterAll(() => void db.close());

  const plan = (query: keyof typeof BUS_SQL, params: unknown[]) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${BUS_SQL[query]}`)
      .all(...params)
      .map((row) => row.detail);

  test.each([
    { query: "busesByNamePattern", params: ["orders*"], search: "name>? AND name<?" },
    { query: "rulesByNamePattern", params: ["orders", "Order*"], search: "bus=? AND name>? AND name<?" },
    { query: "rulesByNamePattern", params: ["orders", "*"], search: "bus=?" },
    { query: "ruleByName", params: ["orders", "r"], search: "bus=? AND name=?" },
    { query: "targetsOfRule", params: ["orders", "r"], search: "bus=? AND rule=?" },
    { query: "targetsOfBus", params: ["orders"], search: "bus=?" },
    { query: "deleteTarget", params: ["orders", "r", "t"], search: "bus=? AND rule=? AND id=?" },
    { query: "deleteRuleTargets", params: ["orders", "r"], search: "bus=? AND rule=?" },
    { query: "deleteBusTargets", params: ["orders"], search: "bus=?" },
    { query: "deleteBusRules", params: ["orders"], search: "bus=?" },
  ] as const)(
    "$query $params searches its key ($search) in order, without sorting",
    ({ query, params, search }) => {
      const details = plan(query, [...params]);
      expect(details).toHaveLength(1);
      expect(details[0]).toMatch(/^SEARCH \w+ USING INDEX sqlite_autoindex_\w+_1 \(/);
      expect(details[0]).toContain(`(${search})`);
      expect(details.join("\n")).not.toMatch(/SCAN|TEMP B-TREE/);
    },
  );
});
