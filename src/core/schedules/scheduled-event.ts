import { type EventEnvelope, formatEventTime } from "../events/index.js";

/** The source and detail-type of every event a scheduled rule sends. */
export const SCHEDULED_EVENT = Object.freeze({
  source: "aws.events",
  detailType: "Scheduled Event",
} as const);

/** Everything a scheduled event carries besides its fixed source and detail-type. */
export interface ScheduledEventOptions {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  /** The ARN of the rule that fired, the event's only resource. */
  readonly ruleArn: string;
  /** The fire time the schedule computed, which becomes `time` to the whole second. */
  readonly fireTimeMs: number;
}

/**
 * Builds the event a scheduled rule sends its targets
 * (the example event in https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html):
 * source "aws.events", detail-type "Scheduled Event", the rule's ARN as the one resource, empty detail.
 * @example
 * createScheduledEvent({ id: ids.next(), account, region, ruleArn, fireTimeMs });
 */
export function createScheduledEvent(options: ScheduledEventOptions): EventEnvelope {
  return {
    version: "0",
    id: options.id,
    "detail-type": SCHEDULED_EVENT.detailType,
    source: SCHEDULED_EVENT.source,
    account: options.account,
    time: formatEventTime(new Date(options.fireTimeMs)),
    region: options.region,
    resources: [options.ruleArn],
    detail: {},
  };
}
