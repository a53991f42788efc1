import type { JsonValue } from "../../core/json.js";
import type { HandlerOutcome } from "./call-handler.js";
import {
  billedDurationMs,
  endLine,
  exitLine,
  type InvocationMeasurements,
  reportLine,
  startLine,
  timeoutLine,
} from "./invocation-report.js";
import { exitErrorPayload, type FunctionErrorPayload, timeoutErrorPayload } from "./lambda-errors.js";

/** What every invocation that ran reports, as its REPORT line states it, with its log events. */
export interface InvocationRecord {
  readonly requestId: string;
  /**
   * The invocation's log events in order: init logs on a cold start, `START …`, the handler's console
   * output, `END …`, `REPORT …`. An event may contain newlines.
   */
  readonly logs: readonly string[];
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present when this invocation started its execution environment (a cold start). */
  readonly initDurationMs?: number;
}

/** The handler returned: `payloadJson` is the Invoke response body, `payload` the same value parsed. */
export interface InvocationSuccess extends InvocationRecord {
  readonly ok: true;
  readonly payload: JsonValue;
  readonly payloadJson: string;
}

/**
 * The invocation failed: Invoke answers 200 with `X-Amz-Function-Error: Unhandled` (`functionError`)
 * and `payloadJson` (the error payload) as its body.
 */
export interface InvocationFailure extends InvocationRecord {
  readonly ok: false;
  readonly throttled: false;
  readonly functionError: "Unhandled";
  readonly error: FunctionErrorPayload;
  readonly payloadJson: string;
  /** Stopped at its deadline (Sandbox.Timedout). */
  readonly timedOut: boolean;
}

/**
 * The function did not run: its reserved concurrency is 0, or was reached by a caller that asked to be
 * throttled rather than wait. Invoke answers TooManyRequestsException with this reason.
 */
export interface InvocationThrottle {
  readonly ok: false;
  readonly throttled: true;
  readonly requestId: string;
  readonly reason: "ReservedFunctionConcurrentInvocationLimitExceeded";
}

/** The result of one invoke. */
export type InvocationResult = InvocationSuccess | InvocationFailure | InvocationThrottle;

/** How an invocation that ran came to its end. */
export type InvocationEnding =
  | { readonly kind: "outcome"; readonly outcome: HandlerOutcome }
  /** The init phase failed: the error is the invocation's, and REPORT says `Status: error`. */
  | { readonly kind: "init-error"; readonly error: FunctionErrorPayload }
  | { readonly kind: "timeout"; readonly atMs: number; readonly allowedMs: number }
  | { readonly kind: "exit"; readonly exitCode: number };

/** An invocation's facts as an execution environment gathered them. */
export interface FinishedInvocation {
  readonly requestId: string;
  /** Log events before START: the init phase's, on a cold start. */
  readonly initLogs: readonly string[];
  readonly logs: readonly string[];
  readonly durationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  readonly initDurationMs: number | undefined;
  readonly ending: InvocationEnding;
}

/**
 * Lambda's limit on a synchronous response (6 MB), and its answer above it
 * (`Function.ResponseSizeTooLarge`).
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** Frames an invocation's logs with START / END / REPORT and builds its result. */
export function finishInvocation(finished: FinishedInvocation): InvocationSuccess | InvocationFailure {
  const { requestId, ending } = finished;
  const logs = [...finished.initLogs, startLine(requestId), ...finished.logs];
  let durationMs = finished.durationMs;
  let outcome: HandlerOutcome;
  let status: Pick<InvocationMeasurements, "status" | "errorType"> = {};
  switch (ending.kind) {
    case "outcome":
      outcome = withinResponseLimit(ending.outcome);
      break;
    case "init-error":
      outcome = { ok: false, error: ending.error };
      status = { status: "error", errorType: ending.error.errorType };
      break;
    case "timeout":
      // Lambda reports a timed-out invocation's duration as exactly its timeout.
      durationMs = ending.allowedMs;
      outcome = { ok: false, error: timeoutErrorPayload(requestId, ending.allowedMs) };
      logs.push(timeoutLine(ending.atMs, requestId, ending.allowedMs));
      status = { status: "timeout" };
      break;
    case "exit":
      outcome = { ok: false, error: exitErrorPayload(requestId, ending.exitCode) };
      logs.push(exitLine(requestId, ending.exitCode));
      status = { status: "error", errorType: "Runtime.ExitError" };
      break;
  }
  const measurements: InvocationMeasurements = {
    requestId,
    durationMs,
    billedDurationMs: billedDurationMs(durationMs, finished.initDurationMs),
    memorySizeMb: finished.memorySizeMb,
    maxMemoryUsedMb: finished.maxMemoryUsedMb,
    ...(finished.initDurationMs === undefined ? {} : { initDurationMs: finished.initDurationMs }),
    ...status,
  };
  logs.push(endLine(requestId), reportLine(measurements));
  const record = {
    requestId,
    logs,
    durationMs,
    billedDurationMs: measurements.billedDurationMs,
    memorySizeMb: measurements.memorySizeMb,
    maxMemoryUsedMb: measurements.maxMemoryUsedMb,
    ...(finished.initDurationMs === undefined ? {} : { initDurationMs: finished.initDurationMs }),
  };
  if (outcome.ok) {
    return {
      ...record,
      ok: true,
      payload: JSON.parse(outcome.payloadJson) as JsonValue,
      payloadJson: outcome.payloadJson,
    };
  }
  return {
    ...record,
    ok: false,
    throttled: false,
    functionError: "Unhandled",
    error: outcome.error,
    payloadJson: JSON.stringify(outcome.error),
    timedOut: ending.kind === "timeout",
  };
}

function withinResponseLimit(outcome: HandlerOutcome): HandlerOutcome {
  if (!outcome.ok || Buffer.byteLength(outcome.payloadJson) <= MAX_RESPONSE_BYTES) return outcome;
  return {
    ok: false,
    error: {
      errorType: "Function.ResponseSizeTooLarge",
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    },
  };
}
