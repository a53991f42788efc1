import { EventBusNotFoundError, RuleNotFoundError } from "../../core/errors.js";
import type { BusRecord, BusStore, RuleRecord, TargetRecord } from "../bus-store.js";

/** A rule's state: its record and its targets by id. */
interface RuleState {
  record: RuleRecord;
  readonly targets: Map<string, TargetRecord>;
}

/** A bus's state: its record and its rules by name. */
interface BusState {
  record: BusRecord;
  readonly rules: Map<string, RuleState>;
}

/** Compares by code unit (not locale), as SQLite's BINARY collation does for EventBridge's ASCII names. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Values sorted by their key in the map. */
function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => byKey(a, b)).map(([, value]) => value);
}

/**
 * A frozen copy holding only the members that are defined: a member given as undefined reads back absent,
 * as it does from SQLite's NULL.
 */
function defined<T extends object>(record: T): T {
  return Object.freeze(
    Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)),
  ) as T;
}

/** A frozen copy of a string map; own keys such as "__proto__" stay data (spread defines, never sets). */
function copyMap(map: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.freeze({ ...map });
}

function copyBus(bus: BusRecord): BusRecord {
  return defined<BusRecord>({
    name: bus.name,
    description: bus.description,
    tags: copyMap(bus.tags),
    createdAtMs: bus.createdAtMs,
  });
}

function copyRule(rule: RuleRecord): RuleRecord {
  return defined<RuleRecord>({
    bus: rule.bus,
    name: rule.name,
    eventPattern: rule.eventPattern,
    scheduleExpression: rule.scheduleExpression,
    state: rule.state,
    description: rule.description,
    roleArn: rule.roleArn,
    tags: copyMap(rule.tags),
    createdAtMs: rule.createdAtMs,
    updatedAtMs: rule.updatedAtMs,
  });
}

function copyTarget(target: TargetRecord): TargetRecord {
  const { inputTransformer, retryPolicy } = target;
  return defined<TargetRecord>({
    bus: target.bus,
    rule: target.rule,
    id: target.id,
    arn: target.arn,
    input: target.input,
    inputPath: target.inputPath,
    inputTransformer:
      inputTransformer === undefined
        ? undefined
        : defined({
            InputPathsMap:
              inputTransformer.InputPathsMap === undefined
                ? undefined
                : copyMap(inputTransformer.InputPathsMap),
            InputTemplate: inputTransformer.InputTemplate,
          }),
    retryPolicy:
      retryPolicy === undefined
        ? undefined
        : defined({
            MaximumRetryAttempts: retryPolicy.MaximumRetryAttempts,
            MaximumEventAgeInSeconds: retryPolicy.MaximumEventAgeInSeconds,
          }),
    deadLetterArn: target.deadLetterArn,
    sqsMessageGroupId: target.sqsMessageGroupId,
  });
}

/**
 * The BusStore held in memory, for tests and runs that need no durability: nothing survives the process.
 * Each call runs to completion synchronously before its promise settles, so every call is atomic. Records
 * are frozen copies taken on the way in, so neither a caller changing what it passed nor one holding what
 * a call returned can reach into the store.
 * @example
 * const store = createMemoryBusStore();
 * await store.putBus({ name: "orders", tags: {}, createdAtMs: 0 });
 * await store.putRule({ bus: "orders", name: "r", eventPattern: "{}", state: "ENABLED", tags: {}, createdAtMs: 0, updatedAtMs: 0 });
 */
export class MemoryBusStore implements BusStore {
  private readonly buses = new Map<string, BusState>();

  async putBus(bus: BusRecord): Promise<void> {
    const existing = this.buses.get(bus.name);
    if (existing === undefined) this.buses.set(bus.name, { record: copyBus(bus), rules: new Map() });
    else existing.record = copyBus(bus);
  }

  async getBus(name: string): Promise<BusRecord | undefined> {
    return this.buses.get(name)?.record;
  }

  async listBuses(prefix = ""): Promise<BusRecord[]> {
    return sortedValues(this.buses)
      .filter(({ record }) => record.name.startsWith(prefix))
      .map(({ record }) => record);
  }

  async deleteBus(name: string): Promise<boolean> {
    return this.buses.delete(name);
  }

  async putRule(rule: RuleRecord): Promise<void> {
    const { rules } = this.requireBus(rule.bus);
    const existing = rules.get(rule.name);
    if (existing === undefined) rules.set(rule.name, { record: copyRule(rule), targets: new Map() });
    else existing.record = copyRule(rule);
  }

  async getRule(bus: string, name: string): Promise<RuleRecord | undefined> {
    return this.buses.get(bus)?.rules.get(name)?.record;
  }

  async listRules(bus: string, prefix = ""): Promise<RuleRecord[]> {
    return sortedValues(this.requireBus(bus).rules)
      .filter(({ record }) => record.name.startsWith(prefix))
      .map(({ record }) => record);
  }

  async deleteRule(bus: string, name: string): Promise<boolean> {
    return this.buses.get(bus)?.rules.delete(name) ?? false;
  }

  async putTargets(targets: readonly TargetRecord[]): Promise<void> {
    // Every rule is looked up and every copy made before the first change: a batch naming a missing rule
    // stores nothing.
    const changes = targets.map((target) => ({
      targets: this.requireRule(target.bus, target.rule).targets,
      record: copyTarget(target),
    }));
    for (const { targets: ofRule, record } of changes) ofRule.set(record.id, record);
  }

  async removeTargets(bus: string, rule: string, ids: readonly string[]): Promise<string[]> {
    const { targets } = this.requireRule(bus, rule);
    return ids.filter((id) => targets.delete(id));
  }

  async listTargets(bus: string, rule: string): Promise<TargetRecord[]> {
    return sortedValues(this.requireRule(bus, rule).targets);
  }

  async loadBus(bus: string): Promise<{ rule: RuleRecord; targets: TargetRecord[] }[]> {
    return sortedValues(this.requireBus(bus).rules).map((state) => ({
      rule: state.record,
      targets: sortedValues(state.targets),
    }));
  }

  /** The state of bus `name`, or EventBridge's rejection for a missing bus. */
  private requireBus(name: string): BusState {
    const state = this.buses.get(name);
    if (state === undefined) {
      throw new EventBusNotFoundError(name);
    }
    return state;
  }

  /** The state of rule `name` on `bus`, or EventBridge's rejection for a missing rule (a missing bus too). */
  private requireRule(bus: string, name: string): RuleState {
    const state = this.buses.get(bus)?.rules.get(name);
    if (state === undefined) {
      throw new RuleNotFoundError(bus, name);
    }
    return state;
  }
}

/** Creates an empty in-memory bus store. */
export function createMemoryBusStore(): MemoryBusStore {
  return new MemoryBusStore();
}
