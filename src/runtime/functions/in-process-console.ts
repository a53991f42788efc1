import { AsyncLocalStorage } from "node:async_hooks";
import { CONSOLE_METHODS, type ConsoleMethod } from "./log-format.js";

/** Where one in-process invocation's console calls go. */
export type ConsoleSink = (method: ConsoleMethod, args: readonly unknown[]) => void;

const sinks = new AsyncLocalStorage<ConsoleSink>();
let patched = false;

/**
 * Runs `action` with its console calls — and those of everything it starts, timers included — sent to
 * `sink`. The host's console is wrapped once, on first use, and passes every other call through
 * unchanged; concurrent invocations each keep their own sink.
 */
export function withConsoleSink<T>(sink: ConsoleSink, action: () => T): T {
  if (!patched) patchConsole();
  return sinks.run(sink, action);
}

function patchConsole(): void {
  patched = true;
  const methods = console as unknown as Record<ConsoleMethod, ((...args: unknown[]) => void) | undefined>;
  for (const method of CONSOLE_METHODS) {
    // console.fatal exists only in Lambda's runtime; outside an invocation it writes as console.error.
    const original = methods[method] ?? methods.error;
    methods[method] = (...args: unknown[]) => {
      const sink = sinks.getStore();
      if (sink === undefined) original?.apply(console, args);
      else sink(method, args);
    };
  }
}
