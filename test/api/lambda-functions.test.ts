import {
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  PutFunctionEventInvokeConfigCommand,
  ResourceNotFoundException,
  UpdateFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";
import { startLambdaEndpoint } from "./lambda-app.js";

const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const withoutMetadata = ({ $metadata, ...rest }: { $metadata?: unknown }) => rest;

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

  test("GetFunctionConfiguration answers GetFunction's Configuration", async () => {
    const { lambda } = await startLambdaEndpoint();
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: "Echo" }));
    const configuration = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: arn("Echo") }),
    );
    expect(withoutMetadata(configuration)).toEqual(Configuration);
    const missing = await lambda
      .send(new GetFunctionConfigurationCommand({ FunctionName: "Nope" }))
      .catch((e) => e);
    expect(missing.name).toBe("ResourceNotFoundException");
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

  test("PutFunctionEventInvokeConfig replaces the settings at once: the function's next failure is not retried", async () => {
    const { lambda, clientConfig } = await startLambdaEndpoint();
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: "Fail",
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: queueArn("failed-records") } },
      }),
    );
    expect(put).toMatchObject({
      FunctionArn: `${arn("Fail")}:$LATEST`,
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: queueArn("failed-records") } },
    });
    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Fail" }));
    expect(got).toEqual({ ...put, $metadata: got.$metadata });

    // With Lambda's default of two retries the record would come after three minutes; with none, at once.
    await lambda.send(
      new InvokeCommand({ FunctionName: "Fail", InvocationType: "Event", Payload: '{"reason":"no retry"}' }),
    );
    const sqs = new SQSClient(clientConfig);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "failed-records" }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    const record = JSON.parse(Messages?.[0]?.Body ?? "{}");
    expect(record.requestContext).toMatchObject({
      functionArn: `${arn("Fail")}:$LATEST`,
      condition: "RetriesExhausted",
      approximateInvokeCount: 1,
    });
    expect(record.requestPayload).toEqual({ reason: "no retry" });
  });

  test("Update changes only what it states; Delete returns to the app's settings; List lists the one config", async () => {
    const { lambda } = await startLambdaEndpoint();
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: "Record",
        MaximumEventAgeInSeconds: 600,
        DestinationConfig: { OnSuccess: { Destination: `${arn("Echo")}` } },
      }),
    );
    const updated = await lambda.send(
      new UpdateFunctionEventInvokeConfigCommand({ FunctionName: "Record", MaximumRetryAttempts: 0 }),
    );
    expect(updated).toMatchObject({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnSuccess: { Destination: arn("Echo") }, OnFailure: {} },
    });
    const listed = await lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "Record" }));
    expect(listed.FunctionEventInvokeConfigs).toEqual([withoutMetadata(updated)]);

    await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "Record" }));
    const after = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }));
    expect(after).toMatchObject({
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: queueArn("failed-records") } },
    });
    const again = await lambda
      .send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "Record" }))
      .catch((e) => e);
    expect(again).toBeInstanceOf(ResourceNotFoundException);
    expect(again.message).toBe(`The function ${arn("Record")}:$LATEST doesn't have an EventInvokeConfig`);
  });

  test("a Put Lambda refuses changes nothing", async () => {
    const { lambda } = await startLambdaEndpoint();
    const invalid = "InvalidParameterValueException";
    const refusals: [Record<string, unknown>, string, string][] = [
      [{}, invalid, "You must specify at least one of error handling or destination setting."],
      [
        { DestinationConfig: { OnFailure: { Destination: "arn:aws:sns:us-east-1:000000000000:alerts" } } },
        invalid,
        "The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=arn:aws:sns:us-east-1:000000000000:alerts)) is invalid.",
      ],
      [
        { DestinationConfig: { OnSuccess: { Destination: arn("Record") } } },
        invalid,
        "You can't specify the function as a destination for itself.",
      ],
      [
        { DestinationConfig: { OnSuccess: { Destination: arn("Nope") } } },
        invalid,
        `The destination ARN ${arn("Nope")} is invalid.`,
      ],
      [
        { MaximumRetryAttempts: 3 },
        "ValidationException",
        "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
      ],
    ];
    for (const [input, name, message] of refusals) {
      const error = await lambda
        .send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "Record", ...input }))
        .catch((e) => e);
      expect(error.name, JSON.stringify(input)).toBe(name);
      expect(error.message).toBe(message);
    }
    const after = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }));
    expect(after).toMatchObject({ MaximumRetryAttempts: 1, DestinationConfig: { OnSuccess: {} } });
    const unknown = await lambda
      .send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "Nope" }))
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
  });
});
