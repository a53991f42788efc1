import { resolve } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { ManualClock } from "../clock.js";
import { createCountingIds } from "../ids.js";
import { type FunctionDefinitionOptions, resolveFunctionDefinition } from "./function-definition.js";
import { createFunctionRunner, SerializedEvent } from "./function-runner.js";
import type { InvocationFailure, InvocationResult, InvocationSuccess } from "./invocation-result.js";

const FIXTURES = resolve("test/fixtures/functions");
const START = Date.parse("2026-11-29T16:00:00.000Z");

function inProcessRunner(options: Partial<FunctionDefinitionOptions> = {}) {
  const clock = new ManualClock(START);
  const strays: string[] = [];
  const definition = resolveFunctionDefinition({
    name: "behaviours",
    handler: "behaviours.handler",
    baseDirectory: FIXTURES,
    ...options,
  });
  const runner = createFunctionRunner(definition, {
    mode: "in-process",
    clock,
    ids: createCountingIds(),
    account: "123456789012",
    region: "eu-west-1",
    onStrayLog: (line) => strays.push(line),
  });
  return { runner, clock, strays };
}

function succeeded(result: InvocationResult): InvocationSuccess {
  if (!result.ok) throw new Error(`expected a success, got ${JSON.stringify(result)}`);
  return result;
}

function failed(result: InvocationResult): InvocationFailure {
  if (result.ok || result.throttled) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

describe("the in-process runner", () => {
  test("calls an async handler and returns its result as Lambda's JSON", async () => {
    const { runner } = inProcessRunner();
    const result = succeeded(await runner.invoke({ action: "echo", value: { n: 1, list: [true, null] } }));
    expect(result.payload).toEqual({ received: { n: 1, list: [true, null] } });
    expect(result.payloadJson).toBe('{"received":{"n":1,"list":[true,null]}}');
  });

  test("frames the invocation's logs with START, END and REPORT, the cold start with Init Duration", async () => {
    const { runner } = inProcessRunner();
    const first = succeeded(await runner.invoke({ action: "log" }, { requestId: "req-1" }));
    expect(first.logs).toEqual([
      "START RequestId: req-1 Version: $LATEST",
      "2026-11-29T16:00:00.000Z\treq-1\tINFO\thello { from: 'console.log' }",
      "2026-11-29T16:00:00.000Z\treq-1\tINFO\tinfo line",
      "2026-11-29T16:00:00.000Z\treq-1\tWARN\twarn line",
      "2026-11-29T16:00:00.000Z\treq-1\tERROR\terror line",
      "2026-11-29T16:00:00.000Z\treq-1\tDEBUG\tdebug line",
      "END RequestId: req-1",
      expect.stringMatching(
        /^REPORT RequestId: req-1\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t$/,
      ),
    ]);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(first.billedDurationMs).toBe(Math.ceil(first.durationMs + (first.initDurationMs ?? 0)));
    const warm = succeeded(await runner.invoke({ action: "echo" }, { requestId: "req-2" }));
    expect(warm.initDurationMs).toBeUndefined();
    expect(warm.logs.at(-1)).toMatch(
      /^REPORT RequestId: req-2\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\t.*MB\t$/,
    );
    expect(warm.billedDurationMs).toBe(Math.ceil(warm.durationMs));
  });

  test("gives the handler Lambda's context, its remaining time on the runner's clock", async () => {
    const { runner, clock } = inProcessRunner({ timeoutSeconds: 10, memorySizeMb: 512 });
    const result = succeeded(await runner.invoke({ action: "context" }, { requestId: "req-ctx" }));
    expect(result.payload).toEqual({
      awsRequestId: "req-ctx",
      functionName: "behaviours",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:behaviours",
      memoryLimitInMB: "512",
      logGroupName: "/aws/lambda/behaviours",
      logStreamName: "2026/11/29/[$LATEST]m1",
      remainingTimeMs: 10_000,
      callbackWaitsForEmptyEventLoop: true,
    });
    const withDeadline = await runner.invoke({ action: "context" }, { deadlineMs: clock.nowMs() + 1500 });
    expect(succeeded(withDeadline).payload).toMatchObject({ remainingTimeMs: 1500 });
  });

  test("a callback handler succeeds with callback(null, result) and fails with callback(error)", async () => {
    const { runner } = inProcessRunner();
    expect(succeeded(await runner.invoke({ action: "callback-success" })).payload).toEqual({
      via: "callback",
    });
    expect(failed(await runner.invoke({ action: "callback-error" })).error).toMatchObject({
      errorType: "Error",
      errorMessage: "bad input",
    });
    expect(failed(await runner.invoke({ action: "callback-string-error" })).error).toEqual({
      errorType: "string",
      errorMessage: "plain failure",
      trace: [],
    });
  });

  test("a thrown Error comes back with its type, message and stack lines, marked Unhandled", async () => {
    const { runner } = inProcessRunner();
    const result = failed(await runner.invoke({ action: "throw-error" }, { requestId: "req-e" }));
    expect(result.functionError).toBe("Unhandled");
    expect(result.timedOut).toBe(false);
    expect(result.error.errorType).toBe("TypeError");
    expect(result.error.errorMessage).toBe("boom");
    expect(result.error.trace?.[0]).toBe("TypeError: boom");
    expect(result.error.trace?.[1]).toMatch(/^ {4}at .*behaviours\.ts/);
    expect(JSON.parse(result.payloadJson)).toEqual(result.error);
    expect(result.logs).toContainEqual(
      expect.stringMatching(
        /^2026-11-29T16:00:00\.000Z\treq-e\tERROR\tInvoke Error \t\{"errorType":"TypeError"/,
      ),
    );
  });

  test("a thrown string is errorType 'string' with an empty trace; a rejection without a value is 'handled'", async () => {
    const { runner } = inProcessRunner();
    expect(failed(await runner.invoke({ action: "throw-string" })).payloadJson).toBe(
      '{"errorType":"string","errorMessage":"a string","trace":[]}',
    );
    expect(failed(await runner.invoke({ action: "reject-undefined" })).error).toEqual({
      errorType: "string",
      errorMessage: "handled",
      trace: [],
    });
    expect(failed(await runner.invoke({ action: "reject-error" })).error.errorType).toBe("RangeError");
  });

  test("a result that cannot become JSON fails as Lambda reports it", async () => {
    const { runner } = inProcessRunner();
    expect(failed(await runner.invoke({ action: "unserialisable" })).error).toMatchObject({
      errorType: "Error",
      errorMessage: "Unable to stringify response body",
    });
  });

  test("the event crosses as JSON: the handler gets a copy, and an event that is not JSON is refused", async () => {
    const { runner } = inProcessRunner();
    const event = { action: "echo", value: { when: new Date(START) } };
    expect(succeeded(await runner.invoke(event)).payload).toEqual({
      received: { when: "2026-11-29T16:00:00.000Z" },
    });
    await expect(runner.invoke({ action: "echo", value: 1n })).rejects.toThrow(ValidationError);
    const plain = inProcessRunner({ handler: "plain.handler" }).runner;
    expect(succeeded(await plain.invoke(undefined)).payload).toEqual({ module: "esm", event: {} });
  });

  test("a handler past its timeout is reported as timed out, on the runner's clock", async () => {
    const { runner, clock } = inProcessRunner({ handler: "behaviours.asyncHandler", timeoutSeconds: 2 });
    const pending = runner.invoke({ action: "never-settles" }, { requestId: "req-t" });
    await vi.waitFor(() => expect(clock.pendingCount).toBe(1));
    clock.advance(2000);
    const result = failed(await pending);
    expect(result.timedOut).toBe(true);
    expect(result.error).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: "RequestId: req-t Error: Task timed out after 2.00 seconds",
    });
    expect(result.durationMs).toBe(2000);
    expect(result.logs.slice(-3)).toEqual([
      "2026-11-29T16:00:02.000Z req-t Task timed out after 2.00 seconds",
      "END RequestId: req-t",
      expect.stringMatching(
        /^REPORT RequestId: req-t\tDuration: 2000\.00 ms\tBilled Duration: \d+ ms\t.*\tStatus: timeout$/,
      ),
    ]);
  });

  test("init failures fail the invocation with the runtime's error, and the next invocation tries again", async () => {
    const missing = inProcessRunner({ handler: "missing.handler" }).runner;
    const first = failed(await missing.invoke({}, { requestId: "req-i" }));
    expect(first.error).toMatchObject({
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: Cannot find module 'missing'",
    });
    expect(first.logs[0]).toMatch(
      /^2026-11-29T16:00:00\.000Z\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\.ImportModuleError"/,
    );
    expect(first.logs[1]).toMatch(
      /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime\.ImportModuleError$/,
    );
    expect(first.logs.at(-1)).toMatch(/\tStatus: error\tError Type: Runtime\.ImportModuleError$/);
    expect(failed(await missing.invoke({})).error.errorType).toBe("Runtime.ImportModuleError");

    const loadFails = inProcessRunner({ handler: "fails-to-load.handler" }).runner;
    const failure = failed(await loadFails.invoke({}));
    expect(failure.error).toMatchObject({ errorType: "Error", errorMessage: "cannot start" });
    expect(failure.logs[0]).toBe("2026-11-29T16:00:00.000Z\tundefined\tINFO\tabout to fail");
  });

  test("JavaScript handlers load too: ES modules and CommonJS", async () => {
    const esm = succeeded(await inProcessRunner({ handler: "plain.handler" }).runner.invoke({ a: 1 }));
    expect(esm.payload).toEqual({ module: "esm", event: { a: 1 } });
    const cjs = succeeded(await inProcessRunner({ handler: "legacy.handler" }).runner.invoke({ b: 2 }));
    expect(cjs.payload).toEqual({ module: "cjs", event: { b: 2 } });
  });

  test("reserved concurrency 0 throttles every invocation without running it", async () => {
    const { runner } = inProcessRunner({ reservedConcurrency: 0, handler: "missing.handler" });
    expect(await runner.invoke({}, { requestId: "req-0" })).toEqual({
      ok: false,
      throttled: true,
      requestId: "req-0",
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
  });

  test("invocations beyond the reserved concurrency wait and run in order, or are throttled if asked", async () => {
    const { runner } = inProcessRunner({ handler: "behaviours.asyncHandler", reservedConcurrency: 1 });
    const results = await Promise.all(
      [1, 2, 3].map((value) => runner.invoke({ action: "slow", ms: 5, value })),
    );
    const seen = results.map((result) => succeeded(result).payload as { seen: number; value: number });
    expect(seen.map((entry) => entry.value)).toEqual([1, 2, 3]);
    expect(seen.map((entry) => entry.seen)).toEqual([
      seen[0]?.seen,
      (seen[0]?.seen ?? 0) + 1,
      (seen[0]?.seen ?? 0) + 2,
    ]);

    const running = runner.invoke({ action: "slow", ms: 20 });
    const throttled = await runner.invoke({ action: "echo" }, { throttleAtReservedConcurrency: true });
    expect(throttled).toMatchObject({ ok: false, throttled: true });
    expect((await running).ok).toBe(true);
  });

  test("what a handler logs after its invocation ended is a stray log, not lost", async () => {
    const { runner, strays } = inProcessRunner();
    succeeded(await runner.invoke({ action: "callback-does-not-wait" }, { requestId: "req-s" }));
    await vi.waitFor(() =>
      expect(strays).toEqual(["2026-11-29T16:00:00.000Z\treq-s\tINFO\twritten after the response"]),
    );
  });

  test("a closed runner finishes what runs and takes nothing more", async () => {
    const { runner } = inProcessRunner({ handler: "behaviours.asyncHandler" });
    const running = runner.invoke({ action: "slow", ms: 10 });
    const closed = runner.close();
    await expect(runner.invoke({})).rejects.toThrow("The runner of function behaviours is closed.");
    expect((await running).ok).toBe(true);
    await closed;
  });

  test("the function's own variables are in process.env while it runs, and the host's come back after", async () => {
    const clock = new ManualClock(START);
    const runner = createFunctionRunner(
      resolveFunctionDefinition({
        name: "behaviours",
        handler: "behaviours.handler",
        baseDirectory: FIXTURES,
        environment: { GREETING: "hello from the function", HOME: "/home/function" },
      }),
      {
        mode: "in-process",
        clock,
        ids: createCountingIds(),
        account: "123456789012",
        region: "eu-west-1",
        platformEnvironment: { PLATFORM_ONLY: "from the platform" },
      },
    );
    const hostHome = process.env.HOME;
    expect(process.env.GREETING).toBeUndefined();
    const [first, second] = await Promise.all([
      runner.invoke({ action: "environment" }),
      runner.invoke({ action: "environment" }),
    ]);
    for (const result of [first, second]) {
      if (result === undefined) throw new Error("no result");
      expect(JSON.parse(succeeded(result).payloadJson)).toMatchObject({
        GREETING: "hello from the function",
        PLATFORM_ONLY: "from the platform",
        HOME_FROM_HOST: "/home/function",
      });
    }
    expect(process.env.GREETING).toBeUndefined();
    expect(process.env.PLATFORM_ONLY).toBeUndefined();
    expect(process.env.HOME).toBe(hostHome);
    await runner.close();
  });

  test("a SerializedEvent is sent as the JSON text it holds", async () => {
    const { runner } = inProcessRunner();
    const result = succeeded(
      await runner.invoke(new SerializedEvent('{"action":"echo","value":{"n":1,"text":"as written"}}')),
    );
    expect(JSON.parse(result.payloadJson)).toEqual({ received: { n: 1, text: "as written" } });
  });
});
