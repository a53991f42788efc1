/**
 * AWS's PutEvents limits, stated once: every check and every test reads them from here.
 *
 * - Entries 1–10 and the per-member length constraints (Resources members ≤ 2048, TraceHeader 1–500,
 *   EventBusName 1–1600) are the API model's constraints:
 *   https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html and
 *   https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html
 * - DetailType "with a maximum of 128 characters" is stated in PutEventsRequestEntry's description, not in
 *   the model. Source ≤ 256 is stated only on EventBridge Scheduler's PutEvents target
 *   (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_EventBridgeParameters.html).
 * - requestSizeBytes: AWS raised the PutEvents payload limit from 256 KB to 1 MB on 2026-01-29
 *   (https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb);
 *   the API reference now reads "the total entry size must be less than 1MB".
 * - Detail nesting: "PutEvents will only process nested JSON up to 1000 levels deep" (API_PutEvents).
 */
export const PUT_EVENTS_LIMITS = Object.freeze({
  minEntries: 1,
  maxEntries: 10,
  requestSizeBytes: 1_048_576,
  timeSizeBytes: 14,
  sourceMaxLength: 256,
  detailTypeMaxLength: 128,
  detailMaxDepth: 1000,
  resourceMaxLength: 2048,
  traceHeaderMinLength: 1,
  traceHeaderMaxLength: 500,
  eventBusNameMinLength: 1,
  eventBusNameMaxLength: 1600,
});

/**
 * EventBusName's model pattern (a name, or a bus ARN), anchored because the model's patterns must match
 * the whole value.
 */
export const EVENT_BUS_NAME_PATTERN =
  /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[.\-_A-Za-z0-9]+$/;

/** EventBusName's pattern as the API reference prints it, for AWS's constraint message. */
export const EVENT_BUS_NAME_PATTERN_TEXT =
  "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+";
