import { types } from "node:util";

/**
 * A function error as Lambda returns it from Invoke (with `X-Amz-Function-Error: Unhandled`) and hands
 * to destinations: `trace` is the error's stack split into lines. Errors Lambda itself raises (a timeout,
 * a runtime that exited) have no trace.
 */
export interface FunctionErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** An error the Node.js runtime raises itself, named as it names them (`Runtime.ImportModuleError`, …). */
export function runtimeError(kind: RuntimeErrorKind, message?: string): Error {
  const error = new Error(message);
  error.name = `Runtime.${kind}`;
  // The stack's first line carries the name it had when captured; Lambda's starts with the runtime name.
  if (error.stack !== undefined) error.stack = error.stack.replace(/^Error/, error.name);
  return error;
}

/** The `Runtime.*` errors of Lambda's Node.js runtime client that Switchyard raises. */
export type RuntimeErrorKind =
  | "ImportModuleError"
  | "HandlerNotFound"
  | "MalformedHandlerName"
  | "UserCodeSyntaxError"
  | "NodeJsExit"
  | "UnhandledPromiseRejection";

/**
 * The runtime client's message for an async handler whose promise never settled before the event loop
 * emptied (aws-lambda-nodejs-runtime-interface-client, src/Errors.js, NodeJsExit).
 */
export const NODE_JS_EXIT_MESSAGE =
  "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a " +
  "Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes";

/**
 * What a thrown value becomes on the wire, as the Node.js runtime client's `toRapidResponse` builds it:
 * an Error (or anything with a string name, message and stack) gives its name, message and stack lines;
 * any other value gives its `typeof` and its string form with an empty trace (`throw "boom"` →
 * `{ errorType: "string", errorMessage: "boom", trace: [] }`). DEL characters become `%7F`.
 */
export function toErrorPayload(error: unknown): FunctionErrorPayload {
  try {
    if (types.isNativeError(error) || looksLikeError(error)) {
      const { name, message, stack } = error as Error;
      return {
        errorType: name.replaceAll("\x7F", "%7F"),
        errorMessage: message.replaceAll("\x7F", "%7F"),
        trace: (stack ?? "").replaceAll("\x7F", "%7F").split("\n"),
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: "handled",
      errorMessage:
        "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    };
  }
}

/**
 * The runtime's log form of an error (`Errors.toFormatted`): a tab, then JSON with errorType,
 * errorMessage, the error's own enumerable properties and its stack as lines. Values that are not
 * Errors are wrapped in one first, as the runtime's `intoError` does.
 */
export function formatErrorForLog(error: unknown): string {
  const wrapped = error instanceof Error ? error : new Error(String(error));
  try {
    return `\t${JSON.stringify(wrapped, (_key, value: unknown) => withEnumerableProperties(value))}`;
  } catch {
    return `\t${JSON.stringify(toErrorPayload(wrapped))}`;
  }
}

/** Lambda's answer for an invocation stopped at its deadline (`Sandbox.Timedout`, no trace). */
export function timeoutErrorPayload(requestId: string, allowedMs: number): FunctionErrorPayload {
  return {
    errorType: "Sandbox.Timedout",
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${secondsText(allowedMs)} seconds`,
  };
}

/** Lambda's answer when the runtime process ended during an invocation (`Runtime.ExitError`, no trace). */
export function exitErrorPayload(requestId: string, exitCode: number): FunctionErrorPayload {
  return {
    errorType: "Runtime.ExitError",
    errorMessage: `RequestId: ${requestId} Error: ${exitReason(exitCode)}`,
  };
}

/** How Lambda words a runtime's exit: with its status, or "without providing a reason" for status 0. */
export function exitReason(exitCode: number): string {
  return exitCode === 0
    ? "Runtime exited without providing a reason"
    : `Runtime exited with error: exit status ${exitCode}`;
}

/** Seconds with two decimals, as "Task timed out after 3.00 seconds" shows them. */
export function secondsText(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function looksLikeError(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { name, message, stack } = value as Record<string, unknown>;
  return (
    typeof name === "string" &&
    name !== "" &&
    typeof message === "string" &&
    message !== "" &&
    typeof stack === "string" &&
    stack !== ""
  );
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const copy: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as Error & { code?: unknown }).code,
    ...value,
  };
  if (typeof value.stack === "string") copy.stack = value.stack.split("\n");
  return copy;
}
