import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { TimerHandle } from "../clock.js";
import { isTypeScriptFile, locateHandler } from "./handler-loader.js";
import {
  type EngineInvocation,
  type EngineSettings,
  environmentContext,
  INIT_TIMEOUT_MS,
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
import { executionEnvironmentVariables } from "./lambda-environment.js";
import { toErrorPayload } from "./lambda-errors.js";
import type { HandlerWorkerData, InvokeMessage, WorkerMessage } from "./worker-protocol.js";

// Someone awaits every invocation: its deadline keeps the process up, as a long poll's does.
const AWAITED = { keepAlive: true } as const;

// The worker entry sits beside this file: handler-worker.ts when running from source (tsx, vitest),
// handler-worker.js once built.
const WORKER_ENTRY = new URL(`./handler-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** How the init phase ended: ready for invocations, or failed with what the first invocation reports. */
type InitResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly logs: readonly string[]; readonly ending: InvocationEnding };

interface ActiveInvocation {
  readonly requestId: string;
  readonly logs: string[];
  readonly startedAt: number;
  readonly timer: TimerHandle;
  readonly finish: (ending: InvocationEnding) => void;
}

/** One execution environment: a worker thread that loaded the handler once and runs one invocation at a time. */
class ExecutionEnvironment {
  readonly ready: Promise<InitResult>;
  active: ActiveInvocation | undefined;
  dead = false;
  initDurationMs: number | undefined;
  /** Whether the next invocation is the cold start that reports the init duration. */
  coldStart = true;
  maxMemoryUsedMb = 0;
  /** Log events of the init phase, shown before the first invocation's START. */
  initLogs: string[] = [];
  /** Log events written between invocations, shown in the next one (as a thawed environment shows them). */
  lateLogs: string[] = [];
  private resolveReady: (result: InitResult) => void = () => {};
  private bootError: unknown;
  private readonly spawnedAt = performance.now();

  constructor(
    readonly worker: Worker,
    private readonly pool: WorkerPool,
  ) {
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
    worker.on("message", (message: WorkerMessage) => this.onMessage(message));
    worker.on("error", (error) => {
      this.bootError = error;
    });
    worker.on("exit", (exitCode) => this.onExit(exitCode));
  }

  /** Ends the init phase early (it ran past Lambda's limit). */
  initTimedOut(): void {
    if (this.initDurationMs !== undefined || this.dead) return;
    this.dead = true;
    this.resolveReady({
      ok: false,
      logs: [...this.initLogs, initReportLine(INIT_TIMEOUT_MS, "timeout")],
      ending: { kind: "timeout", atMs: this.pool.settings.clock.nowMs(), allowedMs: INIT_TIMEOUT_MS },
    });
    void this.worker.terminate();
  }

  private log(line: string): void {
    if (this.active !== undefined) this.active.logs.push(line);
    else if (this.initDurationMs === undefined) this.initLogs.push(line);
    else this.lateLogs.push(line);
  }

  private onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case "log":
        this.log(message.line);
        return;
      case "ready":
        // Measured here, from the thread's creation: the worker's own clock starts with the process.
        this.initDurationMs = performance.now() - this.spawnedAt;
        this.maxMemoryUsedMb = message.maxMemoryUsedMb;
        this.resolveReady({ ok: true });
        return;
      case "init-error":
        this.initDurationMs = performance.now() - this.spawnedAt;
        this.dead = true;
        this.initFailed(
          { kind: "init-error", error: message.error },
          this.initDurationMs,
          message.error.errorType,
        );
        return;
      case "result":
        this.maxMemoryUsedMb = Math.max(this.maxMemoryUsedMb, message.maxMemoryUsedMb);
        if (message.fatal) this.dead = true;
        if (this.active?.requestId === message.requestId) {
          this.active.finish({ kind: "outcome", outcome: message.outcome });
        }
        return;
    }
  }

  private initFailed(ending: InvocationEnding, initDurationMs: number, errorType: string): void {
    this.resolveReady({
      ok: false,
      logs: [...this.initLogs, initReportLine(initDurationMs, "error", errorType)],
      ending,
    });
  }

  private onExit(exitCode: number): void {
    const wasDead = this.dead;
    this.dead = true;
    this.pool.forget(this);
    if (this.initDurationMs === undefined && !wasDead) {
      // The worker ended before its handler loaded: a bootstrap failure, or the module exited while loading.
      const initDurationMs = performance.now() - this.spawnedAt;
      if (this.bootError === undefined) {
        this.initFailed({ kind: "exit", exitCode }, initDurationMs, "Runtime.ExitError");
      } else {
        const error = toErrorPayload(this.bootError);
        this.initFailed({ kind: "init-error", error }, initDurationMs, error.errorType);
      }
    }
    this.active?.finish({ kind: "exit", exitCode });
    for (const line of this.lateLogs.splice(0)) this.pool.settings.onStrayLog(line);
  }
}

/**
 * Runs a function's invocations in worker threads, one execution environment per thread, as many as
 * the runner's concurrency allows (the runner holds back the rest). An environment starts when an
 * invocation finds none idle and stays for the next; one that times out is terminated, and one whose
 * runtime exits is dropped — the next invocation starts a fresh one (Lambda's cold start).
 */
export class WorkerPool implements InvocationEngine {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly bootstrapUrl: URL;

  constructor(readonly settings: EngineSettings) {
    this.bootstrapUrl = bootstrapUrl(settings);
  }

  get environmentCount(): number {
    return this.all.size;
  }

  async run(invocation: EngineInvocation): Promise<InvocationSuccess | InvocationFailure> {
    let environment = this.idle.pop();
    while (environment?.dead) environment = this.idle.pop();
    environment ??= this.spawn();
    const init = await environment.ready;
    if (!init.ok) {
      return finishInvocation({
        requestId: invocation.requestId,
        initLogs: init.logs,
        logs: [],
        durationMs: 0,
        memorySizeMb: this.settings.definition.memorySizeMb,
        maxMemoryUsedMb: environment.maxMemoryUsedMb,
        initDurationMs: undefined,
        ending: init.ending,
      });
    }
    return this.dispatch(environment, invocation);
  }

  async close(): Promise<void> {
    const exits = [...this.all].map((environment) => {
      environment.dead = true;
      return environment.worker.terminate();
    });
    this.idle.length = 0;
    await Promise.all(exits);
  }

  /** Drops an environment whose worker ended. */
  forget(environment: ExecutionEnvironment): void {
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) this.idle.splice(index, 1);
  }

  private spawn(): ExecutionEnvironment {
    const { settings } = this;
    const startedAtMs = settings.clock.nowMs();
    const context = environmentContext(settings, startedAtMs);
    const workerData: HandlerWorkerData = {
      baseDirectory: settings.definition.baseDirectory,
      handler: settings.definition.handler,
      context,
      clockNowMs: startedAtMs,
    };
    const worker = new Worker(this.bootstrapUrl, {
      workerData,
      env: executionEnvironmentVariables(
        settings.definition,
        settings.placement,
        context.logStreamName,
        settings.platformEnvironment,
      ),
    });
    const environment = new ExecutionEnvironment(worker, this);
    this.all.add(environment);
    const initTimer = settings.clock.schedule(INIT_TIMEOUT_MS, () => environment.initTimedOut(), AWAITED);
    void environment.ready.then(() => settings.clock.cancel(initTimer));
    return environment;
  }

  private dispatch(
    environment: ExecutionEnvironment,
    invocation: EngineInvocation,
  ): Promise<InvocationSuccess | InvocationFailure> {
    const { clock, definition } = this.settings;
    const startMs = clock.nowMs();
    const { deadlineMs, allowedMs } = invocationDeadline(
      startMs,
      definition.timeoutSeconds,
      invocation.deadlineMs,
    );
    return new Promise((resolve) => {
      const finish = (ending: InvocationEnding): void => {
        if (environment.active !== active) return;
        environment.active = undefined;
        clock.cancel(active.timer);
        const initDurationMs = environment.coldStart ? environment.initDurationMs : undefined;
        environment.coldStart = false;
        resolve(
          finishInvocation({
            requestId: invocation.requestId,
            initLogs: initDurationMs === undefined ? [] : environment.initLogs.splice(0),
            logs: active.logs,
            durationMs: performance.now() - active.startedAt,
            memorySizeMb: definition.memorySizeMb,
            maxMemoryUsedMb: environment.maxMemoryUsedMb,
            initDurationMs,
            ending,
          }),
        );
        if (environment.dead) return;
        environment.worker.unref();
        this.idle.push(environment);
      };
      const active: ActiveInvocation = {
        requestId: invocation.requestId,
        logs: environment.lateLogs.splice(0),
        startedAt: performance.now(),
        timer: clock.schedule(
          allowedMs,
          () => {
            // Lambda stops the environment at the deadline: the worker is terminated mid-handler.
            environment.dead = true;
            finish({ kind: "timeout", atMs: clock.nowMs(), allowedMs });
            void environment.worker.terminate();
          },
          AWAITED,
        ),
        finish,
      };
      environment.active = active;
      environment.worker.ref();
      const message: InvokeMessage = {
        type: "invoke",
        requestId: invocation.requestId,
        eventJson: invocation.eventJson,
        deadlineMs,
        clockNowMs: startMs,
      };
      environment.worker.postMessage(message);
    });
  }
}

/**
 * The worker's first module: it loads TypeScript support (tsx) when the entry or the handler needs it,
 * then the entry. A data: URL, so the worker starts in plain Node.js whatever the host runs under.
 */
function bootstrapUrl(settings: EngineSettings): URL {
  const handlerFile = safeLocate(settings);
  const needsTypeScript =
    isTypeScriptFile(fileURLToPath(WORKER_ENTRY)) ||
    (handlerFile !== undefined && isTypeScriptFile(handlerFile));
  const tsxApi = needsTypeScript ? tsxApiUrl() : undefined;
  const source = [
    tsxApi === undefined ? "" : `const { register } = await import(${JSON.stringify(tsxApi)}); register();`,
    `await import(${JSON.stringify(WORKER_ENTRY.href)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

function safeLocate(settings: EngineSettings): string | undefined {
  try {
    return locateHandler(settings.definition.baseDirectory, settings.definition.handler).file;
  } catch {
    // A malformed handler setting is reported by the worker's init phase, as Lambda reports it.
    return undefined;
  }
}

function tsxApiUrl(): string | undefined {
  try {
    // tsx's ESM API, found through its package's exports map (its CommonJS build cannot be imported).
    const packageJsonPath = createRequire(import.meta.url).resolve("tsx/package.json");
    const manifest = JSON.parse(readFileSync(packageJsonPath, "utf8")) as {
      exports?: Record<string, { import?: { default?: string } }>;
    };
    const entry = manifest.exports?.["./esm/api"]?.import?.default;
    return entry === undefined ? undefined : pathToFileURL(join(dirname(packageJsonPath), entry)).href;
  } catch {
    // Without tsx, a TypeScript handler fails its init phase with Node's own error.
    return undefined;
  }
}
