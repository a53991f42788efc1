/**
 * The entry of a handler worker: one Lambda execution environment. It loads the handler (the init
 * phase), then runs the invocations the runner sends it one at a time, the way Lambda's Node.js runtime
 * client does: console calls become log events carrying the current request id, an uncaught exception
 * or unhandled rejection fails the current invocation and ends the environment, and "the event loop is
 * empty" is what Node.js reports as `beforeExit` once the runner's port stops holding the thread open.
 */
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { callHandler, type HandlerHooks } from "./call-handler.js";
import { type LambdaHandler, loadHandler } from "./handler-loader.js";
import { formatErrorForLog, runtimeError, toErrorPayload } from "./lambda-errors.js";
import { CONSOLE_METHODS, type ConsoleMethod, formatLogLine } from "./log-format.js";
import type { HandlerWorkerData, InvokeMessage, WorkerMessage } from "./worker-protocol.js";

if (parentPort === null) throw new Error("handler-worker.ts runs only as a worker thread");
const port = parentPort;
const data = workerData as HandlerWorkerData;

// The runner's clock, carried on: log times and remaining time follow it, advanced by real time here.
let clockOffsetMs = data.clockNowMs - Date.now();
const now = (): number => Date.now() + clockOffsetMs;

let currentRequestId: string | undefined;
let activeRequestId: string | undefined;
let eventLoopEmptyAction: (() => void) | undefined;
let maxMemoryUsedMb = 0;

const post = (message: WorkerMessage): void => port.postMessage(message);
const log = (method: ConsoleMethod, args: readonly unknown[]): void =>
  post({ type: "log", line: formatLogLine(now(), currentRequestId, method, args) });

const consoleMethods = console as unknown as Record<ConsoleMethod, (...args: unknown[]) => void>;
for (const method of CONSOLE_METHODS) consoleMethods[method] = (...args) => log(method, args);

// What is written to stdout or stderr directly is logged as it is, a log event per line, as Lambda
// captures it — sent through the same port as everything else, so it stays with its invocation.
const partialLines: (() => void)[] = [];
for (const stream of [process.stdout, process.stderr]) {
  let partial = "";
  const write = (chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
    partial += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) post({ type: "log", line });
    const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
    if (typeof callback === "function") queueMicrotask(() => callback());
    return true;
  };
  stream.write = write as typeof stream.write;
  partialLines.push(() => {
    if (partial !== "") post({ type: "log", line: partial });
    partial = "";
  });
}
const flushPartialLines = (): void => {
  for (const flush of partialLines) flush();
};

function measureMemory(): number {
  // v8's own figures: process.memoryUsage() also reads the resident size from /proc, ~20× the cost.
  const { total_heap_size, external_memory } = getHeapStatistics();
  maxMemoryUsedMb = Math.max(maxMemoryUsedMb, Math.ceil((total_heap_size + external_memory) / 1_048_576));
  return maxMemoryUsedMb;
}

/** Ends the environment the way the runtime client does: fail the current invocation, then exit. */
function failFatally(label: string, error: unknown, exitCode: number): never {
  log("error", [label, formatErrorForLog(error)]);
  if (activeRequestId !== undefined) {
    post({
      type: "result",
      requestId: activeRequestId,
      outcome: { ok: false, error: toErrorPayload(error) },
      maxMemoryUsedMb: measureMemory(),
      fatal: true,
    });
  }
  process.exit(exitCode);
}

process.on("uncaughtException", (error) => failFatally("Uncaught Exception", error, 129));
process.on("unhandledRejection", (reason) => {
  const error = runtimeError("UnhandledPromiseRejection", reason === undefined ? undefined : String(reason));
  Object.assign(error, { reason });
  failFatally("Unhandled Promise Rejection", error, 128);
});
process.on("beforeExit", () => {
  const action = eventLoopEmptyAction;
  eventLoopEmptyAction = undefined;
  action?.();
  port.ref();
});

const hooks: HandlerHooks = {
  log,
  onEventLoopEmpty: (action) => {
    eventLoopEmptyAction = action;
  },
  afterEventLoopEmpties: (action) => {
    eventLoopEmptyAction = action;
  },
};

function run(handler: LambdaHandler, message: InvokeMessage): void {
  clockOffsetMs = message.clockNowMs - Date.now();
  currentRequestId = message.requestId;
  activeRequestId = message.requestId;
  const call = {
    event: JSON.parse(message.eventJson) as unknown,
    requestId: message.requestId,
    remainingTimeMs: () => message.deadlineMs - now(),
  };
  // Unreferenced, the port no longer keeps the thread alive: when the handler's own work is all that is
  // left and it finishes, Node.js emits beforeExit — Lambda's "empty event loop".
  port.unref();
  void callHandler(handler, call, data.context, hooks).then((outcome) => {
    flushPartialLines();
    eventLoopEmptyAction = undefined;
    activeRequestId = undefined;
    post({
      type: "result",
      requestId: message.requestId,
      outcome,
      maxMemoryUsedMb: measureMemory(),
      fatal: false,
    });
    port.ref();
  });
}

try {
  const handler = await loadHandler(data.baseDirectory, data.handler);
  port.on("message", (message: InvokeMessage) => run(handler, message));
  post({ type: "ready", maxMemoryUsedMb: measureMemory() });
} catch (error) {
  log("error", ["Uncaught Exception", formatErrorForLog(error)]);
  post({ type: "init-error", error: toErrorPayload(error) });
  process.exit(1);
}
