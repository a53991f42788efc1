import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  InvalidParameterValueException,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION } from "./api-fixture.js";
import { startLambdaEndpoint } from "./lambda-app.js";

const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

describe("Lambda event source mappings over the REST API", () => {
  test("create, get, list, update and delete a mapping, in Lambda's configuration shape", async () => {
    const { lambda, runtime } = await startLambdaEndpoint();
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: queueArn("jobs"),
        FunctionName: "Echo",
        BatchSize: 5,
        MaximumBatchingWindowInSeconds: 2,
        ScalingConfig: { MaximumConcurrency: 3 },
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["job"]}}' }] },
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created).toMatchObject({
      EventSourceArn: queueArn("jobs"),
      FunctionArn: functionArn("Echo"),
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 3 },
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["job"]}}' }] },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      State: "Creating",
    });
    expect(created.LastModified).toBeInstanceOf(Date);
    const uuid = created.UUID ?? "";
    expect(runtime.mappings.get(uuid).BatchSize).toBe(5);

    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    expect(got).toMatchObject({ UUID: uuid, State: "Enabled", BatchSize: 5 });

    const listed = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: functionArn("Echo") }),
    );
    expect(listed.EventSourceMappings?.map((mapping) => mapping.UUID)).toEqual([uuid]);
    const ofOther = await lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: queueArn("other") }),
    );
    expect(ofOther.EventSourceMappings).toEqual([]);

    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 8, ScalingConfig: {}, Enabled: false }),
    );
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated).toMatchObject({ BatchSize: 8, State: "Disabling" });
    expect(updated.ScalingConfig).toBeUndefined();
    await runtime.mappings.settled();
    expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State).toBe("Disabled");

    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    expect(deleted).toMatchObject({ UUID: uuid, State: "Deleting" });
    await runtime.mappings.settled();
    const gone = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })).catch((e) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toEqual([]);
  });

  test("a second mapping of the same queue and function is refused: ResourceConflictException (409)", async () => {
    const { lambda } = await startLambdaEndpoint();
    const first = await lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("jobs"), FunctionName: "Echo" }),
    );
    const error = await lambda
      .send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: queueArn("jobs"),
          FunctionName: functionArn("Echo"),
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResourceConflictException);
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toContain(`Please update or delete the existing mapping with UUID ${first.UUID}`);
    expect((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toHaveLength(1);
  });

  test("mappings of unknown functions, queues and UUIDs are refused with Lambda's errors", async () => {
    const { lambda } = await startLambdaEndpoint();
    const noFunction = await lambda
      .send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("jobs"), FunctionName: "Nope" }))
      .catch((e) => e);
    expect(noFunction).toBeInstanceOf(ResourceNotFoundException);
    expect(noFunction.message).toBe(`Function not found: ${functionArn("Nope")}`);

    const noQueue = await lambda
      .send(
        new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("missing"), FunctionName: "Echo" }),
      )
      .catch((e) => e);
    expect(noQueue).toBeInstanceOf(InvalidParameterValueException);
    expect(noQueue.message).toContain("AWS.SimpleQueueService.NonExistentQueue");

    const notSqs = await lambda
      .send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`,
          FunctionName: "Echo",
        }),
      )
      .catch((e) => e);
    expect(notSqs).toBeInstanceOf(InvalidParameterValueException);

    const badBatch = await lambda
      .send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: queueArn("jobs"),
          FunctionName: "Echo",
          BatchSize: 0,
        }),
      )
      .catch((e) => e);
    expect(badBatch.name).toBe("ValidationException");
    expect(badBatch.$metadata.httpStatusCode).toBe(400);

    for (const command of [
      new GetEventSourceMappingCommand({ UUID: "00000000-0000-0000-0000-000000000000" }),
      new UpdateEventSourceMappingCommand({ UUID: "00000000-0000-0000-0000-000000000000", BatchSize: 2 }),
      new DeleteEventSourceMappingCommand({ UUID: "00000000-0000-0000-0000-000000000000" }),
    ]) {
      const error = await lambda.send(command as GetEventSourceMappingCommand).catch((e) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
    expect((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toEqual([]);
  });

  test("a mapping made over the API feeds its function", async () => {
    const { lambda, runtime, switchyard } = await startLambdaEndpoint();
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("jobs"), FunctionName: "Echo" }),
    );
    await switchyard.queues.sendMessage("jobs", { MessageBody: "job-1" });
    await runtime.whenIdle();
    expect(runtime.mappings.mapping(UUID ?? "").stats).toMatchObject({ invocations: 1 });
  });
});
