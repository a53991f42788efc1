import { type FSWatcher, watch } from "node:fs";
import { dirname, resolve } from "node:path";
import { AppDefinitionError } from "../core/app/index.js";
import type { AppRuntime } from "../runtime/app/app-runtime.js";
import type { Switchyard } from "../switchyard.js";
import { type StartAppOptions, startAppFile } from "./start-app.js";

/** How long changes are gathered before a reload: an editor's save touches several files. */
const SETTLE_MS = 150;

/** A running `switchyard dev`: stop() ends the watch and the app. */
export interface DevSession {
  stop(): Promise<void>;
}

/**
 * `switchyard dev`: runs an app and runs it again whenever a file under its folder changes — the app file
 * or a handler. The store stays open across reloads (queued messages and state survive); each reload starts
 * new execution environments, so handlers load their code anew. An app with problems is reported and the
 * next change tried again.
 */
export async function devAppFile(
  switchyard: Switchyard,
  options: StartAppOptions,
  /** The store's folder: its writes are no change to the app, even when it lies inside the app's folder. */
  dataDirectory?: string,
): Promise<DevSession> {
  const print = options.print ?? ((line: string) => console.log(line));
  let reloads = 0;
  let runtime: AppRuntime | undefined;
  let pending: NodeJS.Timeout | undefined;
  let reloading: Promise<void> = Promise.resolve();

  const reload = async () => {
    await runtime?.stop();
    runtime = undefined;
    reloads++;
    print(`↻ change seen; reloading (${reloads})`);
    try {
      runtime = await startAppFile(switchyard, { ...options, publishFile: undefined, reload: reloads });
    } catch (error) {
      if (!(error instanceof AppDefinitionError))
        print(`✗ ${error instanceof Error ? error.message : String(error)}`);
      print("waiting for the next change");
    }
  };
  const watched = dirname(resolve(options.appFile));
  const data = dataDirectory === undefined ? undefined : resolve(dataDirectory);
  const watcher: FSWatcher = watch(watched, { recursive: true }, (_event, file) => {
    if (file === null) return;
    if (/(^|\/)(node_modules|\.switchyard)(\/|$)/.test(file)) return;
    if (data !== undefined && `${resolve(watched, file)}/`.startsWith(`${data}/`)) return;
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(() => {
      reloading = reloading.then(reload);
    }, SETTLE_MS);
  });
  // Watching starts first: a change made while the app starts is not missed.
  try {
    runtime = await startAppFile(switchyard, options);
  } catch (error) {
    watcher.close();
    throw error;
  }
  return {
    async stop() {
      watcher.close();
      if (pending !== undefined) clearTimeout(pending);
      await reloading;
      await runtime?.stop();
    },
  };
}
