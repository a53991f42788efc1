import type { ResolvedAsyncInvocation, ResolvedFunction } from "../../core/app/index.js";
import type { FunctionSettingsStore } from "../../store/function-settings-store.js";
import type { Clock } from "../clock.js";
import type { AsyncInvocationSettingsInput, AsyncInvoker } from "../functions/index.js";
import { oneAtATime } from "../one-at-a-time.js";
import { sameAsyncSettings } from "./stored-function-settings.js";

/** A function's asynchronous invocation settings now, and when they last changed. */
export interface EventInvokeConfigState {
  readonly settings: ResolvedAsyncInvocation;
  readonly lastModifiedMs: number;
  /** Whether Lambda's API set them (PutFunctionEventInvokeConfig), rather than the app definition. */
  readonly setOverApi: boolean;
}

/** The event invoke configs of an app's functions, as Lambda's API reads and changes them. */
export interface EventInvokeConfigs {
  get(functionName: string): EventInvokeConfigState;
  /** Checks, records and applies new settings; the function's async invoker follows them at once. */
  put(functionName: string, input: AsyncInvocationSettingsInput): Promise<EventInvokeConfigState>;
  /** Forgets what the API set: the app's settings apply again. False when the API had set nothing. */
  delete(functionName: string): Promise<boolean>;
}

/**
 * The settings each function starts with: what Lambda's API last set, unless the app definition changed the
 * function's settings since (the definition is then newer, and the recorded change is forgotten).
 */
export async function loadEventInvokeConfigs(
  store: FunctionSettingsStore,
  functions: readonly ResolvedFunction[],
  startedAtMs: number,
): Promise<Map<string, EventInvokeConfigState>> {
  const states = new Map<string, EventInvokeConfigState>();
  for (const fn of functions) {
    const recorded = await store.getEventInvokeConfig(fn.name);
    if (recorded !== undefined && sameAsyncSettings(recorded.declared, fn.async)) {
      states.set(fn.name, {
        settings: recorded.settings,
        lastModifiedMs: recorded.lastModifiedMs,
        setOverApi: true,
      });
      continue;
    }
    if (recorded !== undefined) await store.deleteEventInvokeConfig(fn.name);
    states.set(fn.name, { settings: fn.async, lastModifiedMs: startedAtMs, setOverApi: false });
  }
  return states;
}

/** Reads and changes the configs `loadEventInvokeConfigs` loaded, through the functions' async invokers. */
export function createEventInvokeConfigs(options: {
  readonly store: FunctionSettingsStore;
  readonly clock: Clock;
  readonly functions: readonly ResolvedFunction[];
  readonly states: Map<string, EventInvokeConfigState>;
  readonly invokerOf: (functionName: string) => AsyncInvoker;
}): EventInvokeConfigs {
  const { store, states } = options;
  const definitions = new Map(options.functions.map((fn) => [fn.name, fn]));
  const definitionOf = (name: string): ResolvedFunction => {
    const fn = definitions.get(name);
    if (fn === undefined) throw new Error(`The app has no function ${name}.`);
    return fn;
  };
  const stateOf = (name: string): EventInvokeConfigState => {
    const state = states.get(name);
    if (state === undefined) throw new Error(`The app has no function ${name}.`);
    return state;
  };
  // One change at a time, so the settings applied are those recorded last.
  const serially = oneAtATime();
  return {
    get: stateOf,
    put: (name, input) =>
      serially(async () => {
        const invoker = options.invokerOf(name);
        const previous = invoker.settings;
        const settings = invoker.updateSettings(input);
        const lastModifiedMs = options.clock.nowMs();
        try {
          await store.putEventInvokeConfig({
            functionName: name,
            settings,
            declared: definitionOf(name).async,
            lastModifiedMs,
          });
        } catch (error) {
          invoker.updateSettings(previous);
          throw error;
        }
        const state = { settings, lastModifiedMs, setOverApi: true };
        states.set(name, state);
        return state;
      }),
    delete: (name) =>
      serially(async () => {
        if (!stateOf(name).setOverApi) return false;
        await store.deleteEventInvokeConfig(name);
        const settings = options.invokerOf(name).updateSettings(definitionOf(name).async);
        states.set(name, { settings, lastModifiedMs: options.clock.nowMs(), setOverApi: false });
        return true;
      }),
  };
}
