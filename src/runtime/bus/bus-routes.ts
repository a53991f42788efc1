import { parseTargetArn, type TargetKind } from "../../core/events/index.js";
import { compileEventPattern, createRuleSet, type RuleSet } from "../../core/patterns/index.js";
import { parseSqsQueueArn } from "../../core/queues/index.js";
import { compileTargetInput, type TargetInputTransform } from "../../core/transform/index.js";
import type { ArchiveRecord } from "../../store/archive-store.js";
import type { RuleRecord, TargetRecord } from "../../store/bus-store.js";

/** A target ready to deliver to: its record, what its ARN names, its compiled input and its dead-letter queue. */
export interface RouteTarget {
  readonly record: TargetRecord;
  /** Undefined for an ARN Switchyard does not deliver to (PutTargets refuses them; older stores may hold one). */
  readonly kind: TargetKind | undefined;
  readonly transform: TargetInputTransform;
  /** The name of the queue its DeadLetterConfig names. */
  readonly deadLetterQueue?: string;
}

/**
 * One bus's routing table in memory: its enabled pattern rules in a RuleSet and each rule's targets
 * with their inputs compiled. Built from the store at first use and kept in step with every change the
 * bus service makes, so PutEvents never reads rules from disk.
 */
export class BusRoutes {
  private readonly matcher: RuleSet<string> = createRuleSet<string>();
  private readonly rules = new Map<string, RuleRecord>();
  private readonly targets = new Map<string, RouteTarget[]>();
  private readonly archiveMatcher: RuleSet<string> = createRuleSet<string>();
  /** Archives without a pattern: they keep every event of the bus. */
  private readonly archivesOfAll = new Set<string>();

  /** Builds the routes of a bus from its stored rules and targets. */
  static load(
    entries: readonly { rule: RuleRecord; targets: readonly TargetRecord[] }[],
    archives: readonly ArchiveRecord[] = [],
  ): BusRoutes {
    const routes = new BusRoutes();
    for (const { rule, targets } of entries) {
      routes.setRule(rule);
      routes.setTargets(rule.name, targets);
    }
    for (const archive of archives) routes.setArchive(archive);
    return routes;
  }

  /** Adds or replaces an archive of this bus (its pattern decides which events it keeps). */
  setArchive(archive: ArchiveRecord): void {
    this.deleteArchive(archive.name);
    if (archive.eventPattern === undefined) this.archivesOfAll.add(archive.name);
    else this.archiveMatcher.add(archive.name, compileEventPattern(archive.eventPattern));
  }

  /** Forgets an archive. */
  deleteArchive(name: string): void {
    this.archivesOfAll.delete(name);
    this.archiveMatcher.remove(name);
  }

  /** The archives that keep an event (never a replayed one: replays are not archived again). */
  archivesFor(event: { readonly "replay-name"?: string }): string[] {
    if (event["replay-name"] !== undefined) return [];
    // Most buses have no archive with a pattern: no walk of the event for them on every PutEvents.
    const matched = this.archiveMatcher.size === 0 ? [] : this.archiveMatcher.match(event);
    return this.archivesOfAll.size === 0 ? matched : [...this.archivesOfAll, ...matched];
  }

  /** Adds or replaces a rule; only enabled rules with a pattern take part in matching. */
  setRule(rule: RuleRecord): void {
    this.rules.set(rule.name, rule);
    if (rule.state === "ENABLED" && rule.eventPattern !== undefined) {
      this.matcher.add(rule.name, compileEventPattern(rule.eventPattern));
    } else {
      this.matcher.remove(rule.name);
    }
  }

  /** Forgets a rule and its targets. */
  deleteRule(name: string): void {
    this.rules.delete(name);
    this.targets.delete(name);
    this.matcher.remove(name);
  }

  /** Sets a rule's targets (the whole list, as stored). */
  setTargets(rule: string, targets: readonly TargetRecord[]): void {
    this.targets.set(
      rule,
      targets.map((record) => routeTarget(record)),
    );
  }

  /** A rule's targets (none for an unknown rule). */
  targetsOf(rule: string): readonly RouteTarget[] {
    return this.targets.get(rule) ?? [];
  }

  /** The rules an event matches, with their targets. */
  route(event: unknown): { rule: RuleRecord; targets: readonly RouteTarget[] }[] {
    return this.matcher.match(event).flatMap((name) => {
      const rule = this.rules.get(name);
      return rule === undefined ? [] : [{ rule, targets: this.targets.get(name) ?? [] }];
    });
  }
}

/** A stored target made ready to deliver to. */
function routeTarget(record: TargetRecord): RouteTarget {
  const kind = parseTargetArn(record.arn);
  const deadLetterQueue =
    record.deadLetterArn === undefined ? undefined : parseSqsQueueArn(record.deadLetterArn)?.queueName;
  return {
    record,
    kind,
    ...(deadLetterQueue === undefined ? {} : { deadLetterQueue }),
    transform: compileTargetInput({
      Id: record.id,
      ...(record.input === undefined ? {} : { Input: record.input }),
      ...(record.inputPath === undefined ? {} : { InputPath: record.inputPath }),
      ...(record.inputTransformer === undefined ? {} : { InputTransformer: record.inputTransformer }),
    }),
  };
}
