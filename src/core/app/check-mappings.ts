import { isFifoQueueName } from "../queues/index.js";
import { AppWarningCode } from "./app-definition-error.js";
import {
  type Findings,
  indexPath,
  memberPath,
  readArray,
  readBoolean,
  readInteger,
  readObject,
  readString,
} from "./findings.js";
import {
  EVENT_SOURCE_MAPPING_DEFAULTS,
  EVENT_SOURCE_MAPPING_LIMITS,
  RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR,
} from "./lambda-limits.js";
import { readEventPattern } from "./read-event-pattern.js";
import { type AppNames, checkDeclared } from "./references.js";
import type { ResolvedEventSourceMapping, ResolvedFunction, ResolvedQueue } from "./resolved-app.js";

const MAPPING_MEMBERS = [
  "queue",
  "function",
  "batchSize",
  "maximumBatchingWindowSeconds",
  "maximumConcurrency",
  "enabled",
  "filterPatterns",
  "reportBatchItemFailures",
] as const;

const ROOT = "eventSourceMappings";

/** Resolves the event source mappings, with Lambda's CreateEventSourceMapping checks and its defaults. */
export function resolveEventSourceMappings(
  findings: Findings,
  value: unknown,
  names: AppNames,
  functions: ReadonlyMap<string, ResolvedFunction>,
): ResolvedEventSourceMapping[] {
  const resolved: ResolvedEventSourceMapping[] = [];
  const positionOfPair = new Map<string, number>();
  (readArray(findings, ROOT, value) ?? []).forEach((definition, index) => {
    const path = indexPath(ROOT, index);
    const mapping = resolveMapping(findings, path, definition, names);
    if (mapping === undefined) return;
    const pair = JSON.stringify([mapping.queue, mapping.function]);
    const first = positionOfPair.get(pair);
    if (first !== undefined) {
      // Lambda refuses a second mapping of the same queue and function (ResourceConflictException: "An event
      // source mapping with SQS arn (…) and function (…) already exists.").
      findings.problem(
        path,
        `maps queue ${JSON.stringify(mapping.queue)} to function ${JSON.stringify(mapping.function)} as ` +
          `${indexPath(ROOT, first)} does; Lambda allows one mapping of a queue to a function`,
      );
    } else {
      positionOfPair.set(pair, index);
    }
    const queue = names.resolvedQueues.get(mapping.queue);
    const fn = functions.get(mapping.function);
    if (queue !== undefined && fn !== undefined) checkAgainstFunction(findings, path, mapping, queue, fn);
    resolved.push(mapping);
  });
  return resolved;
}

function resolveMapping(
  findings: Findings,
  path: string,
  definition: unknown,
  names: AppNames,
): ResolvedEventSourceMapping | undefined {
  const mapping = readObject(findings, path, definition, MAPPING_MEMBERS);
  if (mapping === undefined) return undefined;
  const at = (member: string) => memberPath(path, member);
  const queue = readReference(findings, at("queue"), mapping.queue, names, "queue");
  const fn = readReference(findings, at("function"), mapping.function, names, "function");
  const limits = EVENT_SOURCE_MAPPING_LIMITS;
  const defaults = EVENT_SOURCE_MAPPING_DEFAULTS;
  const batchSize = readInteger(
    findings,
    at("batchSize"),
    mapping.batchSize,
    limits.batchSize,
    "Lambda BatchSize",
    defaults.batchSize,
  );
  const maximumBatchingWindowSeconds = readInteger(
    findings,
    at("maximumBatchingWindowSeconds"),
    mapping.maximumBatchingWindowSeconds,
    limits.maximumBatchingWindowSeconds,
    "Lambda MaximumBatchingWindowInSeconds",
    defaults.maximumBatchingWindowSeconds,
  );
  const fifo =
    queue !== undefined && (names.resolvedQueues.get(queue)?.attributes.fifo ?? isFifoQueueName(queue));
  if (fifo) {
    if (batchSize > limits.fifoBatchSizeMax) {
      findings.problem(at("batchSize"), `is ${batchSize}; for a FIFO queue Lambda's BatchSize is at most 10`);
    }
    if (maximumBatchingWindowSeconds > 0) {
      findings.problem(
        at("maximumBatchingWindowSeconds"),
        "Batching window is not supported for FIFO queues",
      );
    }
  } else if (batchSize > limits.batchSizeWithoutWindowMax && maximumBatchingWindowSeconds < 1) {
    findings.problem(
      at("batchSize"),
      "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
    );
  }
  const maximumConcurrency = readInteger(
    findings,
    at("maximumConcurrency"),
    mapping.maximumConcurrency,
    limits.maximumConcurrency,
    "Lambda ScalingConfig MaximumConcurrency",
    undefined,
  );
  const filterPatterns = readFilterPatterns(findings, at("filterPatterns"), mapping.filterPatterns);
  const enabled = readBoolean(findings, at("enabled"), mapping.enabled, defaults.enabled);
  const reportBatchItemFailures = readBoolean(
    findings,
    at("reportBatchItemFailures"),
    mapping.reportBatchItemFailures,
    defaults.reportBatchItemFailures,
  );
  if (queue === undefined || fn === undefined) return undefined;
  return {
    queue,
    function: fn,
    batchSize,
    maximumBatchingWindowSeconds,
    ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
    enabled,
    filterPatterns,
    reportBatchItemFailures,
  };
}

function readReference(
  findings: Findings,
  path: string,
  value: unknown,
  names: AppNames,
  kind: "queue" | "function",
): string | undefined {
  if (value === undefined) return findings.problem(path, "is required");
  const name = readString(findings, path, value);
  if (name === undefined || !checkDeclared(findings, path, names, kind, name)) return undefined;
  return name;
}

function readFilterPatterns(findings: Findings, path: string, value: unknown): string[] {
  const patterns = readArray(findings, path, value) ?? [];
  const max = EVENT_SOURCE_MAPPING_LIMITS.filterPatternsMax;
  if (patterns.length > max) {
    findings.problem(path, `has ${patterns.length} patterns; Lambda allows ${max} filters a mapping`);
  }
  const texts: string[] = [];
  patterns.forEach((pattern, index) => {
    const text = readEventPattern(findings, indexPath(path, index), pattern);
    if (text !== undefined) texts.push(text);
  });
  return texts;
}

/**
 * The checks that need both ends of a mapping. Lambda refuses a queue whose visibility timeout is shorter than the
 * function's timeout, with this message; AWS recommends six times the timeout plus the batching window
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html), so below that is a warning.
 */
function checkAgainstFunction(
  findings: Findings,
  path: string,
  mapping: ResolvedEventSourceMapping,
  queue: ResolvedQueue,
  fn: ResolvedFunction,
): void {
  const visibilitySeconds = queue.attributes.visibilityTimeoutSeconds;
  const timeoutSeconds = fn.timeoutSeconds;
  const names = `queue ${JSON.stringify(queue.name)}, function ${JSON.stringify(fn.name)}`;
  if (visibilitySeconds < timeoutSeconds) {
    findings.problem(
      path,
      `Queue visibility timeout: ${visibilitySeconds} seconds is less than Function timeout: ${timeoutSeconds} seconds (${names})`,
    );
    return;
  }
  const windowSeconds = mapping.maximumBatchingWindowSeconds;
  const recommendedSeconds = RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds + windowSeconds;
  if (visibilitySeconds < recommendedSeconds) {
    findings.warn(
      AppWarningCode.VisibilityTimeoutBelowRecommended,
      path,
      `queue ${JSON.stringify(queue.name)} has a visibility timeout of ${visibilitySeconds} s; AWS recommends at ` +
        `least ${RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR} × the timeout of function ${JSON.stringify(fn.name)} ` +
        `(${timeoutSeconds} s) + the batching window (${windowSeconds} s) = ${recommendedSeconds} s, so that a ` +
        "batch retried after throttling does not become visible again while it is processed",
    );
  }
  const reserved = fn.reservedConcurrency;
  if (
    mapping.maximumConcurrency !== undefined &&
    reserved !== undefined &&
    mapping.maximumConcurrency > reserved
  ) {
    findings.warn(
      AppWarningCode.MaximumConcurrencyAboveReserved,
      memberPath(path, "maximumConcurrency"),
      `is ${mapping.maximumConcurrency} but function ${JSON.stringify(fn.name)} reserves ${reserved}: invocations ` +
        "past it are throttled, and their messages return to the queue and count towards maxReceiveCount",
    );
  }
}
