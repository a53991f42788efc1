import {
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  InvalidParameterValueException,
  LambdaClient,
  ListFunctionsCommand,
  PutFunctionEventInvokeConfigCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";
import { startLambdaEndpoint } from "./lambda-app.js";

const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

describe("Lambda functions over the REST API", () => {
  test("GetFunction describes a function as its app defines it", async () => {
    const { lambda } = await startLambdaEndpoint();
    const answer = await lambda.send(new GetFunctionCommand({ FunctionName: "Echo" }));
    expect(answer.Configuration).toMatchObject({
      FunctionName: "Echo",
      FunctionArn: arn("Echo"),
      Runtime: "nodejs22.x",
      Handler: "lambda-handlers.echo",
      Timeout: 5,
      MemorySize: 256,
      Version: "$LATEST",
      Environment: { Variables: { STAGE: "test" } },
      State: "Active",
      PackageType: "Zip",
    });
    expect(answer.Configuration?.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(answer.Concurrency).toBeUndefined();
    const throttled = await lambda.send(new GetFunctionCommand({ FunctionName: arn("Throttled") }));
    expect(throttled.Concurrency).toEqual({ ReservedConcurrentExecutions: 0 });
  });

  test("GetFunction of an unknown function is ResourceNotFoundException", async () => {
    const { lambda } = await startLambdaEndpoint();
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: "Nope" })).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe(`Function not found: ${arn("Nope")}`);
  });

  test("ListFunctions lists the running app's functions, a page at a time", async () => {
    const { lambda } = await startLambdaEndpoint();
    const all = await lambda.send(new ListFunctionsCommand({}));
    expect(all.Functions?.map((fn) => fn.FunctionName)).toEqual([
      "Echo",
      "Fail",
      "Record",
      "Loud",
      "Throttled",
    ]);
    expect(all.NextMarker).toBeUndefined();
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(first.Functions?.map((fn) => fn.FunctionName)).toEqual(["Echo", "Fail"]);
    const rest = await lambda.send(new ListFunctionsCommand({ MaxItems: 10, Marker: first.NextMarker }));
    expect(rest.Functions?.map((fn) => fn.FunctionName)).toEqual(["Record", "Loud", "Throttled"]);
  });

  test("without an app the account has no functions; a stopped app's functions are gone", async () => {
    const { clientConfig } = await startEndpoint();
    const empty = new LambdaClient(clientConfig);
    expect((await empty.send(new ListFunctionsCommand({}))).Functions).toEqual([]);

    const { lambda, runtime } = await startLambdaEndpoint();
    await runtime.stop();
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: "Echo" })).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  test("GetFunctionEventInvokeConfig answers the app's asynchronous settings, Lambda's defaults filling the gaps", async () => {
    const { lambda } = await startLambdaEndpoint();
    const record = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }));
    expect(record).toMatchObject({
      FunctionArn: `${arn("Record")}:$LATEST`,
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: {
        OnSuccess: {},
        OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:failed-records` },
      },
    });
    expect(record.LastModified).toBeInstanceOf(Date);
    const echo = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Echo" }));
    expect(echo).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
  });

  test("PutFunctionEventInvokeConfig is answered when it states the settings as they are, refused when it would change them", async () => {
    const { lambda } = await startLambdaEndpoint();
    const same = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: "Record",
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:failed-records` } },
      }),
    );
    expect(same.MaximumRetryAttempts).toBe(1);

    const error = await lambda
      .send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "Record", MaximumRetryAttempts: 0 }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toContain("cannot change them while it runs");
    const after = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }));
    expect(after.MaximumRetryAttempts).toBe(1);

    const unknown = await lambda
      .send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Nope" }))
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
  });
});
