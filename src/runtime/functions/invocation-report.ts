import { FUNCTION_VERSION } from "./lambda-environment.js";
import { exitReason, secondsText } from "./lambda-errors.js";

/** What a REPORT line states about one invocation. */
export interface InvocationMeasurements {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Present on the invocation that started its execution environment (a cold start). */
  readonly initDurationMs?: number;
  /** `timeout` when stopped at the deadline, `error` when the runtime failed (with `errorType`). */
  readonly status?: "timeout" | "error";
  readonly errorType?: string;
}

/**
 * What Lambda bills: the duration rounded up to the millisecond (per-1-ms billing since December 2020),
 * plus, on a cold start, the init phase (billed for on-demand functions since 1 August 2025: REPORT lines
 * show `Billed Duration` = ⌈Duration + Init Duration⌉).
 */
export function billedDurationMs(durationMs: number, initDurationMs?: number): number {
  return Math.ceil(durationMs + (initDurationMs ?? 0));
}

/** `START RequestId: <id> Version: $LATEST`. */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: ${FUNCTION_VERSION}`;
}

/** `END RequestId: <id>`. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/**
 * The REPORT line, tab-separated with the trailing tab Lambda writes, e.g.
 * `REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 45 MB\t`;
 * a cold start adds `Init Duration: 150.11 ms\t`, a timeout `Status: timeout`, a runtime failure
 * `Status: error\tError Type: Runtime.ExitError`.
 */
export function reportLine(report: InvocationMeasurements): string {
  let line =
    `REPORT RequestId: ${report.requestId}\tDuration: ${report.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${report.billedDurationMs} ms\tMemory Size: ${report.memorySizeMb} MB\t` +
    `Max Memory Used: ${report.maxMemoryUsedMb} MB\t`;
  if (report.initDurationMs !== undefined) line += `Init Duration: ${report.initDurationMs.toFixed(2)} ms\t`;
  if (report.status !== undefined) {
    line += `Status: ${report.status}`;
    if (report.errorType !== undefined) line += `\tError Type: ${report.errorType}`;
  }
  return line;
}

/** `2026-11-29T16:00:03.000Z <id> Task timed out after 3.00 seconds` (space-separated, as Lambda writes it). */
export function timeoutLine(timeMs: number, requestId: string, allowedMs: number): string {
  return `${new Date(timeMs).toISOString()} ${requestId} Task timed out after ${secondsText(allowedMs)} seconds`;
}

/** Lambda's log event when the runtime process ends mid-invocation. */
export function exitLine(requestId: string, exitCode: number): string {
  return `RequestId: ${requestId} Error: ${exitReason(exitCode)}\nRuntime.ExitError`;
}

/** The platform line for an init phase that failed: `INIT_REPORT Init Duration: … ms\tPhase: init\tStatus: error\tError Type: …`. */
export function initReportLine(
  initDurationMs: number,
  status: "error" | "timeout",
  errorType?: string,
): string {
  let line = `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}`;
  if (errorType !== undefined) line += `\tError Type: ${errorType}`;
  return line;
}
