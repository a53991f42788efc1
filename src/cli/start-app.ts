import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AppDefinitionError, checkApp } from "../core/app/index.js";
import type { AppRuntime } from "../runtime/app/app-runtime.js";
import type { InvocationResult } from "../runtime/functions/index.js";
import type { Switchyard } from "../switchyard.js";

/** What `switchyard start` was asked for. */
export interface StartAppOptions {
  /** The app file (TypeScript or JavaScript) whose default export is a defineApp definition. */
  readonly appFile: string;
  /** A module whose `SAMPLE_ENTRIES` (or default export) are PutEvents entries to publish once the app runs. */
  readonly publishFile?: string | undefined;
  readonly mode: "worker" | "in-process";
  /** Loads the app file anew (a reload after a change) instead of from the module cache. */
  readonly reload?: number;
  /** Where lines go (the console by default). */
  readonly print?: (line: string) => void;
}

/**
 * Loads an app file, checks it (printing every problem, or the warnings), runs it on the Switchyard and,
 * when asked, publishes a module's entries. Handlers' log lines are printed as they come, prefixed with
 * their function's name.
 */
export async function startAppFile(switchyard: Switchyard, options: StartAppOptions): Promise<AppRuntime> {
  const print = options.print ?? ((line: string) => console.log(line));
  const appPath = resolve(options.appFile);
  const url = pathToFileURL(appPath);
  if (options.reload !== undefined) url.searchParams.set("reload", String(options.reload));
  const loaded = (await import(url.href)) as { default?: unknown };
  let checked: ReturnType<typeof checkApp>;
  try {
    checked = checkApp(loaded.default as Parameters<typeof checkApp>[0]);
  } catch (error) {
    if (error instanceof AppDefinitionError) {
      for (const problem of error.problems) print(`✗ ${problem.path}: ${problem.message}`);
    }
    throw error;
  }
  for (const warning of checked.warnings) print(`! ${warning.path}: ${warning.message}`);
  const runtime = await switchyard.startApp(checked.app, {
    baseDirectory: dirname(appPath),
    mode: options.mode,
    onInvocation: (name, result) => printInvocation(print, name, result),
  });
  print(`${checked.app.name}: ${runtime.functionNames.length} functions running (${options.mode})`);
  if (options.publishFile !== undefined) {
    const module = (await import(pathToFileURL(resolve(options.publishFile)).href)) as {
      SAMPLE_ENTRIES?: readonly Record<string, unknown>[];
      default?: readonly Record<string, unknown>[];
    };
    const entries = module.SAMPLE_ENTRIES ?? module.default ?? [];
    for (let at = 0; at < entries.length; at += 10) {
      const answer = await switchyard.events.putEvents(entries.slice(at, at + 10));
      print(`published ${answer.Entries.length - answer.FailedEntryCount} events`);
      for (const entry of answer.Entries) {
        if ("ErrorCode" in entry) print(`✗ ${entry.ErrorCode}: ${entry.ErrorMessage}`);
      }
    }
  }
  return runtime;
}

function printInvocation(print: (line: string) => void, name: string, result: InvocationResult): void {
  if (!("logs" in result)) {
    print(`[${name}] throttled: ${result.reason}`);
    return;
  }
  for (const event of result.logs) for (const line of event.trimEnd().split("\n")) print(`[${name}] ${line}`);
}
