import type { BusRecord, RuleRecord, TargetRecord } from "../bus-store.js";

/**
 * Every statement the SQLite bus store runs. Each one reads or deletes through a primary key: `(name)`,
 * `(bus, name)` or `(bus, rule, id)`, whose leading columns also give the orders the port asks for.
 * sqlite-bus-store.test.ts checks the plans of the lists with EXPLAIN QUERY PLAN.
 */
export const BUS_SQL = Object.freeze({
  busByName: "SELECT * FROM buses WHERE name = ?",
  // GLOB with the prefix's own wildcards escaped: a range on the key, case-sensitive like names.
  busesByNamePattern: "SELECT * FROM buses WHERE name GLOB ? ORDER BY name",
  // An upsert, never INSERT OR REPLACE: the record is replaced in place, the row is not deleted.
  upsertBus: `
    INSERT INTO buses (name, description, tags, created_at_ms)
    VALUES (@name, @description, @tags, @created_at_ms)
    ON CONFLICT (name) DO UPDATE SET
      description = excluded.description, tags = excluded.tags, created_at_ms = excluded.created_at_ms`,
  deleteBus: "DELETE FROM buses WHERE name = ?",

  ruleByName: "SELECT * FROM rules WHERE bus = ? AND name = ?",
  rulesByNamePattern: "SELECT * FROM rules WHERE bus = ? AND name GLOB ? ORDER BY name",
  upsertRule: `
    INSERT INTO rules (
      bus, name, event_pattern, schedule_expression, state, description, role_arn, tags, created_at_ms,
      updated_at_ms)
    VALUES (
      @bus, @name, @event_pattern, @schedule_expression, @state, @description, @role_arn, @tags,
      @created_at_ms, @updated_at_ms)
    ON CONFLICT (bus, name) DO UPDATE SET
      event_pattern = excluded.event_pattern, schedule_expression = excluded.schedule_expression,
      state = excluded.state, description = excluded.description, role_arn = excluded.role_arn,
      tags = excluded.tags, created_at_ms = excluded.created_at_ms, updated_at_ms = excluded.updated_at_ms`,
  deleteRule: "DELETE FROM rules WHERE bus = ? AND name = ?",
  deleteBusRules: "DELETE FROM rules WHERE bus = ?",

  targetsOfRule: "SELECT * FROM targets WHERE bus = ? AND rule = ? ORDER BY id",
  /** loadBus(): every target of a bus, grouped by rule, in id order within each. */
  targetsOfBus: "SELECT * FROM targets WHERE bus = ? ORDER BY rule, id",
  upsertTarget: `
    INSERT INTO targets (
      bus, rule, id, arn, input, input_path, input_transformer, retry_policy, dead_letter_arn,
      sqs_message_group_id)
    VALUES (
      @bus, @rule, @id, @arn, @input, @input_path, @input_transformer, @retry_policy, @dead_letter_arn,
      @sqs_message_group_id)
    ON CONFLICT (bus, rule, id) DO UPDATE SET
      arn = excluded.arn, input = excluded.input, input_path = excluded.input_path,
      input_transformer = excluded.input_transformer, retry_policy = excluded.retry_policy,
      dead_letter_arn = excluded.dead_letter_arn, sqs_message_group_id = excluded.sqs_message_group_id`,
  deleteTarget: "DELETE FROM targets WHERE bus = ? AND rule = ? AND id = ?",
  deleteRuleTargets: "DELETE FROM targets WHERE bus = ? AND rule = ?",
  deleteBusTargets: "DELETE FROM targets WHERE bus = ?",
});

/** A row of `buses`, as SQLite returns it. */
export interface BusRow {
  readonly name: string;
  readonly description: string | null;
  readonly tags: string;
  readonly created_at_ms: number;
}

/** A row of `rules`, as SQLite returns it. */
export interface RuleRow {
  readonly bus: string;
  readonly name: string;
  readonly event_pattern: string | null;
  readonly schedule_expression: string | null;
  readonly state: RuleRecord["state"];
  readonly description: string | null;
  readonly role_arn: string | null;
  readonly tags: string;
  readonly created_at_ms: number;
  readonly updated_at_ms: number;
}

/** A row of `targets`, as SQLite returns it. */
export interface TargetRow {
  readonly bus: string;
  readonly rule: string;
  readonly id: string;
  readonly arn: string;
  readonly input: string | null;
  readonly input_path: string | null;
  /** `{InputPathsMap?, InputTemplate}` as JSON text. */
  readonly input_transformer: string | null;
  /** `{MaximumRetryAttempts?, MaximumEventAgeInSeconds?}` as JSON text. */
  readonly retry_policy: string | null;
  readonly dead_letter_arn: string | null;
  readonly sqs_message_group_id: string | null;
}

/** A GLOB pattern matching the names that start with `prefix`, taken literally. */
export function globPrefix(prefix: string): string {
  // In a GLOB pattern "[x]" matches x literally, so the prefix's own *, ? and [ match only themselves.
  return `${prefix.replace(/[*?[]/g, "[$&]")}*`;
}

/** An optional member as a column: absent (or undefined) is NULL. */
const column = (value: string | undefined): string | null => value ?? null;

/**
 * A record built from columns without the members that came back NULL: an absent member stays absent,
 * never a member holding undefined.
 */
function withoutAbsent<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** A bus as its row. */
export function toBusRow(bus: BusRecord): BusRow {
  return {
    name: bus.name,
    description: column(bus.description),
    tags: JSON.stringify(bus.tags),
    created_at_ms: bus.createdAtMs,
  };
}

/** A bus row as the port's BusRecord. */
export function toBusRecord(row: BusRow): BusRecord {
  return withoutAbsent<BusRecord>({
    name: row.name,
    description: row.description ?? undefined,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAtMs: row.created_at_ms,
  });
}

/** A rule as its row. */
export function toRuleRow(rule: RuleRecord): RuleRow {
  return {
    bus: rule.bus,
    name: rule.name,
    event_pattern: column(rule.eventPattern),
    schedule_expression: column(rule.scheduleExpression),
    state: rule.state,
    description: column(rule.description),
    role_arn: column(rule.roleArn),
    tags: JSON.stringify(rule.tags),
    created_at_ms: rule.createdAtMs,
    updated_at_ms: rule.updatedAtMs,
  };
}

/** A rule row as the port's RuleRecord. */
export function toRuleRecord(row: RuleRow): RuleRecord {
  return withoutAbsent<RuleRecord>({
    bus: row.bus,
    name: row.name,
    eventPattern: row.event_pattern ?? undefined,
    scheduleExpression: row.schedule_expression ?? undefined,
    state: row.state,
    description: row.description ?? undefined,
    roleArn: row.role_arn ?? undefined,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  });
}

/** A target as its row. The structures keep only the members the port names (JSON drops undefined ones). */
export function toTargetRow(target: TargetRecord): TargetRow {
  const { inputTransformer, retryPolicy } = target;
  return {
    bus: target.bus,
    rule: target.rule,
    id: target.id,
    arn: target.arn,
    input: column(target.input),
    input_path: column(target.inputPath),
    input_transformer:
      inputTransformer === undefined
        ? null
        : JSON.stringify({
            InputPathsMap: inputTransformer.InputPathsMap,
            InputTemplate: inputTransformer.InputTemplate,
          }),
    retry_policy:
      retryPolicy === undefined
        ? null
        : JSON.stringify({
            MaximumRetryAttempts: retryPolicy.MaximumRetryAttempts,
            MaximumEventAgeInSeconds: retryPolicy.MaximumEventAgeInSeconds,
          }),
    dead_letter_arn: column(target.deadLetterArn),
    sqs_message_group_id: column(target.sqsMessageGroupId),
  };
}

/** A target row as the port's TargetRecord. */
export function toTargetRecord(row: TargetRow): TargetRecord {
  return withoutAbsent<TargetRecord>({
    bus: row.bus,
    rule: row.rule,
    id: row.id,
    arn: row.arn,
    input: row.input ?? undefined,
    inputPath: row.input_path ?? undefined,
    inputTransformer:
      row.input_transformer === null
        ? undefined
        : (JSON.parse(row.input_transformer) as TargetRecord["inputTransformer"]),
    retryPolicy:
      row.retry_policy === null ? undefined : (JSON.parse(row.retry_policy) as TargetRecord["retryPolicy"]),
    deadLetterArn: row.dead_letter_arn ?? undefined,
    sqsMessageGroupId: row.sqs_message_group_id ?? undefined,
  });
}
