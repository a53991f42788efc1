import {
  ErrorCode,
  EventBusNotFoundError,
  ResourceAlreadyExistsError,
  RuleNotFoundError,
  SwitchyardError,
  ValidationError,
} from "../../core/errors.js";
import type { PutEventsResponse } from "../../core/events/index.js";
import { compileEventPattern, testEventPattern } from "../../core/patterns/index.js";
import type { ArchiveStore } from "../../store/archive-store.js";
import type { BusRecord, BusStore, RuleRecord, TargetRecord } from "../../store/bus-store.js";
import type { QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import { QueueWakeups } from "../queues/queue-wakeups.js";
import {
  type ArchiveDescription,
  type CreateArchiveInput,
  createArchive,
  deleteArchive,
  describeArchive,
  listArchives,
  requireArchive,
  type UpdateArchiveInput,
  updateArchive,
} from "./archives.js";
import {
  describeBus,
  describeRule,
  type EventBusDescription,
  type RuleDescription,
} from "./bus-descriptions.js";
import { busArnOf, busNameOf, DEFAULT_BUS, ruleArnOf } from "./bus-names.js";
import { BusRoutes } from "./bus-routes.js";
import { changeTags, listTags } from "./bus-tags.js";
import type { DeliveryFailure } from "./fan-out.js";
import { type PutEventsContext, putEvents } from "./put-events.js";
import { Replayer, type StartReplayInput } from "./replays.js";
import { checkScheduleExpression } from "./rule-checks.js";
import { RuleScheduler } from "./scheduler.js";
import { checkTarget, type TargetInput, targetInputOf } from "./target-checks.js";

/** EventBridge's limit on targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
/** CreateEventBus' Name (API_CreateEventBus): partner buses carry a "/". */
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

/** What an EventBusService runs on. */
export interface EventBusServiceOptions {
  readonly buses: BusStore;
  readonly archives: ArchiveStore;
  readonly queues: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  readonly wakeups?: QueueWakeups;
  /** Told of errors in background work (a scheduled rule that could not fire); logged when absent. */
  readonly onBackgroundError?: (error: unknown) => void;
  /** Told of every delivery that could not be made (counted and logged by the caller). */
  readonly onDeliveryFailure?: (failure: DeliveryFailure) => void;
}

/** PutRule's parameters, with AWS's names. */
export interface PutRuleInput {
  readonly Name: string;
  readonly EventBusName?: string;
  readonly EventPattern?: string;
  readonly ScheduleExpression?: string;
  readonly State?: "ENABLED" | "DISABLED";
  readonly Description?: string;
  readonly RoleArn?: string;
  /** Applied when the rule is created; PutRule on an existing rule leaves its tags alone, as AWS does. */
  readonly Tags?: Readonly<Record<string, string>>;
}

/** CreateEventBus' optional settings, with AWS's names (Tags as a map). */
export interface CreateEventBusSettings {
  readonly Description?: string;
  readonly Tags?: Readonly<Record<string, string>>;
}

/**
 * EventBridge's buses, rules and targets, and PutEvents delivering to SQS queue targets with the
 * transactional fan-out of put-events.ts. The default bus always exists.
 * @example
 * const events = createEventBusService({ buses, queues, clock, ids, account, region });
 * await events.putRule({ Name: "orders", EventPattern: '{"source": ["shop.orders"]}' });
 * await events.putTargets("orders", [{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:orders" }]);
 * await events.putEvents([{ Source: "shop.orders", DetailType: "OrderCreated", Detail: "{}" }]);
 */
export function createEventBusService(options: EventBusServiceOptions) {
  const { buses, clock } = options;
  const wakeups = options.wakeups ?? new QueueWakeups(clock);
  const routes = new Map<string, BusRoutes>();
  const failures: DeliveryFailure[] = [];

  async function ensureDefaultBus(): Promise<void> {
    if ((await buses.getBus(DEFAULT_BUS)) === undefined) {
      await buses.putBus({ name: DEFAULT_BUS, tags: {}, createdAtMs: clock.nowMs() });
    }
  }

  async function routesOf(bus: string): Promise<BusRoutes | undefined> {
    const known = routes.get(bus);
    if (known !== undefined) return known;
    if (bus === DEFAULT_BUS) await ensureDefaultBus();
    if ((await buses.getBus(bus)) === undefined) return undefined;
    const archived = (await options.archives.listArchives()).filter((archive) => archive.bus === bus);
    const loaded = BusRoutes.load(await buses.loadBus(bus), archived);
    routes.set(bus, loaded);
    return loaded;
  }

  async function requireBus(name: string): Promise<BusRoutes> {
    const found = await routesOf(name);
    if (found === undefined) throw new EventBusNotFoundError(name);
    return found;
  }

  async function requireRule(bus: string, name: string): Promise<RuleRecord> {
    const rule = await buses.getRule(bus, name);
    if (rule === undefined) throw new RuleNotFoundError(bus, name);
    return rule;
  }

  const putEventsContext: PutEventsContext = {
    ...options,
    wakeups,
    routesOf,
    onDeliveryFailure: (failure) => {
      failures.push(failure);
      options.onDeliveryFailure?.(failure);
    },
  };
  const tagsContext = { buses, routesOf };
  const replayer = new Replayer(putEventsContext);
  const scheduler = new RuleScheduler(
    putEventsContext,
    options.onBackgroundError ?? ((error) => console.error("scheduled rule failed:", error)),
  );

  return {
    /** Deliveries that could not be made so far (cleared on read). */
    takeDeliveryFailures(): DeliveryFailure[] {
      return failures.splice(0);
    },

    /** Whether a bus exists (the default bus always does). */
    async hasEventBus(name: string): Promise<boolean> {
      return (await routesOf(name)) !== undefined;
    },

    async createEventBus(name: string, settings: CreateEventBusSettings = {}): Promise<string> {
      if (!BUS_NAME.test(name)) {
        throw new ValidationError(
          `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+`,
        );
      }
      if (name === DEFAULT_BUS || (await buses.getBus(name)) !== undefined) {
        throw new ResourceAlreadyExistsError(`Event bus ${name} already exists.`, { bus: name });
      }
      const record: BusRecord = {
        name,
        ...(settings.Description === undefined ? {} : { description: settings.Description }),
        tags: { ...settings.Tags },
        createdAtMs: clock.nowMs(),
      };
      await buses.putBus(record);
      return busArnOf(options, name);
    },

    /** DescribeEventBus: the named bus, or the default one. */
    async describeEventBus(name?: string): Promise<EventBusDescription> {
      const bus = busNameOf(name);
      if (bus === DEFAULT_BUS) await ensureDefaultBus();
      const record = await buses.getBus(bus);
      if (record === undefined) throw new EventBusNotFoundError(bus);
      return describeBus(options, record);
    },

    /** ListEventBuses: every bus by name (the default one included), optionally those starting with `prefix`. */
    async listEventBuses(prefix?: string): Promise<EventBusDescription[]> {
      await ensureDefaultBus();
      const found = await buses.listBuses(prefix);
      return found.map((record) => describeBus(options, record));
    },

    async deleteEventBus(name: string): Promise<void> {
      if (name === DEFAULT_BUS) throw new ValidationError("Cannot delete event bus default.");
      await buses.deleteBus(name);
      routes.delete(name);
    },

    async putRule(input: PutRuleInput): Promise<string> {
      const bus = busNameOf(input.EventBusName);
      const table = await requireBus(bus);
      if (!RULE_NAME.test(input.Name)) {
        throw new ValidationError(
          `1 validation error detected: Value '${input.Name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
        );
      }
      if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
        throw new ValidationError("Parameter(s) EventPattern or ScheduleExpression must be specified.");
      }
      if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern);
      if (input.ScheduleExpression !== undefined) checkScheduleExpression(input.ScheduleExpression, bus);
      const existing = await buses.getRule(bus, input.Name);
      const nowMs = clock.nowMs();
      const rule: RuleRecord = {
        bus,
        name: input.Name,
        ...(input.EventPattern === undefined ? {} : { eventPattern: input.EventPattern }),
        ...(input.ScheduleExpression === undefined ? {} : { scheduleExpression: input.ScheduleExpression }),
        state: input.State ?? "ENABLED",
        ...(input.Description === undefined ? {} : { description: input.Description }),
        ...(input.RoleArn === undefined ? {} : { roleArn: input.RoleArn }),
        tags: existing?.tags ?? { ...input.Tags },
        createdAtMs: existing?.createdAtMs ?? nowMs,
        updatedAtMs: nowMs,
      };
      await buses.putRule(rule);
      table.setRule(rule);
      scheduler.update(rule);
      return ruleArnOf(options, bus, input.Name);
    },

    /** DescribeRule: the rule as stored, with the account that created it. */
    async describeRule(
      name: string,
      busName?: string,
    ): Promise<RuleDescription & { readonly CreatedBy: string }> {
      const bus = busNameOf(busName);
      await requireBus(bus);
      return { ...describeRule(options, await requireRule(bus, name)), CreatedBy: options.account };
    },

    /** ListRules: a bus's rules by name, optionally those starting with `prefix`. */
    async listRules(busName?: string, prefix?: string): Promise<RuleDescription[]> {
      const bus = busNameOf(busName);
      await requireBus(bus);
      return (await buses.listRules(bus, prefix)).map((rule) => describeRule(options, rule));
    },

    /** ListRuleNamesByTarget: the names of a bus's rules that have a target of that ARN, by name. */
    async listRuleNamesByTarget(targetArn: string, busName?: string): Promise<string[]> {
      const bus = busNameOf(busName);
      await requireBus(bus);
      return (await buses.loadBus(bus))
        .filter(({ targets }) => targets.some((target) => target.arn === targetArn))
        .map(({ rule }) => rule.name)
        .sort();
    },

    async setRuleState(name: string, state: "ENABLED" | "DISABLED", busName?: string): Promise<void> {
      const bus = busNameOf(busName);
      const table = await requireBus(bus);
      const rule = { ...(await requireRule(bus, name)), state, updatedAtMs: clock.nowMs() };
      await buses.putRule(rule);
      table.setRule(rule);
      scheduler.update(rule);
    },

    async deleteRule(name: string, busName?: string): Promise<void> {
      const bus = busNameOf(busName);
      const table = await requireBus(bus);
      if ((await buses.getRule(bus, name)) === undefined) return;
      if ((await buses.listTargets(bus, name)).length > 0)
        throw new ValidationError("Rule can't be deleted since it has targets.");
      await buses.deleteRule(bus, name);
      table.deleteRule(name);
      scheduler.remove(name, bus);
    },

    async putTargets(rule: string, targets: readonly TargetInput[], busName?: string): Promise<void> {
      const bus = busNameOf(busName);
      const table = await requireBus(bus);
      await requireRule(bus, rule);
      for (const [index, target] of targets.entries()) checkTarget(target, index + 1);
      const current = await buses.listTargets(bus, rule);
      const ids = new Set([...current.map((t) => t.id), ...targets.map((t) => t.Id)]);
      if (ids.size > MAX_TARGETS_PER_RULE) {
        throw new SwitchyardError(
          ErrorCode.LimitExceeded,
          "The requested resource exceeds the maximum number allowed.",
          {
            context: { rule, targets: ids.size },
          },
        );
      }
      const records: TargetRecord[] = targets.map((t) => ({
        bus,
        rule,
        id: t.Id,
        arn: t.Arn,
        ...(t.Input === undefined ? {} : { input: t.Input }),
        ...(t.InputPath === undefined ? {} : { inputPath: t.InputPath }),
        ...(t.InputTransformer === undefined ? {} : { inputTransformer: t.InputTransformer }),
        ...(t.RetryPolicy === undefined ? {} : { retryPolicy: t.RetryPolicy }),
        ...(t.DeadLetterConfig?.Arn === undefined ? {} : { deadLetterArn: t.DeadLetterConfig.Arn }),
        ...(t.SqsParameters?.MessageGroupId === undefined
          ? {}
          : { sqsMessageGroupId: t.SqsParameters.MessageGroupId }),
      }));
      await buses.putTargets(records);
      table.setTargets(rule, await buses.listTargets(bus, rule));
    },

    /** ListTargetsByRule: the rule's targets as PutTargets took them, by id. */
    async listTargetsByRule(rule: string, busName?: string): Promise<TargetInput[]> {
      const bus = busNameOf(busName);
      await requireBus(bus);
      await requireRule(bus, rule);
      return (await buses.listTargets(bus, rule)).map(targetInputOf);
    },

    async removeTargets(rule: string, ids: readonly string[], busName?: string): Promise<void> {
      const bus = busNameOf(busName);
      const table = await requireBus(bus);
      await requireRule(bus, rule);
      await buses.removeTargets(bus, rule, ids);
      table.setTargets(rule, await buses.listTargets(bus, rule));
    },

    /** ListTagsForResource of a bus or a rule, by ARN. */
    listTagsForResource: (arn: string) => listTags(tagsContext, arn),
    /** TagResource: adds or replaces a bus's or a rule's tags. */
    tagResource: (arn: string, tags: Readonly<Record<string, string>>) =>
      changeTags(tagsContext, arn, (current) => Object.assign(current, tags)),
    /** UntagResource: removes a bus's or a rule's tags by key (keys it does not have are ignored). */
    untagResource: (arn: string, keys: readonly string[]) =>
      changeTags(tagsContext, arn, (current) => {
        for (const key of keys) delete current[key];
      }),

    putEvents(entries: unknown): Promise<PutEventsResponse> {
      return putEvents(putEventsContext, entries);
    },

    createArchive: (input: CreateArchiveInput) => createArchive(putEventsContext, input),
    updateArchive: (input: UpdateArchiveInput) => updateArchive(putEventsContext, input),
    deleteArchive: (name: string) => deleteArchive(putEventsContext, name),
    async describeArchive(name: string): Promise<ArchiveDescription> {
      return describeArchive(putEventsContext, await requireArchive(putEventsContext, name));
    },
    listArchives: (filter: { NamePrefix?: string; EventSourceArn?: string } = {}) =>
      listArchives(putEventsContext, filter),

    startReplay: (input: StartReplayInput) => replayer.start(input),
    cancelReplay: (name: string) => replayer.cancel(name),
    describeReplay: (name: string) => replayer.describe(name),
    listReplays: (filter: Parameters<Replayer["list"]>[0] = {}) => replayer.list(filter),
    /**
     * Starts background work: arms the default bus's scheduled rules and resumes the replays a previous
     * run left unfinished (the composition root calls it once).
     */
    async start(): Promise<void> {
      await routesOf(DEFAULT_BUS);
      for (const rule of await buses.listRules(DEFAULT_BUS)) scheduler.update(rule);
      await replayer.resume();
    },
    /** Resolves when no replay is running. */
    replaysIdle: () => replayer.idle(),
    /** Stops background work (replays halt after their current batch) before the store closes. */
    async stop(): Promise<void> {
      scheduler.stop();
      await replayer.stop();
    },

    /** TestEventPattern, as the API answers it. */
    testEventPattern(eventPattern: string, event: string): boolean {
      return testEventPattern(eventPattern, event);
    },
  };
}

/** The event bus service. */
export type EventBusService = ReturnType<typeof createEventBusService>;
