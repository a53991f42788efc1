import { getHeapStatistics } from "node:v8";
import { callHandler, type EnvironmentContext, type HandlerHooks } from "./call-handler.js";
import { type LambdaHandler, loadHandler } from "./handler-loader.js";
import { withConsoleSink } from "./in-process-console.js";
import { enterEnvironment } from "./in-process-environment.js";
import {
  type EngineInvocation,
  type EngineSettings,
  environmentContext,
  type InvocationEngine,
  invocationDeadline,
} from "./invocation-engine.js";
import { initReportLine } from "./invocation-report.js";
import {
  finishInvocation,
  type InvocationEnding,
  type InvocationFailure,
  type InvocationSuccess,
} from "./invocation-result.js";
import { formatErrorForLog, toErrorPayload } from "./lambda-errors.js";
import { type ConsoleMethod, formatLogLine } from "./log-format.js";

/** The in-process init phase: the loaded handler and its environment, or what failed. */
type InitResult =
  | {
      readonly ok: true;
      readonly handler: LambdaHandler;
      readonly context: EnvironmentContext;
      readonly logs: readonly string[];
      readonly initDurationMs: number;
    }
  | { readonly ok: false; readonly logs: readonly string[]; readonly ending: InvocationEnding };

/**
 * Runs a function's handler in the runner's own thread, for fast tests: the module is imported once
 * and the handler called directly, with the same calling rules, context, error shapes and logs as in a
 * worker. The function's own variables (its environment and the platform's) are in process.env while its
 * init and invocations run (`enterEnvironment`); Lambda's reserved variables are not, since every function
 * would need its own values. What a thread of its own would give is missing: a handler past its timeout is
 * reported as timed out but keeps running (nothing can stop it), functions that give one variable different
 * values and run at once share process.env, an uncaught exception in the handler's stray callbacks reaches
 * the host, and "the event loop is empty" cannot be seen — a callback's response is sent at once, and a
 * handler that neither returns a promise nor calls back runs into its timeout.
 */
export class InProcessEngine implements InvocationEngine {
  private initialization: Promise<InitResult> | undefined;
  private coldStartReported = false;
  private maxMemoryUsedMb = 0;

  constructor(private readonly settings: EngineSettings) {}

  get environmentCount(): number {
    return this.coldStartReported ? 1 : 0;
  }

  async run(invocation: EngineInvocation): Promise<InvocationSuccess | InvocationFailure> {
    const { definition } = this.settings;
    this.initialization ??= this.init();
    const initialization = this.initialization;
    const init = await initialization;
    if (!init.ok) {
      // A failed init is tried again by the next invocation, as Lambda starts a new environment for it.
      if (this.initialization === initialization) this.initialization = undefined;
      return finishInvocation({
        requestId: invocation.requestId,
        initLogs: init.logs,
        logs: [],
        durationMs: 0,
        memorySizeMb: definition.memorySizeMb,
        maxMemoryUsedMb: this.measureMemory(),
        initDurationMs: undefined,
        ending: init.ending,
      });
    }
    const coldStart = !this.coldStartReported;
    this.coldStartReported = true;
    const logs: string[] = [];
    const { sink, close } = this.openSink(invocation.requestId, logs);
    const startedAt = performance.now();
    const ending = await this.call(init.handler, init.context, invocation, sink);
    close();
    return finishInvocation({
      requestId: invocation.requestId,
      initLogs: coldStart ? init.logs : [],
      logs,
      durationMs: performance.now() - startedAt,
      memorySizeMb: definition.memorySizeMb,
      maxMemoryUsedMb: this.measureMemory(),
      initDurationMs: coldStart ? init.initDurationMs : undefined,
      ending,
    });
  }

  async close(): Promise<void> {}

  private call(
    handler: LambdaHandler,
    context: EnvironmentContext,
    invocation: EngineInvocation,
    sink: (method: ConsoleMethod, args: readonly unknown[]) => void,
  ): Promise<InvocationEnding> {
    const { clock, definition } = this.settings;
    const startMs = clock.nowMs();
    const { deadlineMs, allowedMs } = invocationDeadline(
      startMs,
      definition.timeoutSeconds,
      invocation.deadlineMs,
    );
    const hooks: HandlerHooks = {
      log: sink,
      onEventLoopEmpty: () => {},
      afterEventLoopEmpties: (action) => action(),
    };
    const call = {
      event: JSON.parse(invocation.eventJson) as unknown,
      requestId: invocation.requestId,
      remainingTimeMs: () => deadlineMs - clock.nowMs(),
    };
    const leaveEnvironment = enterEnvironment(this.ownVariables());
    return new Promise<InvocationEnding>((resolve) => {
      // Awaited: a handler that never settles holds nothing else that would keep the process up.
      const timer = clock.schedule(
        allowedMs,
        () => resolve({ kind: "timeout", atMs: clock.nowMs(), allowedMs }),
        { keepAlive: true },
      );
      void withConsoleSink(sink, () => callHandler(handler, call, context, hooks)).then((outcome) => {
        clock.cancel(timer);
        resolve({ kind: "outcome", outcome });
      });
    }).finally(leaveEnvironment);
  }

  private async init(): Promise<InitResult> {
    const { clock, definition } = this.settings;
    const logs: string[] = [];
    const { sink, close } = this.openSink(undefined, logs);
    const startedAt = performance.now();
    const leaveEnvironment = enterEnvironment(this.ownVariables());
    try {
      const handler = await withConsoleSink(sink, () =>
        loadHandler(definition.baseDirectory, definition.handler),
      );
      const context = environmentContext(this.settings, clock.nowMs());
      return { ok: true, handler, context, logs, initDurationMs: performance.now() - startedAt };
    } catch (error) {
      sink("error", ["Uncaught Exception", formatErrorForLog(error)]);
      const payload = toErrorPayload(error);
      logs.push(initReportLine(performance.now() - startedAt, "error", payload.errorType));
      return { ok: false, logs, ending: { kind: "init-error", error: payload } };
    } finally {
      leaveEnvironment();
      close();
    }
  }

  /** What the function's code may read from process.env in-process: the platform's variables, then its own. */
  private ownVariables(): Readonly<Record<string, string>> {
    return { ...this.settings.platformEnvironment, ...this.settings.definition.environment };
  }

  /** A console sink into `logs` until closed; what the handler writes later goes to `onStrayLog`. */
  private openSink(
    requestId: string | undefined,
    logs: string[],
  ): { sink: (method: ConsoleMethod, args: readonly unknown[]) => void; close: () => void } {
    const { clock, onStrayLog } = this.settings;
    let open = true;
    return {
      sink: (method, args) => {
        const line = formatLogLine(clock.nowMs(), requestId, method, args);
        if (open) logs.push(line);
        else onStrayLog(line);
      },
      close: () => {
        open = false;
      },
    };
  }

  private measureMemory(): number {
    // v8's own figures: process.memoryUsage() also reads the resident size from /proc, ~20× the cost.
    const { total_heap_size, external_memory } = getHeapStatistics();
    this.maxMemoryUsedMb = Math.max(
      this.maxMemoryUsedMb,
      Math.ceil((total_heap_size + external_memory) / 1_048_576),
    );
    return this.maxMemoryUsedMb;
  }
}
