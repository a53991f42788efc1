export type { SizedEntry } from "./entry-size.js";
export { entrySizeBytes, utf8ByteLength } from "./entry-size.js";
export type { CreateEnvelopeOptions, EventEnvelope } from "./envelope.js";
export { createEnvelope, envelopeAsJson } from "./envelope.js";
export type { EventTimeInput, EventTimeParse } from "./event-time.js";
export { formatEventTime, parseEventTime } from "./event-time.js";
export {
  BUS_NAME_PATTERN,
  DEFAULT_EVENT_BUS,
  EVENTBRIDGE_LIMITS,
  RULE_DEFAULTS,
  RULE_NAME_PATTERN,
} from "./eventbridge-limits.js";
export { PUT_EVENTS_LIMITS } from "./limits.js";
export type {
  EntryValidation,
  PutEventsEntryFailure,
  PutEventsResponse,
  PutEventsResultEntry,
  ValidatedEntry,
} from "./put-events.js";
export { createPutEventsResponse, PutEventsErrorCode, validatePutEventsEntries } from "./put-events.js";
export type { PutEventsRequestEntry } from "./put-events-request.js";
export { readPutEventsEntries } from "./put-events-request.js";
export type { TargetKind } from "./target-arn.js";
export { parseTargetArn } from "./target-arn.js";
export { parseTestEventPatternEvent, TEST_EVENT_REQUIRED_FIELDS } from "./test-event-pattern-event.js";
