import type { ArchiveDescription } from "../runtime/bus/archives.js";
import type { EventBusService } from "../runtime/bus/event-bus-service.js";
import type { ReplayDescription } from "../runtime/bus/replays.js";
import type { TargetInput } from "../runtime/bus/target-checks.js";
import { ReplayState } from "../store/archive-store.js";
import {
  type Members,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalStructure,
  optionalTags,
  paginate,
  requiredDate,
  requiredString,
  requiredStructureList,
} from "./events-input.js";

/** An EventBridge operation: the request's members in, the answer's members out (Dates still Dates). */
export type EventsOperation = (input: Members) => Promise<object>;

const RULE_STATES = ["ENABLED", "DISABLED"] as const;
const ARCHIVE_STATES = [
  "ENABLED",
  "DISABLED",
  "CREATING",
  "UPDATING",
  "CREATE_FAILED",
  "UPDATE_FAILED",
] as const;
const REPLAY_STATES = Object.values(ReplayState);

/** PutTargets' and RemoveTargets' answer when every entry succeeded: AWS lists no failed entry then. */
const NO_FAILED_ENTRIES = { FailedEntryCount: 0, FailedEntries: [] } as const;

/**
 * EventBridge's operations by name, each reading AWS's request members and answering AWS's response members
 * (API reference, "Actions"). Whole-request refusals are the service's errors; the protocol maps them.
 */
export function createEventsOperations(events: EventBusService): Readonly<Record<string, EventsOperation>> {
  const bus = (input: Members) => optionalString(input, "EventBusName");
  return {
    CreateEventBus: async (input) => {
      const Description = optionalString(input, "Description");
      const Tags = optionalTags(input);
      const EventBusArn = await events.createEventBus(requiredString(input, "Name"), {
        ...(Description === undefined ? {} : { Description }),
        ...(Tags === undefined ? {} : { Tags }),
      });
      return { EventBusArn, ...(Description === undefined ? {} : { Description }) };
    },
    DeleteEventBus: async (input) => {
      await events.deleteEventBus(requiredString(input, "Name"));
      return {};
    },
    DescribeEventBus: (input) => events.describeEventBus(optionalString(input, "Name")),
    ListEventBuses: async (input) => {
      const { page, NextToken } = paginate(
        await events.listEventBuses(optionalString(input, "NamePrefix")),
        input,
      );
      return { EventBuses: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },

    PutRule: async (input) => {
      const optional = {
        EventBusName: bus(input),
        EventPattern: optionalString(input, "EventPattern"),
        ScheduleExpression: optionalString(input, "ScheduleExpression"),
        State: optionalEnum(input, "State", RULE_STATES),
        Description: optionalString(input, "Description"),
        RoleArn: optionalString(input, "RoleArn"),
        Tags: optionalTags(input),
      };
      const RuleArn = await events.putRule({ Name: requiredString(input, "Name"), ...defined(optional) });
      return { RuleArn };
    },
    DescribeRule: (input) => events.describeRule(requiredString(input, "Name"), bus(input)),
    ListRules: async (input) => {
      const rules = await events.listRules(bus(input), optionalString(input, "NamePrefix"));
      const { page, NextToken } = paginate(rules, input);
      return { Rules: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },
    DeleteRule: async (input) => {
      await events.deleteRule(requiredString(input, "Name"), bus(input));
      return {};
    },
    EnableRule: async (input) => {
      await events.setRuleState(requiredString(input, "Name"), "ENABLED", bus(input));
      return {};
    },
    DisableRule: async (input) => {
      await events.setRuleState(requiredString(input, "Name"), "DISABLED", bus(input));
      return {};
    },

    PutTargets: async (input) => {
      const rule = requiredString(input, "Rule");
      const targets = requiredStructureList(input, "Targets").map(readTarget);
      await events.putTargets(rule, targets, bus(input));
      return NO_FAILED_ENTRIES;
    },
    RemoveTargets: async (input) => {
      const rule = requiredString(input, "Rule");
      const ids = optionalStringList(input, "Ids");
      if (ids === undefined) requiredString(input, "Ids");
      await events.removeTargets(rule, ids ?? [], bus(input));
      return NO_FAILED_ENTRIES;
    },
    ListTargetsByRule: async (input) => {
      const targets = await events.listTargetsByRule(requiredString(input, "Rule"), bus(input));
      const { page, NextToken } = paginate(targets, input);
      return { Targets: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },
    ListRuleNamesByTarget: async (input) => {
      const names = await events.listRuleNamesByTarget(requiredString(input, "TargetArn"), bus(input));
      const { page, NextToken } = paginate(names, input);
      return { RuleNames: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },

    TagResource: async (input) => {
      const arn = requiredString(input, "ResourceARN");
      const tags = optionalTags(input);
      if (tags === undefined) requiredString(input, "Tags");
      await events.tagResource(arn, tags ?? {});
      return {};
    },
    UntagResource: async (input) => {
      const arn = requiredString(input, "ResourceARN");
      const keys = optionalStringList(input, "TagKeys");
      if (keys === undefined) requiredString(input, "TagKeys");
      await events.untagResource(arn, keys ?? []);
      return {};
    },
    ListTagsForResource: async (input) => {
      const tags = await events.listTagsForResource(requiredString(input, "ResourceARN"));
      return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    },

    PutEvents: (input) => events.putEvents(input.Entries),
    TestEventPattern: async (input) => ({
      Result: events.testEventPattern(requiredString(input, "EventPattern"), requiredString(input, "Event")),
    }),

    CreateArchive: (input) =>
      events.createArchive({
        ArchiveName: requiredString(input, "ArchiveName"),
        EventSourceArn: requiredString(input, "EventSourceArn"),
        ...archiveSettings(input),
      }),
    UpdateArchive: (input) =>
      events.updateArchive({ ArchiveName: requiredString(input, "ArchiveName"), ...archiveSettings(input) }),
    DeleteArchive: async (input) => {
      await events.deleteArchive(requiredString(input, "ArchiveName"));
      return {};
    },
    DescribeArchive: (input) => events.describeArchive(requiredString(input, "ArchiveName")),
    ListArchives: async (input) => {
      const state = optionalEnum(input, "State", ARCHIVE_STATES);
      const archives = (
        await events.listArchives(
          defined({
            NamePrefix: optionalString(input, "NamePrefix"),
            EventSourceArn: optionalString(input, "EventSourceArn"),
          }),
        )
      ).filter((archive) => state === undefined || archive.State === state);
      const { page, NextToken } = paginate(archives.map(archiveSummaryOf), input);
      return { Archives: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },

    StartReplay: (input) => {
      const destination = optionalStructure(input, "Destination");
      if (destination === undefined) requiredString(input, "Destination");
      const filterArns = optionalStringList(destination ?? {}, "FilterArns");
      return events.startReplay({
        ReplayName: requiredString(input, "ReplayName"),
        ...defined({ Description: optionalString(input, "Description") }),
        EventSourceArn: requiredString(input, "EventSourceArn"),
        EventStartTime: requiredDate(input, "EventStartTime"),
        EventEndTime: requiredDate(input, "EventEndTime"),
        Destination: {
          Arn: requiredString(destination ?? {}, "Arn"),
          ...(filterArns === undefined ? {} : { FilterArns: filterArns }),
        },
      });
    },
    DescribeReplay: (input) => events.describeReplay(requiredString(input, "ReplayName")),
    ListReplays: async (input) => {
      const replays = await events.listReplays(
        defined({
          NamePrefix: optionalString(input, "NamePrefix"),
          State: optionalEnum(input, "State", REPLAY_STATES),
          EventSourceArn: optionalString(input, "EventSourceArn"),
        }),
      );
      const { page, NextToken } = paginate(replays.map(replaySummaryOf), input);
      return { Replays: page, ...(NextToken === undefined ? {} : { NextToken }) };
    },
    CancelReplay: (input) => events.cancelReplay(requiredString(input, "ReplayName")),
  };
}

/** The members that are set, so optional properties stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(
  members: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function archiveSettings(input: Members) {
  return defined({
    Description: optionalString(input, "Description"),
    EventPattern: optionalString(input, "EventPattern"),
    RetentionDays: optionalInteger(input, "RetentionDays"),
  });
}

/** One PutTargets target: Id and Arn required, the members Switchyard acts on read; the service checks the rest. */
function readTarget(target: Members): TargetInput {
  const transformer = optionalStructure(target, "InputTransformer");
  const retry = optionalStructure(target, "RetryPolicy");
  const deadLetter = optionalStructure(target, "DeadLetterConfig");
  const sqs = optionalStructure(target, "SqsParameters");
  const pathsMap = transformer === undefined ? undefined : optionalStructure(transformer, "InputPathsMap");
  return {
    Id: requiredString(target, "Id"),
    Arn: requiredString(target, "Arn"),
    ...defined({ Input: optionalString(target, "Input"), InputPath: optionalString(target, "InputPath") }),
    ...(transformer === undefined
      ? {}
      : {
          InputTransformer: {
            ...(pathsMap === undefined ? {} : { InputPathsMap: pathsMap as Record<string, string> }),
            InputTemplate: requiredString(transformer, "InputTemplate"),
          },
        }),
    ...(retry === undefined
      ? {}
      : {
          RetryPolicy: defined({
            MaximumRetryAttempts: optionalInteger(retry, "MaximumRetryAttempts"),
            MaximumEventAgeInSeconds: optionalInteger(retry, "MaximumEventAgeInSeconds"),
          }),
        }),
    ...(deadLetter === undefined
      ? {}
      : { DeadLetterConfig: defined({ Arn: optionalString(deadLetter, "Arn") }) }),
    ...(sqs === undefined
      ? {}
      : { SqsParameters: defined({ MessageGroupId: optionalString(sqs, "MessageGroupId") }) }),
  };
}

/** An archive as ListArchives answers it (API_Archive: no ARN, description or pattern). */
function archiveSummaryOf(archive: ArchiveDescription) {
  const { ArchiveName, EventSourceArn, State, RetentionDays, SizeBytes, EventCount, CreationTime } = archive;
  return { ArchiveName, EventSourceArn, State, RetentionDays, SizeBytes, EventCount, CreationTime };
}

/** A replay as ListReplays answers it (API_Replay: no ARN, description or destination). */
function replaySummaryOf(replay: ReplayDescription) {
  const { ReplayArn: _arn, Description: _description, Destination: _destination, ...summary } = replay;
  return summary;
}
