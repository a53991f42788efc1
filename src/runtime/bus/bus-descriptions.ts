import type { BusRecord, RuleRecord } from "../../store/bus-store.js";
import { busArnOf, ruleArnOf } from "./bus-names.js";

/** Where the account lives, as ARNs name it. */
interface Place {
  readonly region: string;
  readonly account: string;
}

/** A bus as DescribeEventBus and ListEventBuses answer it (API_EventBus). */
export interface EventBusDescription {
  readonly Name: string;
  readonly Arn: string;
  readonly Description?: string;
  readonly CreationTime: Date;
  /** Buses are not updated in Switchyard, so this is their creation time. */
  readonly LastModifiedTime: Date;
}

/** A rule as ListRules answers it (API_Rule). */
export interface RuleDescription {
  readonly Name: string;
  readonly Arn: string;
  readonly EventPattern?: string;
  readonly ScheduleExpression?: string;
  readonly State: "ENABLED" | "DISABLED";
  readonly Description?: string;
  readonly RoleArn?: string;
  readonly EventBusName: string;
}

/** A bus record in AWS's shape. */
export function describeBus(place: Place, bus: BusRecord): EventBusDescription {
  return {
    Name: bus.name,
    Arn: busArnOf(place, bus.name),
    ...(bus.description === undefined ? {} : { Description: bus.description }),
    CreationTime: new Date(bus.createdAtMs),
    LastModifiedTime: new Date(bus.createdAtMs),
  };
}

/** A rule record in AWS's shape. */
export function describeRule(place: Place, rule: RuleRecord): RuleDescription {
  return {
    Name: rule.name,
    Arn: ruleArnOf(place, rule.bus, rule.name),
    ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    ...(rule.roleArn === undefined ? {} : { RoleArn: rule.roleArn }),
    EventBusName: rule.bus,
  };
}
