import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import type { EnvironmentContext } from "./call-handler.js";
import type { FunctionDefinition } from "./function-definition.js";
import type { InvocationFailure, InvocationSuccess } from "./invocation-result.js";
import {
  FUNCTION_VERSION,
  type FunctionPlacement,
  functionArn,
  logGroupName,
  logStreamName,
} from "./lambda-environment.js";

/** One invocation as the runner hands it to an engine, once it holds a concurrency permit. */
export interface EngineInvocation {
  readonly requestId: string;
  readonly eventJson: string;
  /** A caller's deadline, on the runner's clock; the function's timeout caps it. */
  readonly deadlineMs: number | undefined;
}

/** Runs invocations in execution environments: worker threads, or the runner's own thread. */
export interface InvocationEngine {
  /** Execution environments alive now: started and not yet ended. */
  readonly environmentCount: number;
  run(invocation: EngineInvocation): Promise<InvocationSuccess | InvocationFailure>;
  /** Ends every execution environment; called once nothing runs. */
  close(): Promise<void>;
}

/** What an engine needs to know. */
export interface EngineSettings {
  readonly definition: FunctionDefinition;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly placement: FunctionPlacement;
  readonly platformEnvironment: Readonly<Record<string, string>>;
  readonly onStrayLog: (line: string) => void;
}

/**
 * How long Lambda lets the init phase run before it gives up on it (10 seconds, "Lambda execution
 * environment lifecycle", Init phase).
 */
export const INIT_TIMEOUT_MS = 10_000;

/**
 * When an invocation that starts now must end: its function's timeout from now (the clock starts when
 * the invocation reaches its environment, not while it waits for one), or a caller's earlier deadline.
 */
export function invocationDeadline(
  startMs: number,
  timeoutSeconds: number,
  requestedDeadlineMs: number | undefined,
): { readonly deadlineMs: number; readonly allowedMs: number } {
  const deadlineMs = Math.min(
    startMs + timeoutSeconds * 1000,
    requestedDeadlineMs ?? Number.POSITIVE_INFINITY,
  );
  return { deadlineMs, allowedMs: Math.max(0, deadlineMs - startMs) };
}

/** The context fields of a new execution environment, started at `startedAtMs` on the runner's clock. */
export function environmentContext(settings: EngineSettings, startedAtMs: number): EnvironmentContext {
  const { definition } = settings;
  return {
    functionName: definition.name,
    functionVersion: FUNCTION_VERSION,
    invokedFunctionArn: functionArn(settings.placement, definition.name),
    memoryLimitInMB: String(definition.memorySizeMb),
    logGroupName: logGroupName(definition.name),
    logStreamName: logStreamName(startedAtMs, settings.ids.messageId()),
  };
}
