import type { JsonObject } from "../json.js";
import { parseDetail } from "./detail.js";
import { codePointLength, entrySizeBytes } from "./entry-size.js";
import { parseEventTime } from "./event-time.js";
import { PUT_EVENTS_LIMITS } from "./limits.js";
import { type PutEventsRequestEntry, readPutEventsEntries } from "./put-events-request.js";

/** The per-entry error codes PutEvents answers with (API_PutEventsResultEntry), as far as Switchyard raises them. */
export const PutEventsErrorCode = {
  InvalidArgument: "InvalidArgument",
  MalformedDetail: "MalformedDetail",
  NotAuthorizedForSourceException: "NotAuthorizedForSourceException",
} as const;
export type PutEventsErrorCode = (typeof PutEventsErrorCode)[keyof typeof PutEventsErrorCode];

/** An entry that passed validation, normalised and ready to become an event envelope. */
export interface ValidatedEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: JsonObject;
  readonly resources: readonly string[];
  /** The entry's own Time as the envelope carries it ("2022-07-13T13:48:01Z"); absent means "now". */
  readonly time?: string;
  /** A bus name or ARN, as sent; absent means the default bus. */
  readonly eventBusName?: string;
  readonly traceHeader?: string;
  readonly sizeBytes: number;
}

/** A PutEvents entry refused on its own, with AWS's ErrorCode and ErrorMessage; the rest of the request goes on. */
export interface PutEventsEntryFailure {
  readonly ok: false;
  readonly ErrorCode: PutEventsErrorCode;
  readonly ErrorMessage: string;
}

/** The verdict on one PutEvents entry, in request order. */
export type EntryValidation = { readonly ok: true; readonly entry: ValidatedEntry } | PutEventsEntryFailure;

/** One entry of PutEvents' answer (API_PutEventsResultEntry): its event id, or why it failed. */
export type PutEventsResultEntry =
  | { readonly EventId: string }
  | { readonly ErrorCode: string; readonly ErrorMessage: string };

/** PutEvents' answer (API_PutEvents response elements). */
export interface PutEventsResponse {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

/**
 * Validates a PutEvents request's `Entries`. A request AWS would refuse as a whole throws a
 * ValidationError (see readPutEventsEntries); otherwise each entry gets its own verdict, in request order,
 * because "if an individual entry within a request fails, EventBridge continues processing the rest of
 * the entries" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html).
 * @example
 * const verdicts = validatePutEventsEntries(body.Entries);
 * const accepted = verdicts.flatMap((v) => (v.ok ? [v.entry] : []));
 */
export function validatePutEventsEntries(entries: unknown): EntryValidation[] {
  return readPutEventsEntries(entries).map(validateEntry);
}

/**
 * Builds PutEvents' answer from each entry's outcome in request order, counting the failures, in AWS's
 * field names. Outcomes are the caller's because event ids are assigned only once events are committed.
 */
export function createPutEventsResponse(outcomes: readonly PutEventsResultEntry[]): PutEventsResponse {
  const Entries = outcomes.map(
    (outcome): PutEventsResultEntry =>
      "EventId" in outcome
        ? { EventId: outcome.EventId }
        : { ErrorCode: outcome.ErrorCode, ErrorMessage: outcome.ErrorMessage },
  );
  return { FailedEntryCount: Entries.filter((outcome) => !("EventId" in outcome)).length, Entries };
}

function validateEntry(entry: PutEventsRequestEntry): EntryValidation {
  // AWS checks the three required members in this order, each with its own message; an empty string
  // counts as missing, as AWS answers it (messages as moto and LocalStack reproduce them from AWS).
  const { Source: source, DetailType: detailType, Detail: detailText } = entry;
  if (source === undefined || source === "") return required("Source");
  if (detailType === undefined || detailType === "") return required("DetailType");
  if (detailText === undefined || detailText === "") return required("Detail");

  if (codePointLength(source) > PUT_EVENTS_LIMITS.sourceMaxLength) {
    return invalid(
      "Source",
      `Source exceeds the maximum length of ${String(PUT_EVENTS_LIMITS.sourceMaxLength)}.`,
    );
  }
  // "Customer-generated events can have any value here, as long as it doesn't begin with aws."
  // (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html); AWS fails such an entry
  // with this code and message.
  if (source.startsWith("aws.")) {
    return failure(PutEventsErrorCode.NotAuthorizedForSourceException, "Not authorized for the source.");
  }
  if (codePointLength(detailType) > PUT_EVENTS_LIMITS.detailTypeMaxLength) {
    return invalid(
      "DetailType",
      `DetailType exceeds the maximum length of ${String(PUT_EVENTS_LIMITS.detailTypeMaxLength)}.`,
    );
  }
  const detail = parseDetail(detailText);
  if (detail === undefined) return failure(PutEventsErrorCode.MalformedDetail, "Detail is malformed.");

  let time: string | undefined;
  if (entry.Time !== undefined) {
    const parsed = parseEventTime(entry.Time);
    if (!parsed.ok) return invalid("Time", parsed.reason);
    time = parsed.time;
  }

  const validated: ValidatedEntry = {
    source,
    detailType,
    detail,
    resources: entry.Resources ?? [],
    sizeBytes: entrySizeBytes(entry),
    ...(time === undefined ? {} : { time }),
    ...(entry.EventBusName === undefined ? {} : { eventBusName: entry.EventBusName }),
    ...(entry.TraceHeader === undefined ? {} : { traceHeader: entry.TraceHeader }),
  };
  return { ok: true, entry: validated };
}

function required(member: "Source" | "DetailType" | "Detail"): PutEventsEntryFailure {
  return invalid(member, `${member} is a required argument.`);
}

function invalid(member: string, reason: string): PutEventsEntryFailure {
  return failure(PutEventsErrorCode.InvalidArgument, `Parameter ${member} is not valid. Reason: ${reason}`);
}

function failure(code: PutEventsErrorCode, message: string): PutEventsEntryFailure {
  return { ok: false, ErrorCode: code, ErrorMessage: message };
}
