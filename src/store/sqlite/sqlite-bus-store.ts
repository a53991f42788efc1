import type { Database, Statement } from "better-sqlite3";
import { EventBusNotFoundError, RuleNotFoundError } from "../../core/errors.js";
import type { BusRecord, BusStore, RuleRecord, TargetRecord } from "../bus-store.js";
import {
  BUS_SQL,
  type BusRow,
  globPrefix,
  type RuleRow,
  type TargetRow,
  toBusRecord,
  toBusRow,
  toRuleRecord,
  toRuleRow,
  toTargetRecord,
  toTargetRow,
} from "./bus-sql.js";
import type { GroupCommit } from "./group-commit.js";

/**
 * The BusStore on SQLite, on the same database and group commit as the queue store: a bus write joins
 * the batch of its event-loop turn, all or nothing (group-commit.ts), and resolves once that batch has
 * committed. Reads run directly and see what has committed. Deleting a bus or a rule deletes its children
 * with explicit statements in the same write (migration 2 says why there are no foreign keys).
 */
export class SqliteBusStore implements BusStore {
  readonly #db: Database;
  readonly #commits: GroupCommit;
  readonly #busByName: Statement<[string], BusRow>;
  readonly #busesByNamePattern: Statement<[string], BusRow>;
  readonly #upsertBus: Statement<[BusRow]>;
  readonly #deleteBus: Statement<[string]>;
  readonly #ruleByName: Statement<[string, string], RuleRow>;
  readonly #rulesByNamePattern: Statement<[string, string], RuleRow>;
  readonly #upsertRule: Statement<[RuleRow]>;
  readonly #deleteRule: Statement<[string, string]>;
  readonly #deleteBusRules: Statement<[string]>;
  readonly #targetsOfRule: Statement<[string, string], TargetRow>;
  readonly #targetsOfBus: Statement<[string], TargetRow>;
  readonly #upsertTarget: Statement<[TargetRow]>;
  readonly #deleteTarget: Statement<[string, string, string]>;
  readonly #deleteRuleTargets: Statement<[string, string]>;
  readonly #deleteBusTargets: Statement<[string]>;
  /** Runs reads in one deferred transaction: one snapshot, even with another process writing. */
  readonly #snapshot: <T>(read: () => T) => T;

  /** Uses an open, migrated database and the group commit that owns its writes. */
  constructor(db: Database, commits: GroupCommit) {
    this.#db = db;
    this.#commits = commits;
    // The declared field types give each statement its parameters and row type.
    const prepare = <P extends unknown[], R = unknown>(sql: string) => db.prepare(sql) as Statement<P, R>;
    this.#busByName = prepare(BUS_SQL.busByName);
    this.#busesByNamePattern = prepare(BUS_SQL.busesByNamePattern);
    this.#upsertBus = prepare(BUS_SQL.upsertBus);
    this.#deleteBus = prepare(BUS_SQL.deleteBus);
    this.#ruleByName = prepare(BUS_SQL.ruleByName);
    this.#rulesByNamePattern = prepare(BUS_SQL.rulesByNamePattern);
    this.#upsertRule = prepare(BUS_SQL.upsertRule);
    this.#deleteRule = prepare(BUS_SQL.deleteRule);
    this.#deleteBusRules = prepare(BUS_SQL.deleteBusRules);
    this.#targetsOfRule = prepare(BUS_SQL.targetsOfRule);
    this.#targetsOfBus = prepare(BUS_SQL.targetsOfBus);
    this.#upsertTarget = prepare(BUS_SQL.upsertTarget);
    this.#deleteTarget = prepare(BUS_SQL.deleteTarget);
    this.#deleteRuleTargets = prepare(BUS_SQL.deleteRuleTargets);
    this.#deleteBusTargets = prepare(BUS_SQL.deleteBusTargets);
    const transaction = db.transaction((read: () => unknown) => read());
    this.#snapshot = <T>(read: () => T) => transaction(read) as T;
  }

  async putBus(bus: BusRecord): Promise<void> {
    const row = toBusRow(bus);
    await this.#commits.submit(() => this.#upsertBus.run(row));
  }

  async getBus(name: string): Promise<BusRecord | undefined> {
    this.#assertOpen();
    const row = this.#busByName.get(name);
    return row === undefined ? undefined : toBusRecord(row);
  }

  async listBuses(prefix = ""): Promise<BusRecord[]> {
    this.#assertOpen();
    return this.#busesByNamePattern.all(globPrefix(prefix)).map(toBusRecord);
  }

  deleteBus(name: string): Promise<boolean> {
    return this.#commits.submit(() => {
      this.#deleteBusTargets.run(name);
      this.#deleteBusRules.run(name);
      return this.#deleteBus.run(name).changes > 0;
    });
  }

  async putRule(rule: RuleRecord): Promise<void> {
    const row = toRuleRow(rule);
    await this.#commits.submit(() => {
      this.#requireBus(rule.bus);
      this.#upsertRule.run(row);
    });
  }

  async getRule(bus: string, name: string): Promise<RuleRecord | undefined> {
    this.#assertOpen();
    const row = this.#ruleByName.get(bus, name);
    return row === undefined ? undefined : toRuleRecord(row);
  }

  async listRules(bus: string, prefix = ""): Promise<RuleRecord[]> {
    this.#assertOpen();
    return this.#snapshot(() => {
      this.#requireBus(bus);
      return this.#rulesByNamePattern.all(bus, globPrefix(prefix)).map(toRuleRecord);
    });
  }

  deleteRule(bus: string, name: string): Promise<boolean> {
    return this.#commits.submit(() => {
      this.#deleteRuleTargets.run(bus, name);
      return this.#deleteRule.run(bus, name).changes > 0;
    });
  }

  async putTargets(targets: readonly TargetRecord[]): Promise<void> {
    const rows = targets.map(toTargetRow);
    // One write for the whole call: the rule check that throws undoes the targets written before it.
    await this.#commits.submit(() => {
      for (const row of rows) {
        this.#requireRule(row.bus, row.rule);
        this.#upsertTarget.run(row);
      }
    });
  }

  removeTargets(bus: string, rule: string, ids: readonly string[]): Promise<string[]> {
    return this.#commits.submit(() => {
      this.#requireRule(bus, rule);
      return ids.filter((id) => this.#deleteTarget.run(bus, rule, id).changes > 0);
    });
  }

  async listTargets(bus: string, rule: string): Promise<TargetRecord[]> {
    this.#assertOpen();
    return this.#snapshot(() => {
      this.#requireRule(bus, rule);
      return this.#targetsOfRule.all(bus, rule).map(toTargetRecord);
    });
  }

  async loadBus(bus: string): Promise<{ rule: RuleRecord; targets: TargetRecord[] }[]> {
    this.#assertOpen();
    return this.#snapshot(() => {
      this.#requireBus(bus);
      const loaded = this.#rulesByNamePattern
        .all(bus, "*")
        .map((row) => ({ rule: toRuleRecord(row), targets: [] as TargetRecord[] }));
      const byRule = new Map(loaded.map((entry) => [entry.rule.name, entry.targets]));
      for (const row of this.#targetsOfBus.all(bus)) byRule.get(row.rule)?.push(toTargetRecord(row));
      return loaded;
    });
  }

  /** EventBridge's rejection when bus `name` does not exist. */
  #requireBus(name: string): void {
    if (this.#busByName.get(name) === undefined) {
      throw new EventBusNotFoundError(name);
    }
  }

  /** EventBridge's rejection when rule `name` does not exist on `bus` (a missing bus included). */
  #requireRule(bus: string, name: string): void {
    if (this.#ruleByName.get(bus, name) === undefined) {
      throw new RuleNotFoundError(bus, name);
    }
  }

  #assertOpen(): void {
    if (!this.#db.open) throw new Error("The SQLite store is closed.");
  }
}
