/**
 * What Lambda's API makes or changes survives a restart: event source mappings (made over the API, or declared
 * by the app and changed over the API) and event invoke configs, on the SQLite file of a data directory.
 */
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetFunctionEventInvokeConfigCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { describe, expect, test, vi } from "vitest";
import { type AppDefinition, checkApp, defineApp } from "../../src/core/app/index.js";
import { ACCOUNT, REGION, startEndpoint, temporaryDataDirectory } from "./api-fixture.js";
import { FIXTURES, lambdaTestApp } from "./lambda-app.js";

const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

/** The Lambda API's test app, with one mapping it declares. */
const declaringApp = defineApp({
  ...lambdaTestApp,
  eventSourceMappings: [{ queue: "other", function: "Echo", batchSize: 4 }],
});

/** Runs an app on a data directory behind the endpoint; `stop` ends it as a process exit would. */
async function start(dataDirectory: string, app: AppDefinition = declaringApp) {
  const endpoint = await startEndpoint({ dataDirectory });
  const runtime = await endpoint.switchyard.startApp(checkApp(app).app, {
    baseDirectory: FIXTURES,
    mode: "in-process",
  });
  return {
    lambda: new LambdaClient(endpoint.clientConfig),
    clientConfig: endpoint.clientConfig,
    runtime,
    stop: endpoint.stop,
  };
}

async function mappings(lambda: LambdaClient) {
  const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({}));
  return EventSourceMappings.map(({ UUID, EventSourceArn, FunctionArn, BatchSize, State }) => ({
    UUID,
    EventSourceArn,
    FunctionArn,
    BatchSize,
    State,
  }));
}

describe("Lambda resources across a restart", () => {
  test("mappings keep their UUIDs and their changes; a deleted one stays deleted", async () => {
    const directory = temporaryDataDirectory();
    const first = await start(directory);
    const [declared] = await mappings(first.lambda);
    const made = await first.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: queueArn("jobs"),
        FunctionName: "Echo",
        BatchSize: 7,
      }),
    );
    const doomed = await first.lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("jobs"), FunctionName: "Record" }),
    );
    await first.lambda.send(new UpdateEventSourceMappingCommand({ UUID: declared?.UUID, BatchSize: 9 }));
    await first.lambda.send(new UpdateEventSourceMappingCommand({ UUID: made.UUID, Enabled: false }));
    await first.lambda.send(new DeleteEventSourceMappingCommand({ UUID: doomed.UUID }));
    await first.stop();

    const second = await start(directory);
    expect(await mappings(second.lambda)).toEqual([
      {
        UUID: declared?.UUID,
        EventSourceArn: queueArn("other"),
        FunctionArn: expect.stringMatching(/:function:Echo$/),
        BatchSize: 9,
        State: "Enabled",
      },
      {
        UUID: made.UUID,
        EventSourceArn: queueArn("jobs"),
        FunctionArn: expect.stringMatching(/:function:Echo$/),
        BatchSize: 7,
        State: "Disabled",
      },
    ]);
  });

  test("a changed declaration wins over what the API changed; a dropped one is forgotten", async () => {
    const directory = temporaryDataDirectory();
    const first = await start(directory);
    const [declared] = await mappings(first.lambda);
    await first.lambda.send(new UpdateEventSourceMappingCommand({ UUID: declared?.UUID, BatchSize: 9 }));
    await first.stop();

    const redeclared = defineApp({
      ...lambdaTestApp,
      eventSourceMappings: [{ queue: "other", function: "Echo", batchSize: 2 }],
    });
    const second = await start(directory, redeclared);
    expect(await mappings(second.lambda)).toMatchObject([{ UUID: declared?.UUID, BatchSize: 2 }]);
    await second.stop();

    const third = await start(directory, lambdaTestApp);
    expect(await mappings(third.lambda)).toEqual([]);
  });

  test("an event invoke config set over the API survives a restart, until the app changes the function's settings", async () => {
    const directory = temporaryDataDirectory();
    const first = await start(directory);
    const put = await first.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: "Record",
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 120,
      }),
    );
    await first.stop();

    const second = await start(directory);
    const kept = await second.lambda.send(
      new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }),
    );
    expect(kept).toMatchObject({
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 120,
      LastModified: put.LastModified,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
    await second.stop();

    const changed: AppDefinition = {
      ...lambdaTestApp,
      functions: {
        ...lambdaTestApp.functions,
        Record: { handler: "lambda-handlers.record", async: { maximumRetryAttempts: 2 } },
      },
    };
    const third = await start(directory, changed);
    const current = await third.lambda.send(
      new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }),
    );
    expect(current).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
    await third.stop();

    // The recorded change was forgotten: going back to the first definition brings its settings, not the change.
    const fourth = await start(directory);
    const back = await fourth.lambda.send(
      new GetFunctionEventInvokeConfigCommand({ FunctionName: "Record" }),
    );
    expect(back.MaximumRetryAttempts).toBe(1);
  });

  test("a mapping made over the API whose queue is gone runs again at a restart, and takes up the queue once it is back", async () => {
    const directory = temporaryDataDirectory();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const first = await start(directory);
      const sqs = new SQSClient(first.clientConfig);
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "extra" }));
      const made = await first.lambda.send(
        new CreateEventSourceMappingCommand({ EventSourceArn: queueArn("extra"), FunctionName: "Echo" }),
      );
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      await first.stop();

      // As on AWS, the mapping outlives its queue: listed, polling (with errors) until a queue of that name exists.
      const second = await start(directory);
      expect(await mappings(second.lambda)).toContainEqual(
        expect.objectContaining({ UUID: made.UUID, EventSourceArn: queueArn("extra"), State: "Enabled" }),
      );
      const again = new SQSClient(second.clientConfig);
      const { QueueUrl: url } = await again.send(new CreateQueueCommand({ QueueName: "extra" }));
      await again.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"n":1}' }));
      await second.runtime.whenIdle();
      const { Attributes } = await again.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      expect(Attributes).toEqual({
        ApproximateNumberOfMessages: "0",
        ApproximateNumberOfMessagesNotVisible: "0",
      });
      expect(errors.mock.calls.flat().join(" ")).toContain("QueueDoesNotExist");
    } finally {
      errors.mockRestore();
    }
  }, 30_000);
});
