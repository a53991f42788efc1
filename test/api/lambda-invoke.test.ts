import {
  InvokeCommand,
  LambdaClient,
  LambdaServiceException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from "@aws-sdk/client-lambda";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { RECEIVED_KEY } from "./fixtures/lambda-handlers.js";
import { startLambdaEndpoint } from "./lambda-app.js";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (payload: Uint8Array | undefined) => new TextDecoder().decode(payload);

describe("Lambda Invoke over the REST API", () => {
  test("RequestResponse answers 200 with the handler's result", async () => {
    const { lambda } = await startLambdaEndpoint();
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: "Echo", Payload: json({ orderId: "o-1" }) }),
    );
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBeUndefined();
    expect(answer.ExecutedVersion).toBe("$LATEST");
    expect(JSON.parse(text(answer.Payload))).toEqual({ received: { orderId: "o-1" } });
    expect(answer.LogResult).toBeUndefined();
  });

  test("a function named by its ARN, and one without a payload (the event is {})", async () => {
    const { lambda } = await startLambdaEndpoint();
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Echo` }),
    );
    expect(JSON.parse(text(answer.Payload))).toEqual({ received: {} });
  });

  test("a function error answers 200 with X-Amz-Function-Error: Unhandled and the error payload", async () => {
    const { lambda } = await startLambdaEndpoint();
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: "Fail", Payload: json({ reason: "out of stock" }) }),
    );
    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe("Unhandled");
    const error = JSON.parse(text(answer.Payload));
    expect(error).toMatchObject({ errorType: "Error", errorMessage: "failing as asked: out of stock" });
    expect(Array.isArray(error.trace)).toBe(true);
  });

  test("LogType Tail returns the invocation's log, base64, at most its last 4 KB", async () => {
    const { lambda } = await startLambdaEndpoint();
    const echoed = await lambda.send(
      new InvokeCommand({ FunctionName: "Echo", LogType: "Tail", Payload: json({ n: 1 }) }),
    );
    const log = Buffer.from(echoed.LogResult ?? "", "base64").toString("utf8");
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST/);
    expect(log).toContain('echoing {"n":1}');
    expect(log).toMatch(/REPORT RequestId: \S+\tDuration: /);

    const loud = await lambda.send(new InvokeCommand({ FunctionName: "Loud", LogType: "Tail" }));
    const tail = Buffer.from(loud.LogResult ?? "", "base64");
    expect(tail.length).toBe(4096);
    expect(tail.toString("utf8")).toContain("the last word");
    expect(tail.toString("utf8")).not.toContain("line 0 ");
  });

  test("Event answers 202 at once and the handler runs later, through the async queue", async () => {
    const { lambda, runtime } = await startLambdaEndpoint();
    const key = `event-${crypto.randomUUID()}`;
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: "Record", InvocationType: "Event", Payload: json({ key }) }),
    );
    expect(answer.StatusCode).toBe(202);
    expect(answer.Payload?.length ?? 0).toBe(0);
    await runtime.whenIdle();
    const received =
      (globalThis as unknown as Record<string, { key: string }[] | undefined>)[RECEIVED_KEY] ?? [];
    expect(received.filter((event) => event.key === key)).toHaveLength(1);
  });

  test("DryRun answers 204 without running the function", async () => {
    const { lambda } = await startLambdaEndpoint();
    const key = `dry-${crypto.randomUUID()}`;
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: "Record", InvocationType: "DryRun", Payload: json({ key }) }),
    );
    expect(answer.StatusCode).toBe(204);
    const received =
      (globalThis as unknown as Record<string, { key: string }[] | undefined>)[RECEIVED_KEY] ?? [];
    expect(received.some((event) => event.key === key)).toBe(false);
  });

  test("an unknown function is ResourceNotFoundException (404) naming its ARN, whatever the invocation type", async () => {
    const { lambda } = await startLambdaEndpoint();
    for (const InvocationType of ["RequestResponse", "Event", "DryRun"] as const) {
      const error = await lambda
        .send(new InvokeCommand({ FunctionName: "Nope", InvocationType }))
        .catch((e) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toBe(`Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:Nope`);
    }
  });

  test("a qualifier other than $LATEST is ResourceNotFoundException; $LATEST runs", async () => {
    const { lambda } = await startLambdaEndpoint();
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: "Echo", Qualifier: "7" }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe(`Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:Echo:7`);
    const answer = await lambda.send(new InvokeCommand({ FunctionName: "Echo", Qualifier: "$LATEST" }));
    expect(answer.StatusCode).toBe(200);
  });

  test("a function at reserved concurrency 0 is throttled: TooManyRequestsException (429) with its Reason", async () => {
    const { clientConfig } = await startLambdaEndpoint();
    // The SDK retries throttles by itself; one attempt shows the answer.
    const lambda = new LambdaClient({ ...clientConfig, maxAttempts: 1 });
    const error = await lambda.send(new InvokeCommand({ FunctionName: "Throttled" })).catch((e) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.Reason).toBe("ReservedFunctionConcurrentInvocationLimitExceeded");
  });

  test("a payload that is not JSON is InvalidRequestContentException, and nothing runs", async () => {
    const { lambda } = await startLambdaEndpoint();
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: "Echo", Payload: new TextEncoder().encode("{not json") }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(LambdaServiceException);
    expect(error.name).toBe("InvalidRequestContentException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  test("a synchronous payload over 6 MB is RequestEntityTooLargeException (413)", async () => {
    const { lambda } = await startLambdaEndpoint();
    const error = await lambda
      .send(new InvokeCommand({ FunctionName: "Echo", Payload: json({ big: "x".repeat(6_291_456) }) }))
      .catch((e) => e);
    expect(error.name).toBe("RequestEntityTooLargeException");
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.message).toBe("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  });
});
