import type { EnvironmentContext, HandlerOutcome } from "./call-handler.js";
import type { FunctionErrorPayload } from "./lambda-errors.js";

/** What a handler worker is started with (its `workerData`). */
export interface HandlerWorkerData {
  readonly baseDirectory: string;
  readonly handler: string;
  readonly context: EnvironmentContext;
  /** The runner's clock at spawn: the worker's log timestamps follow the runner's clock, not its own. */
  readonly clockNowMs: number;
}

/** Runner → worker: run one invocation. */
export interface InvokeMessage {
  readonly type: "invoke";
  readonly requestId: string;
  readonly eventJson: string;
  readonly deadlineMs: number;
  readonly clockNowMs: number;
}

/** Worker → runner. */
export type WorkerMessage =
  /** The handler loaded: the init phase ended. */
  | { readonly type: "ready"; readonly maxMemoryUsedMb: number }
  /** The init phase failed; the worker exits. */
  | { readonly type: "init-error"; readonly error: FunctionErrorPayload }
  /** One log event, formatted as Lambda writes it. */
  | { readonly type: "log"; readonly line: string }
  /**
   * An invocation ended. `fatal`: the runtime is about to exit (an uncaught exception or an unhandled
   * rejection), so the environment takes no further invocation.
   */
  | {
      readonly type: "result";
      readonly requestId: string;
      readonly outcome: HandlerOutcome;
      readonly maxMemoryUsedMb: number;
      readonly fatal: boolean;
    };
