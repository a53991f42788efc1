import type { LambdaHandler } from "./handler-loader.js";
import {
  type FunctionErrorPayload,
  formatErrorForLog,
  NODE_JS_EXIT_MESSAGE,
  runtimeError,
  toErrorPayload,
} from "./lambda-errors.js";
import type { ConsoleMethod } from "./log-format.js";

/**
 * The context object a handler receives, with the fields of `@types/aws-lambda`'s `Context` that
 * Lambda's Node.js runtime sets (Switchyard does not depend on that package; this is its subset).
 */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** A string, as Lambda gives it ("128"). */
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  getRemainingTimeInMillis(): number;
  /** @deprecated Lambda's pre-callback API: `done(error, result)`. */
  done(error?: unknown, result?: unknown): void;
  /** @deprecated Lambda's pre-callback API. */
  fail(error: unknown): void;
  /** @deprecated Lambda's pre-callback API. */
  succeed(result: unknown): void;
}

/** A callback-style handler's third argument: `callback(error)` fails, `callback(null, result)` succeeds. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** The context fields that stay the same for every invocation in one execution environment. */
export interface EnvironmentContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** How an invocation ended inside the runtime: the response as JSON text, or the error Lambda reports. */
export type HandlerOutcome =
  | { readonly ok: true; readonly payloadJson: string }
  | { readonly ok: false; readonly error: FunctionErrorPayload };

/** What the runtime around a handler provides: its log, and what it knows about its event loop. */
export interface HandlerHooks {
  /** Writes a runtime log line into the invocation's log ("Invoke Error"). */
  log(method: ConsoleMethod, args: readonly unknown[]): void;
  /**
   * Sets what happens if the event loop empties while the handler has not finished: an async handler
   * fails with Runtime.NodeJsExit, any other returns null. Only a worker can tell; in-process ignores it.
   */
  onEventLoopEmpty(action: () => void): void;
  /** Runs `action` once the event loop is empty (worker), or at once where that cannot be known (in-process). */
  afterEventLoopEmpties(action: () => void): void;
}

/** One call of a handler: its event, request id and deadline clock. */
export interface HandlerCall {
  readonly event: unknown;
  readonly requestId: string;
  readonly remainingTimeMs: () => number;
}

/**
 * Calls a handler with the rules of Lambda's Node.js runtime client (Runtime.js, CallbackContext.js):
 * a returned promise settles the invocation (rejection with no value fails as "handled"); otherwise the
 * callback does — `callback(error)` fails, `callback(null, result)` succeeds once the event loop is empty
 * unless `context.callbackWaitsForEmptyEventLoop` was set to false; a synchronous throw fails. Only the
 * first of callback, succeed, fail and done counts. Results become JSON (`undefined` → `null`); one that
 * cannot ("Unable to stringify response body") fails the invocation instead.
 */
export function callHandler(
  handler: LambdaHandler,
  call: HandlerCall,
  environment: EnvironmentContext,
  hooks: HandlerHooks,
): Promise<HandlerOutcome> {
  return new Promise((settle) => {
    let finished = false;
    let waitsForEmptyEventLoop = true;

    const postError = (error: unknown): void => {
      hooks.log("error", ["Invoke Error", formatErrorForLog(error)]);
      settle({ ok: false, error: toErrorPayload(error) });
    };
    const complete = (result: unknown, waitIfAsked: boolean): void => {
      const payloadJson = serializeResult(result);
      if (waitIfAsked && waitsForEmptyEventLoop) {
        hooks.afterEventLoopEmpties(() => settle({ ok: true, payloadJson }));
      } else {
        settle({ ok: true, payloadJson });
      }
    };
    const done = (error?: unknown, result?: unknown): void => {
      if (error !== undefined && error !== null) postError(error);
      else complete(result, false);
    };
    // Each call counts only if it went through: a result that cannot be serialised throws out of the
    // call and leaves the invocation open for the error that follows (as the runtime client does).
    const once =
      <A extends unknown[]>(action: (...args: A) => void) =>
      (...args: A): void => {
        if (finished) return;
        action(...args);
        finished = true;
      };
    const callback = once((error?: unknown, result?: unknown) => {
      if (error !== undefined && error !== null) postError(error);
      else complete(result, true);
    });
    const succeed = once((result: unknown) => done(null, result));
    const fail = once((error: unknown) => done(error === undefined || error === null ? "handled" : error));

    const context: LambdaContext = {
      ...environment,
      awsRequestId: call.requestId,
      getRemainingTimeInMillis: call.remainingTimeMs,
      get callbackWaitsForEmptyEventLoop() {
        return waitsForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitsForEmptyEventLoop = value;
      },
      done: once(done),
      succeed,
      fail,
    };

    hooks.onEventLoopEmpty(() => {
      if (finished) return;
      finished = true;
      if (isAsyncFunction(handler)) postError(runtimeError("NodeJsExit", NODE_JS_EXIT_MESSAGE));
      else settle({ ok: true, payloadJson: "null" });
    });
    try {
      const result = handler(call.event, context, callback);
      if (isPromiseLike(result)) result.then(succeed, fail).then(undefined, fail);
    } catch (error) {
      callback(error);
    }
  });
}

/**
 * The response body: JSON of the result, `null` for undefined. A value JSON.stringify leaves undefined
 * (a function, a symbol) is sent as `null` too, since an Invoke payload is JSON.
 */
function serializeResult(result: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch {
    throw new Error("Unable to stringify response body");
  }
  return json ?? "null";
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function isAsyncFunction(handler: LambdaHandler): boolean {
  return handler.constructor.name === "AsyncFunction";
}
