import {
  FUNCTION_DEFAULTS as APP_FUNCTION_DEFAULTS,
  FUNCTION_LIMITS as APP_FUNCTION_LIMITS,
  type ResolvedAsyncInvocation,
  type ResourceRef,
} from "../../core/app/index.js";
import { ValidationError } from "../../core/errors.js";

/** A function's asynchronous invocation settings as given (PutFunctionEventInvokeConfig); defaults fill the gaps. */
export interface AsyncInvocationSettingsInput {
  /** Retries after a function error, 0 to 2 (default 2). */
  readonly maximumRetryAttempts?: number;
  /** How old an event may get before it is discarded, 60 to 21,600 seconds (default 21,600: six hours). */
  readonly maximumEventAgeSeconds?: number;
  /** Where the record of a successful invocation goes. */
  readonly onSuccess?: ResourceRef;
  /** Where the record of an event discarded for good goes. */
  readonly onFailure?: ResourceRef;
}

/**
 * Lambda's timing of asynchronous retries. Function errors: "a one-minute wait between the first two attempts,
 * and two minutes between the second and third attempts"; throttles: "the retry interval increases
 * exponentially from 1 second after the first attempt to a maximum of 5 minutes"
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). Every wait runs on the
 * injected Clock, so a ManualClock drives them.
 */
export const ASYNC_RETRY_TIMING = Object.freeze({
  /** The wait before retry n (1-based) after a function error is n times this. */
  functionErrorStepMs: 60_000,
  throttleFirstMs: 1_000,
  throttleMaxMs: 300_000,
});

/** The wait before the next try after `attempts` function errors (1 → one minute, 2 → two minutes). */
export function functionErrorRetryDelayMs(attempts: number): number {
  return attempts * ASYNC_RETRY_TIMING.functionErrorStepMs;
}

/** The wait before the next try after `throttles` throttles in a row (1 s, 2 s, 4 s … at most 5 min). */
export function throttleRetryDelayMs(throttles: number): number {
  const doubled = ASYNC_RETRY_TIMING.throttleFirstMs * 2 ** Math.max(0, throttles - 1);
  return Math.min(doubled, ASYNC_RETRY_TIMING.throttleMaxMs);
}

/**
 * Checks asynchronous invocation settings against PutFunctionEventInvokeConfig's ranges (ValidationException,
 * every problem counted together) and applies Lambda's defaults, stated once in core/app.
 * @example
 * resolveAsyncInvocationSettings({ maximumRetryAttempts: 0, onFailure: { kind: "queue", name: "failures" } });
 * // { maximumRetryAttempts: 0, maximumEventAgeSeconds: 21600, onFailure: { kind: "queue", name: "failures" } }
 */
export function resolveAsyncInvocationSettings(input: AsyncInvocationSettingsInput): ResolvedAsyncInvocation {
  const maximumRetryAttempts = input.maximumRetryAttempts ?? APP_FUNCTION_DEFAULTS.maximumRetryAttempts;
  const maximumEventAgeSeconds = input.maximumEventAgeSeconds ?? APP_FUNCTION_DEFAULTS.maximumEventAgeSeconds;
  const problems = [
    rangeProblem(maximumRetryAttempts, "maximumRetryAttempts", APP_FUNCTION_LIMITS.maximumRetryAttempts),
    rangeProblem(
      maximumEventAgeSeconds,
      "maximumEventAgeInSeconds",
      APP_FUNCTION_LIMITS.maximumEventAgeSeconds,
    ),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
    throw new ValidationError(`${count} detected: ${problems.join("; ")}`, {
      maximumRetryAttempts,
      maximumEventAgeSeconds,
    });
  }
  return {
    maximumRetryAttempts,
    maximumEventAgeSeconds,
    ...(input.onSuccess === undefined ? {} : { onSuccess: input.onSuccess }),
    ...(input.onFailure === undefined ? {} : { onFailure: input.onFailure }),
  };
}

function rangeProblem(
  value: number,
  member: string,
  range: { readonly min: number; readonly max: number },
): string | undefined {
  const at = `Value '${value}' at '${member}' failed to satisfy constraint: Member must`;
  if (!Number.isInteger(value)) return `${at} be a whole number`;
  if (value < range.min) return `${at} have value greater than or equal to ${range.min}`;
  if (value > range.max) return `${at} have value less than or equal to ${range.max}`;
  return undefined;
}
