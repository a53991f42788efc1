import { isJsonObject, type JsonValue } from "../../core/json.js";
import type { InvocationResult } from "../functions/index.js";

/** What became of a batch: which of its messages Lambda deletes, and why the others stay. */
export type BatchOutcome =
  /** Every record is deleted. */
  | { readonly kind: "succeeded" }
  /** The listed records stay in the queue (ReportBatchItemFailures); every other is deleted. */
  | { readonly kind: "partial"; readonly failedMessageIds: readonly string[] }
  /** Nothing is deleted: every record returns when its visibility timeout ends. */
  | { readonly kind: "failed"; readonly reason: BatchFailureReason; readonly detail: string }
  /** The function was throttled (reserved concurrency): nothing ran, nothing is deleted. */
  | { readonly kind: "throttled" };

/** Why a whole batch failed. */
export const BatchFailureReason = {
  /** The invocation failed: an error, a timeout, a runtime that exited. */
  FunctionError: "FunctionError",
  /** ReportBatchItemFailures is on and the response breaks its rules. */
  InvalidBatchResponse: "InvalidBatchResponse",
} as const;
export type BatchFailureReason = (typeof BatchFailureReason)[keyof typeof BatchFailureReason];

/**
 * Lambda's rules for a batch's result (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Reporting batch
 * item failures", success and failure conditions). An invocation that failed fails the batch. Without
 * ReportBatchItemFailures a success deletes every record, whatever the function returned. With it, the batch succeeds
 * for an empty or null `batchItemFailures` list and for an empty or null response; it fails for an invalid response
 * (anything but an object or null, a `batchItemFailures` that is neither a list nor null, an entry that is not an
 * object), an `itemIdentifier` that is an empty string, null, missing (a bad key name) or not the id of a message
 * in the batch. Otherwise exactly the listed messages stay.
 * @example
 * readBatchOutcome(result, ["m-1", "m-2"], true); // { kind: "partial", failedMessageIds: ["m-2"] }
 */
export function readBatchOutcome(
  result: InvocationResult,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!result.ok) {
    if (result.throttled) return { kind: "throttled" };
    return {
      kind: "failed",
      reason: BatchFailureReason.FunctionError,
      detail: `${result.error.errorType}: ${result.error.errorMessage}`,
    };
  }
  if (!reportBatchItemFailures) return { kind: "succeeded" };
  return readBatchItemFailures(result.payload, new Set(messageIds));
}

function readBatchItemFailures(payload: JsonValue, inBatch: ReadonlySet<string>): BatchOutcome {
  if (payload === null) return { kind: "succeeded" };
  if (!isJsonObject(payload)) return invalid(`the response is ${describe(payload)}, not an object`);
  const failures = payload.batchItemFailures;
  if (failures === undefined || failures === null) return { kind: "succeeded" };
  if (!Array.isArray(failures)) return invalid(`batchItemFailures is ${describe(failures)}, not a list`);
  const failed = new Set<string>();
  for (const [index, entry] of failures.entries()) {
    if (!isJsonObject(entry)) {
      return invalid(`batchItemFailures[${index}] is ${describe(entry)}, not an object`);
    }
    const id = entry.itemIdentifier;
    if (typeof id !== "string" || id === "") {
      return invalid(`batchItemFailures[${index}].itemIdentifier is ${describe(id)}`);
    }
    if (!inBatch.has(id)) {
      return invalid(`batchItemFailures[${index}].itemIdentifier "${id}" is not in the batch`);
    }
    failed.add(id);
  }
  if (failed.size === 0) return { kind: "succeeded" };
  return { kind: "partial", failedMessageIds: [...failed] };
}

function invalid(detail: string): BatchOutcome {
  return { kind: "failed", reason: BatchFailureReason.InvalidBatchResponse, detail };
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return value === "" ? "an empty string" : `the string ${JSON.stringify(value)}`;
  return typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value)}`;
}
