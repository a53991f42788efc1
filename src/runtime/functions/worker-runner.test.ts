/**
 * The runner in worker mode, with real threads and the system clock (the timeout is the mechanism that
 * terminates a thread, so it runs for real: 1 second). Each test asserts outcomes, never durations.
 * Two functions share the file so that each thread's TypeScript start-up is paid a few times only.
 */
import { resolve } from "node:path";
import { afterAll, describe, expect, test, vi } from "vitest";
import { createSystemClock } from "../clock.js";
import { createRandomIds } from "../ids.js";
import { resolveFunctionDefinition } from "./function-definition.js";
import { createFunctionRunner, type FunctionRunnerOptions } from "./function-runner.js";
import type { InvocationFailure, InvocationResult, InvocationSuccess } from "./invocation-result.js";

const FIXTURES = resolve("test/fixtures/functions");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const strays: string[] = [];
const options: FunctionRunnerOptions = {
  mode: "worker",
  clock: createSystemClock(),
  ids: createRandomIds(),
  account: "123456789012",
  region: "eu-west-1",
  maxWorkers: 2,
  platformEnvironment: { PLATFORM_ONLY: "from the platform", GREETING: "overridden by the function" },
  onStrayLog: (line) => strays.push(line),
};

const behaviours = createFunctionRunner(
  resolveFunctionDefinition({
    name: "behaviours",
    handler: "behaviours.handler",
    baseDirectory: FIXTURES,
    timeoutSeconds: 1,
    memorySizeMb: 256,
    environment: { GREETING: "hello from the function" },
  }),
  options,
);
const counter = createFunctionRunner(
  resolveFunctionDefinition({
    name: "counter",
    handler: "behaviours.asyncHandler",
    baseDirectory: FIXTURES,
    reservedConcurrency: 1,
  }),
  options,
);

afterAll(async () => {
  await Promise.all([behaviours.close(), counter.close()]);
});

function succeeded(result: InvocationResult): InvocationSuccess {
  if (!result.ok) throw new Error(`expected a success, got ${JSON.stringify(result)}`);
  return result;
}

function failed(result: InvocationResult): InvocationFailure {
  if (result.ok || result.throttled) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

describe("the worker runner", () => {
  test("runs a TypeScript handler in a thread of its own and returns its result as JSON", async () => {
    const cold = succeeded(await behaviours.invoke({ action: "echo", value: [1, "two"] }));
    expect(cold.requestId).toMatch(UUID);
    expect(cold.payload).toEqual({ received: [1, "two"] });
    expect(cold.payloadJson).toBe('{"received":[1,"two"]}');
    expect(cold.initDurationMs).toBeGreaterThan(0);
    expect(cold.logs).toEqual([
      `START RequestId: ${cold.requestId} Version: $LATEST`,
      `END RequestId: ${cold.requestId}`,
      expect.stringMatching(
        /^REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: [1-9]\d* MB\tInit Duration: \d+\.\d\d ms\t$/,
      ),
    ]);
    const warm = succeeded(await behaviours.invoke({ action: "echo", value: 2 }));
    expect(warm.initDurationMs).toBeUndefined();
  });

  test("captures console output as Lambda's Node.js runtime writes it", async () => {
    const result = succeeded(await behaviours.invoke({ action: "log" }, { requestId: "req-log" }));
    const line = (level: string, text: string) =>
      expect.stringMatching(
        new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\treq-log\\t${level}\\t${text}$`),
      );
    expect(result.logs).toEqual([
      "START RequestId: req-log Version: $LATEST",
      line("INFO", "hello \\{ from: 'console\\.log' \\}"),
      line("INFO", "info line"),
      line("WARN", "warn line"),
      line("ERROR", "error line"),
      line("DEBUG", "debug line"),
      "END RequestId: req-log",
      expect.stringMatching(/^REPORT RequestId: req-log\t/),
    ]);
  });

  test("captures what is written to stdout and stderr directly, a log event per line", async () => {
    const result = succeeded(await behaviours.invoke({ action: "stdout" }, { requestId: "req-out" }));
    expect(result.logs.slice(1, -2)).toEqual([
      "written to stdout",
      "and a second line",
      "to stderr, without a newline",
    ]);
  });

  test("applies the function's variables over the platform's, under Lambda's reserved ones", async () => {
    const result = succeeded(await behaviours.invoke({ action: "environment" }));
    expect(result.payload).toEqual({
      GREETING: "hello from the function",
      PLATFORM_ONLY: "from the platform",
      _HANDLER: "behaviours.handler",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWS_LAMBDA_FUNCTION_NAME: "behaviours",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/behaviours",
      AWS_LAMBDA_LOG_STREAM_NAME: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      TZ: ":UTC",
    });
  });

  test("gives the handler Lambda's context", async () => {
    const result = succeeded(await behaviours.invoke({ action: "context" }, { requestId: "req-ctx" }));
    expect(result.payload).toEqual({
      awsRequestId: "req-ctx",
      functionName: "behaviours",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:behaviours",
      memoryLimitInMB: "256",
      logGroupName: "/aws/lambda/behaviours",
      logStreamName: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      remainingTimeMs: expect.any(Number),
      callbackWaitsForEmptyEventLoop: true,
    });
    const remaining = (result.payload as { remainingTimeMs: number }).remainingTimeMs;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(1000);
  });

  test("errors come back as Lambda shapes them: a thrown Error, a thrown string, callback(error)", async () => {
    const thrown = failed(await behaviours.invoke({ action: "throw-error" }));
    expect(thrown).toMatchObject({ functionError: "Unhandled", timedOut: false });
    expect(thrown.error).toMatchObject({ errorType: "TypeError", errorMessage: "boom" });
    expect(thrown.error.trace?.[0]).toBe("TypeError: boom");
    expect(thrown.logs).toContainEqual(
      expect.stringMatching(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom"/),
    );
    expect(failed(await behaviours.invoke({ action: "throw-string" })).error).toEqual({
      errorType: "string",
      errorMessage: "a string",
      trace: [],
    });
    expect(failed(await behaviours.invoke({ action: "callback-error" })).error).toMatchObject({
      errorType: "Error",
      errorMessage: "bad input",
    });
    expect(failed(await behaviours.invoke({ action: "unserialisable" })).error.errorMessage).toBe(
      "Unable to stringify response body",
    );
  });

  test("a callback's response waits for the event loop to empty, unless the handler says not to", async () => {
    expect(succeeded(await behaviours.invoke({ action: "callback-success" })).payload).toEqual({
      via: "callback",
    });
    const waited = succeeded(await behaviours.invoke({ action: "callback-waits" }));
    expect(waited.payload).toBe("waited");
    expect(waited.logs).toContainEqual(expect.stringMatching(/\tINFO\ttimer after the callback$/));

    const early = succeeded(await behaviours.invoke({ action: "callback-does-not-wait" }));
    expect(early.payload).toBe("early");
    expect(early.logs).not.toContainEqual(expect.stringMatching(/written after the response/));
    // A handler that neither returns a promise nor calls back returns null once the loop is empty; the
    // loop held the earlier timer, whose line shows up here, as a thawed environment shows it.
    const next = succeeded(await behaviours.invoke({ action: "no-callback" }));
    expect(next.payload).toBeNull();
    expect(next.logs).toContainEqual(expect.stringMatching(/\tINFO\twritten after the response$/));
  });

  test("an async handler whose promise never settles fails with Runtime.NodeJsExit", async () => {
    const result = failed(await counter.invoke({ action: "never-settles" }));
    expect(result.error).toMatchObject({ errorType: "Runtime.NodeJsExit" });
    expect(result.error.errorMessage).toMatch(
      /^The Lambda runtime client detected an unexpected Node\.js exit code/,
    );
  });

  test("invocations beyond the reserved concurrency wait and run in order, or are throttled if asked", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((value) => counter.invoke({ action: "slow", ms: 10, value })),
    );
    const payloads = results.map((result) => succeeded(result).payload as { seen: number; value: number });
    expect(payloads.map((payload) => payload.value)).toEqual([1, 2, 3]);
    const first = payloads[0]?.seen ?? 0;
    expect(payloads.map((payload) => payload.seen)).toEqual([first, first + 1, first + 2]);

    const running = counter.invoke({ action: "slow", ms: 50 });
    expect(await counter.invoke({ action: "echo" }, { throttleAtReservedConcurrency: true })).toMatchObject({
      ok: false,
      throttled: true,
      reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
    });
    expect((await running).ok).toBe(true);
  });

  test("a handler that calls process.exit fails only its invocation; the next one gets a fresh environment", async () => {
    const otherFunction = counter.invoke({ action: "slow", ms: 300, value: "unharmed" });
    const crashed = failed(await behaviours.invoke({ action: "exit" }, { requestId: "req-exit" }));
    expect(crashed.error).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: "RequestId: req-exit Error: Runtime exited with error: exit status 1",
    });
    expect(crashed.logs).toEqual([
      "START RequestId: req-exit Version: $LATEST",
      expect.stringMatching(/\treq-exit\tINFO\tabout to exit$/),
      "RequestId: req-exit Error: Runtime exited with error: exit status 1\nRuntime.ExitError",
      "END RequestId: req-exit",
      expect.stringMatching(/\tStatus: error\tError Type: Runtime\.ExitError$/),
    ]);
    expect((succeeded(await otherFunction).payload as { value: string }).value).toBe("unharmed");
    const next = succeeded(await behaviours.invoke({ action: "echo", value: "after" }));
    expect(next.payload).toEqual({ received: "after" });
    expect(next.initDurationMs).toBeGreaterThan(0);
  });

  test("an uncaught exception or unhandled rejection fails the invocation with it and ends the environment", async () => {
    const uncaught = failed(await behaviours.invoke({ action: "uncaught" }));
    expect(uncaught.error).toMatchObject({ errorType: "Error", errorMessage: "thrown in a timer" });
    expect(uncaught.logs).toContainEqual(
      expect.stringMatching(/\tERROR\tUncaught Exception \t\{"errorType":"Error"/),
    );

    const rejected = failed(await behaviours.invoke({ action: "unhandled-rejection" }));
    expect(rejected.error).toMatchObject({
      errorType: "Runtime.UnhandledPromiseRejection",
      errorMessage: "Error: nobody handles this",
    });
    expect(rejected.initDurationMs).toBeGreaterThan(0);
  });

  test("a handler that runs past its timeout is stopped and reported as Lambda reports it", async () => {
    const result = failed(await behaviours.invoke({ action: "spin" }, { requestId: "req-spin" }));
    expect(result.timedOut).toBe(true);
    expect(result.error).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: "RequestId: req-spin Error: Task timed out after 1.00 seconds",
    });
    expect(result.durationMs).toBe(1000);
    // The spinning thread is gone, not merely abandoned.
    await vi.waitFor(() => expect(behaviours.environmentCount).toBe(0));
    expect(result.logs.slice(-3)).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z req-spin Task timed out after 1\.00 seconds$/),
      "END RequestId: req-spin",
      expect.stringMatching(
        /^REPORT RequestId: req-spin\tDuration: 1000\.00 ms\tBilled Duration: \d+ ms\t.*\tStatus: timeout$/,
      ),
    ]);
    expect(succeeded(await behaviours.invoke({ action: "echo", value: "alive" })).payload).toEqual({
      received: "alive",
    });
  });

  test("an init failure in the thread fails the invocation with the runtime's error", async () => {
    const broken = createFunctionRunner(
      resolveFunctionDefinition({
        name: "broken",
        handler: "behaviours.notAFunction",
        baseDirectory: FIXTURES,
      }),
      options,
    );
    const result = failed(await broken.invoke({}));
    expect(result.error).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "behaviours.notAFunction is not a function",
    });
    expect(result.logs[0]).toMatch(
      /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\.HandlerNotFound"/,
    );
    expect(result.logs[1]).toMatch(
      /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime\.HandlerNotFound$/,
    );
    await broken.close();
    expect(strays).toEqual([]);
  });
});
