import {
  EVENT_SOURCE_MAPPING_DEFAULTS,
  EVENT_SOURCE_MAPPING_LIMITS,
  type ResolvedEventSourceMapping,
} from "../../core/app/index.js";
import { ValidationError } from "../../core/errors.js";
import { InvalidEventSourceMappingError } from "./mapping-errors.js";
import { compileRecordFilter, type RecordFilter } from "./record-filter.js";

/**
 * A mapping's settings as the app definition resolves them (`ResolvedEventSourceMapping` without its queue and
 * function); every member may be left out and takes Lambda's default (`EVENT_SOURCE_MAPPING_DEFAULTS`).
 */
export type MappingSettingsInput = Partial<
  Pick<
    ResolvedEventSourceMapping,
    | "batchSize"
    | "maximumBatchingWindowSeconds"
    | "maximumConcurrency"
    | "enabled"
    | "filterPatterns"
    | "reportBatchItemFailures"
  >
>;

/** A change to a mapping (UpdateEventSourceMapping): members left out keep their value; `maximumConcurrency: null` removes the ScalingConfig. */
export type MappingSettingsChange = Omit<MappingSettingsInput, "maximumConcurrency"> & {
  readonly maximumConcurrency?: number | null;
};

/** A mapping's checked settings, every default applied, its filter patterns compiled. */
export interface MappingSettings {
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** Undefined: no ScalingConfig; the mapping runs up to `POLLER_LIMITS.defaultConcurrency` batches at once. */
  readonly maximumConcurrency: number | undefined;
  readonly enabled: boolean;
  readonly filterPatterns: readonly string[];
  readonly reportBatchItemFailures: boolean;
  readonly filter: RecordFilter;
}

/**
 * What Lambda's SQS pollers do that a mapping's settings do not state:
 * - a ReceiveMessage asks for at most 10 messages (SQS's MaxNumberOfMessages) and an idle poller waits at most
 *   20 seconds before it asks again (SQS's longest long poll);
 * - the event sent to the function is at most 6 MB, Lambda's limit on a synchronous invocation's payload
 *   (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), "Lambda metadata" included:
 *   records past it wait for the next batch;
 * - with messages available "Lambda reads up to five batches and sends them to your function"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, scaling and processing): without a
 *   ScalingConfig a mapping runs at most five batches at once here (Lambda goes on adding pollers up to 1,000;
 *   a local function rarely has the concurrency for more);
 * - a batching window longer than the queue's visibility timeout less the function's timeout stretches the
 *   visibility of what Lambda receives to window + timeout + 30 s (the note under "Batch window" on that page).
 */
export const POLLER_LIMITS = Object.freeze({
  receiveMaxMessages: 10,
  longPollSeconds: 20,
  invocationPayloadMaxBytes: 6_291_456,
  defaultConcurrency: 5,
  windowVisibilityMarginSeconds: 30,
});

/**
 * Checks a mapping's settings as CreateEventSourceMapping and UpdateEventSourceMapping do and applies Lambda's
 * defaults. Ranges are one ValidationError listing each problem in Lambda's words ("1 validation error detected:
 * Value '0' at 'batchSize' failed to satisfy constraint: …"); the rules between settings and the filter patterns are
 * InvalidEventSourceMappingErrors (Lambda's InvalidParameterValueException). Rules that need the queue's kind are
 * `checkQueueKind`'s.
 * @example
 * const settings = resolveMappingSettings({ batchSize: 100, maximumBatchingWindowSeconds: 5 });
 */
export function resolveMappingSettings(input: MappingSettingsInput): MappingSettings {
  const defaults = EVENT_SOURCE_MAPPING_DEFAULTS;
  const limits = EVENT_SOURCE_MAPPING_LIMITS;
  const batchSize = input.batchSize ?? defaults.batchSize;
  const maximumBatchingWindowSeconds =
    input.maximumBatchingWindowSeconds ?? defaults.maximumBatchingWindowSeconds;
  const problems: string[] = [];
  checkRange(problems, batchSize, "batchSize", limits.batchSize);
  checkRange(problems, maximumBatchingWindowSeconds, "maximumBatchingWindowInSeconds", {
    min: limits.maximumBatchingWindowSeconds.min,
    max: limits.maximumBatchingWindowSeconds.max,
  });
  if (input.maximumConcurrency !== undefined) {
    checkRange(
      problems,
      input.maximumConcurrency,
      "scalingConfig.maximumConcurrency",
      limits.maximumConcurrency,
    );
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
    throw new ValidationError(`${count} detected: ${problems.join("; ")}`, {
      batchSize,
      maximumBatchingWindowSeconds,
      maximumConcurrency: input.maximumConcurrency,
    });
  }
  if (batchSize > limits.batchSizeWithoutWindowMax && maximumBatchingWindowSeconds < 1) {
    // CreateEventSourceMapping's answer, as recorded against AWS (localstack/localstack,
    // tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.snapshot.json).
    throw new InvalidEventSourceMappingError(
      "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
      { batchSize, maximumBatchingWindowSeconds },
    );
  }
  const filterPatterns = [...(input.filterPatterns ?? [])];
  if (filterPatterns.length > limits.filterPatternsMax) {
    // AWS publishes no wording for this refusal ("Lambda will return an error", invocation-eventfiltering).
    throw new InvalidEventSourceMappingError(
      `FilterCriteria has ${filterPatterns.length} filters; at most ${limits.filterPatternsMax} are allowed.`,
      { filters: filterPatterns.length },
    );
  }
  return Object.freeze({
    batchSize,
    maximumBatchingWindowSeconds,
    maximumConcurrency: input.maximumConcurrency,
    enabled: input.enabled ?? defaults.enabled,
    filterPatterns: Object.freeze(filterPatterns),
    reportBatchItemFailures: input.reportBatchItemFailures ?? defaults.reportBatchItemFailures,
    filter: compileRecordFilter(filterPatterns),
  });
}

/** Settings with a change applied (UpdateEventSourceMapping), checked again as a whole. */
export function changeMappingSettings(
  current: MappingSettings,
  change: MappingSettingsChange,
): MappingSettings {
  const maximumConcurrency =
    change.maximumConcurrency === null
      ? undefined
      : (change.maximumConcurrency ?? current.maximumConcurrency);
  return resolveMappingSettings({
    batchSize: change.batchSize ?? current.batchSize,
    maximumBatchingWindowSeconds: change.maximumBatchingWindowSeconds ?? current.maximumBatchingWindowSeconds,
    ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
    enabled: change.enabled ?? current.enabled,
    filterPatterns: change.filterPatterns ?? current.filterPatterns,
    reportBatchItemFailures: change.reportBatchItemFailures ?? current.reportBatchItemFailures,
  });
}

/**
 * The rules a FIFO queue adds: no batching window ("Batching window is not supported for FIFO queues", Lambda's
 * answer as deployments report it, e.g. aws/aws-lambda-dotnet#1758) and at most 10 records a batch (Lambda's
 * message from when every SQS batch was limited to 10, pulumi/pulumi-aws-serverless#20).
 */
export function checkQueueKind(settings: MappingSettings, fifo: boolean): void {
  if (!fifo) return;
  if (settings.maximumBatchingWindowSeconds > 0) {
    throw new InvalidEventSourceMappingError("Batching window is not supported for FIFO queues", {
      maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds,
    });
  }
  if (settings.batchSize > EVENT_SOURCE_MAPPING_LIMITS.fifoBatchSizeMax) {
    throw new InvalidEventSourceMappingError("Maximum batch size must be between 1 and 10 inclusive", {
      batchSize: settings.batchSize,
    });
  }
}

function checkRange(
  problems: string[],
  value: number,
  member: string,
  range: { readonly min: number; readonly max: number },
): void {
  const constraint = (rule: string) =>
    `Value '${value}' at '${member}' failed to satisfy constraint: Member must ${rule}`;
  if (!Number.isInteger(value)) problems.push(constraint("be an integer"));
  else if (value < range.min) problems.push(constraint(`have value greater than or equal to ${range.min}`));
  else if (value > range.max) problems.push(constraint(`have value less than or equal to ${range.max}`));
}
