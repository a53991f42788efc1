import { CreateEventBusCommand, EventBridgeClient, ListEventBusesCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateEventSourceMappingCommand,
  GetFunctionCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { SIGNATURE_MISMATCH_MESSAGE } from "../../src/api/sigv4-verifier.js";
import { refusal, startStrictEndpoint } from "./strict-auth-fixture.js";

const INVALID_TOKEN = "The security token included in the request is invalid.";

describe("strict mode with the AWS SDK for JavaScript v3: SQS over AWS JSON 1.0", () => {
  test("the right keys create and list a queue", async () => {
    const { api, signed } = await startStrictEndpoint();
    const sqs = new SQSClient(signed);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    expect(QueueUrl).toBe(`${api.url}/000000000000/orders`);
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([QueueUrl]);
  });

  test("a wrong secret is SignatureDoesNotMatch (403) with the canonical request expected, and creates nothing", async () => {
    const { signed, wrongSecret } = await startStrictEndpoint();
    const refused = await refusal(
      new SQSClient(wrongSecret).send(new CreateQueueCommand({ QueueName: "refused" })),
    );
    expect(refused).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    expect(refused.message.startsWith(SIGNATURE_MISMATCH_MESSAGE)).toBe(true);
    expect(refused.message).toContain("The Canonical String for this request should have been\n'POST\n/\n");
    expect((await new SQSClient(signed).send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  test("an unknown access key id is InvalidClientTokenId (403) and creates nothing", async () => {
    const { signed, unknownKey } = await startStrictEndpoint();
    const refused = await refusal(
      new SQSClient(unknownKey).send(new CreateQueueCommand({ QueueName: "refused" })),
    );
    expect(refused).toEqual({ name: "InvalidClientTokenId", status: 403, message: INVALID_TOKEN });
    expect((await new SQSClient(signed).send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  test("a client whose clock is 20 minutes behind the server's is refused: Signature expired", async () => {
    const { signed } = await startStrictEndpoint(() => Date.now() + 20 * 60 * 1000);
    const refused = await refusal(new SQSClient(signed).send(new ListQueuesCommand({})));
    expect(refused).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    expect(refused.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });
});

describe("strict mode with the AWS SDK for JavaScript v3: EventBridge over AWS JSON 1.1", () => {
  test("the right keys create and list a bus", async () => {
    const { signed } = await startStrictEndpoint();
    const eventBridge = new EventBridgeClient(signed);
    await eventBridge.send(new CreateEventBusCommand({ Name: "orders" }));
    const { EventBuses } = await eventBridge.send(new ListEventBusesCommand({}));
    expect(EventBuses?.map((bus) => bus.Name)).toContain("orders");
  });

  test("a wrong secret is InvalidSignatureException (400), an unknown key UnrecognizedClientException (400); no bus is made", async () => {
    const { signed, wrongSecret, unknownKey } = await startStrictEndpoint();
    const badSignature = await refusal(
      new EventBridgeClient(wrongSecret).send(new CreateEventBusCommand({ Name: "refused" })),
    );
    expect(badSignature).toMatchObject({ name: "InvalidSignatureException", status: 400 });
    expect(badSignature.message.startsWith(SIGNATURE_MISMATCH_MESSAGE)).toBe(true);
    const badKey = await refusal(
      new EventBridgeClient(unknownKey).send(new CreateEventBusCommand({ Name: "refused" })),
    );
    expect(badKey).toEqual({ name: "UnrecognizedClientException", status: 400, message: INVALID_TOKEN });
    const { EventBuses } = await new EventBridgeClient(signed).send(new ListEventBusesCommand({}));
    expect(EventBuses?.map((bus) => bus.Name)).not.toContain("refused");
  });
});

describe("strict mode with the AWS SDK for JavaScript v3: Lambda's REST API", () => {
  test("the right keys list functions and mappings", async () => {
    const { signed } = await startStrictEndpoint();
    const lambda = new LambdaClient(signed);
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toEqual([]);
  });

  test("a function named by ARN (colons escaped in the path, signed escaped twice) verifies and is looked up", async () => {
    const { signed } = await startStrictEndpoint();
    const refused = await refusal(
      new LambdaClient(signed).send(
        new GetFunctionCommand({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:Missing" }),
      ),
    );
    expect(refused).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  test("a wrong secret is InvalidSignatureException (403), an unknown key UnrecognizedClientException (403); no mapping is made", async () => {
    const { signed, wrongSecret, unknownKey } = await startStrictEndpoint();
    const create = new CreateEventSourceMappingCommand({
      EventSourceArn: "arn:aws:sqs:us-east-1:000000000000:jobs",
      FunctionName: "Echo",
    });
    expect(await refusal(new LambdaClient(wrongSecret).send(create))).toEqual({
      name: "InvalidSignatureException",
      status: 403,
      message: SIGNATURE_MISMATCH_MESSAGE,
    });
    expect(await refusal(new LambdaClient(unknownKey).send(create))).toEqual({
      name: "UnrecognizedClientException",
      status: 403,
      message: INVALID_TOKEN,
    });
    const listed = await new LambdaClient(signed).send(new ListEventSourceMappingsCommand({}));
    expect(listed.EventSourceMappings).toEqual([]);
  });
});
