import type { JsonObject } from "../json.js";
import { formatEventTime } from "./event-time.js";
import type { ValidatedEntry } from "./put-events.js";

/**
 * The EventBridge event envelope, the JSON every rule matches and every target receives
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html). Keys are declared, and
 * createEnvelope writes them, in AWS's order, so the serialised event reads as AWS's does.
 */
export interface EventEnvelope {
  readonly version: "0";
  readonly id: string;
  readonly "detail-type": string;
  readonly source: string;
  readonly account: string;
  /** ISO-8601 UTC to the whole second, e.g. "2022-07-13T13:48:01Z". */
  readonly time: string;
  readonly region: string;
  /** Present only on events an archive replay re-sends: the name of that replay. */
  readonly "replay-name"?: string;
  readonly resources: readonly string[];
  readonly detail: JsonObject;
}

/** What createEnvelope needs besides the entry: the event's id, where it was put, and the current time. */
export interface CreateEnvelopeOptions {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  /** Used as `time` when the entry carries no Time of its own. */
  readonly now: Date;
  readonly replayName?: string;
}

/**
 * Builds the event a validated PutEvents entry becomes: its own Time, else `now` ("If no time stamp is
 * provided, the time stamp of the PutEvents call is used", API_PutEventsRequestEntry); Resources default
 * to an empty list, as AWS delivers them.
 * @example
 * createEnvelope(entry, { id: ids.next(), account: "123456789012", region: "us-east-1", now: clock.now() });
 */
export function createEnvelope(entry: ValidatedEntry, options: CreateEnvelopeOptions): EventEnvelope {
  return {
    version: "0",
    id: options.id,
    "detail-type": entry.detailType,
    source: entry.source,
    account: options.account,
    time: entry.time ?? formatEventTime(options.now),
    region: options.region,
    ...(options.replayName === undefined ? {} : { "replay-name": options.replayName }),
    resources: [...entry.resources],
    detail: entry.detail,
  };
}

/** The envelope as the JSON value it is by construction, for code that works on any JSON event. */
export function envelopeAsJson(envelope: EventEnvelope): JsonObject {
  return envelope as unknown as JsonObject;
}
