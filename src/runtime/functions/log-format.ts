import { format } from "node:util";

/** The levels of Lambda's Node.js console, by the console method that writes each. */
export const CONSOLE_LEVELS = Object.freeze({
  trace: "TRACE",
  debug: "DEBUG",
  info: "INFO",
  log: "INFO",
  warn: "WARN",
  error: "ERROR",
  fatal: "FATAL",
} as const);

/** A console method Lambda's runtime replaces. */
export type ConsoleMethod = keyof typeof CONSOLE_LEVELS;

/** The console methods, in a stable order. */
export const CONSOLE_METHODS = Object.keys(CONSOLE_LEVELS) as ConsoleMethod[];

/**
 * One console call as Lambda's Node.js runtime writes it in the text log format:
 * `2026-11-29T16:00:00.000Z\t<requestId>\tINFO\t<util.format of the arguments>`. Before the first
 * invocation (during init) the request id is the string "undefined", as on Lambda. The message keeps its
 * newlines: a log event may span lines, as CloudWatch shows it. A call without arguments writes
 * "undefined", as the runtime's `(message, ...params)` signature does.
 */
export function formatLogLine(
  timeMs: number,
  requestId: string | undefined,
  method: ConsoleMethod,
  args: readonly unknown[],
): string {
  return `${new Date(timeMs).toISOString()}\t${requestId}\t${CONSOLE_LEVELS[method]}\t${format(args[0], ...args.slice(1))}`;
}
