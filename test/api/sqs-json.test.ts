import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from "@aws-sdk/client-sqs";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";

async function refusal(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (error: Error) => error,
  );
}

async function setUp(queueName = "orders", Attributes?: Record<string, string>) {
  const endpoint = await startEndpoint();
  const sqs = new SQSClient(endpoint.clientConfig);
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: queueName, ...(Attributes === undefined ? {} : { Attributes }) }),
  );
  return { ...endpoint, sqs, queueUrl: QueueUrl as string };
}

describe("SQS over AWS JSON 1.0, with the AWS SDK for JavaScript v3", () => {
  test("CreateQueue answers the queue's URL and ListQueues lists it", async () => {
    const { api, sqs, queueUrl } = await setUp();
    expect(queueUrl).toBe(`${api.url}/${ACCOUNT}/orders`);
    const listed = await sqs.send(new ListQueuesCommand({}));
    expect(listed.QueueUrls).toEqual([queueUrl]);
  });

  test("CreateQueue with other attributes for an existing name is QueueNameExists", async () => {
    const { sqs } = await setUp("orders", { VisibilityTimeout: "30" });
    const refused = await refusal(
      sqs.send(new CreateQueueCommand({ QueueName: "orders", Attributes: { VisibilityTimeout: "60" } })),
    );
    expect(refused.name).toBe("QueueNameExists");
    expect(refused.$metadata?.httpStatusCode).toBe(400);
  });

  test("CreateQueue with an out-of-range attribute is InvalidAttributeValue and creates nothing", async () => {
    const endpoint = await startEndpoint();
    const sqs = new SQSClient(endpoint.clientConfig);
    const refused = await refusal(
      sqs.send(new CreateQueueCommand({ QueueName: "bad", Attributes: { VisibilityTimeout: "43201" } })),
    );
    expect(refused.name).toBe("InvalidAttributeValue");
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  test("GetQueueUrl finds a queue; a missing one is QueueDoesNotExist", async () => {
    const { sqs, queueUrl } = await setUp();
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: "orders" }))).QueueUrl).toBe(queueUrl);
    const refused = await refusal(sqs.send(new GetQueueUrlCommand({ QueueName: "missing" })));
    expect(refused.name).toBe("QueueDoesNotExist");
    expect(refused.message).toBe("The specified queue does not exist.");
    const otherOwner = await refusal(
      sqs.send(new GetQueueUrlCommand({ QueueName: "orders", QueueOwnerAWSAccountId: "111111111111" })),
    );
    expect(otherOwner.name).toBe("QueueDoesNotExist");
  });

  test("ListQueues filters by prefix and pages with MaxResults and NextToken", async () => {
    const { sqs, api } = await setUp("a-1");
    for (const name of ["a-2", "a-3", "b-1"]) await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const prefixed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "a-" }));
    expect(prefixed.QueueUrls).toEqual(["a-1", "a-2", "a-3"].map((n) => `${api.url}/${ACCOUNT}/${n}`));
    const first = await sqs.send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sqs.send(new ListQueuesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.QueueUrls).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    expect([...(first.QueueUrls ?? []), ...(second.QueueUrls ?? [])]).toHaveLength(4);
    const refused = await refusal(sqs.send(new ListQueuesCommand({ MaxResults: 1001 })));
    expect(refused.name).toBe("InvalidParameterValue");
  });

  test("DeleteQueue removes the queue; then it does not exist", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    const refused = await refusal(sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })));
    expect(refused.name).toBe("QueueDoesNotExist");
  });

  test("a QueueUrl naming another account or an unknown queue is QueueDoesNotExist", async () => {
    const { sqs, api } = await setUp();
    for (const QueueUrl of [`${api.url}/111111111111/orders`, `${api.url}/${ACCOUNT}/nothing`]) {
      const refused = await refusal(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" })));
      expect(refused.name).toBe("QueueDoesNotExist");
    }
  });

  test("GetQueueAttributes and SetQueueAttributes read and change a queue's settings", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { DelaySeconds: "5" } }));
    const all = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }),
    );
    expect(all.Attributes?.DelaySeconds).toBe("5");
    expect(all.Attributes?.QueueArn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`);
    const one = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout"] }),
    );
    expect(one.Attributes).toEqual({ VisibilityTimeout: "30" });
    const refused = await refusal(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { DelaySeconds: "901" } })),
    );
    expect(refused.name).toBe("InvalidAttributeValue");
  });

  test("SendMessage and ReceiveMessage carry the body, message attributes (binary as bytes) and system attributes", async () => {
    const { sqs, queueUrl } = await setUp();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: "hello\r\nworld",
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "order" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
        },
      }),
    );
    expect(sent.MessageId).toBeDefined();
    expect(sent.MD5OfMessageAttributes).toBeDefined();
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
      }),
    );
    const [message] = received.Messages ?? [];
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe("hello\r\nworld");
    expect(message?.MessageAttributes?.kind).toEqual({ DataType: "String", StringValue: "order" });
    expect(message?.MessageAttributes?.blob?.BinaryValue).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.Attributes?.ApproximateReceiveCount).toBe("1");
    expect(Object.keys(message?.Attributes ?? {}).sort()).toEqual([
      "ApproximateReceiveCount",
      "SentTimestamp",
    ]);
  });

  test("ReceiveMessage honours VisibilityTimeout, WaitTimeSeconds and the older AttributeNames", async () => {
    const { sqs, queueUrl } = await setUp();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }));
    expect(empty.Messages).toBeUndefined();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "late" }));
    expect((await waiting).Messages?.[0]?.Body).toBe("late");
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "again" }));
    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, AttributeNames: ["All"] }),
    );
    expect(first.Messages?.[0]?.Attributes?.SenderId).toBe(ACCOUNT);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((m) => m.Body)).toContain("again");
  });

  test("ReceiveMessage with MaxNumberOfMessages out of range is InvalidParameterValue", async () => {
    const { sqs, queueUrl } = await setUp();
    const refused = await refusal(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })),
    );
    expect(refused.name).toBe("InvalidParameterValue");
    expect(refused.message).toContain("MaxNumberOfMessages");
  });

  test("ReceiveRequestAttemptId on a FIFO queue answers a retried receive with the same messages", async () => {
    const { sqs, queueUrl } = await setUp("orders.fifo", {
      FifoQueue: "true",
      ContentBasedDeduplication: "true",
    });
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "a", MessageGroupId: "g" }),
    );
    expect(sent.SequenceNumber).toMatch(/^\d{20}$/);
    const receive = () =>
      sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, ReceiveRequestAttemptId: "attempt-1" }));
    const first = await receive();
    const retried = await receive();
    expect(retried.Messages?.[0]?.ReceiptHandle).toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  test("SendMessage with an oversized body is InvalidParameterValue and enqueues nothing", async () => {
    const { sqs, queueUrl } = await setUp("small", { MaximumMessageSize: "1024" });
    const refused = await refusal(
      sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "x".repeat(1025) })),
    );
    expect(refused.name).toBe("InvalidParameterValue");
    const counts = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    expect(counts.Attributes?.ApproximateNumberOfMessages).toBe("0");
  });

  test("SendMessageBatch answers entry by entry; a batch error refuses the whole request", async () => {
    const { sqs, queueUrl } = await setUp("small", { MaximumMessageSize: "1024" });
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "ok", MessageBody: "fine" },
          { Id: "big", MessageBody: "x".repeat(1025) },
        ],
      }),
    );
    expect(result.Successful?.map((e) => e.Id)).toEqual(["ok"]);
    expect(result.Successful?.[0]?.MD5OfMessageBody).toBeDefined();
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "big", SenderFault: true, Code: "InvalidParameterValue" }),
    ]);
    const empty = await refusal(sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] })));
    expect(empty.name).toBe("EmptyBatchRequest");
    const same = await refusal(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [
            { Id: "a", MessageBody: "1" },
            { Id: "a", MessageBody: "2" },
          ],
        }),
      ),
    );
    expect(same.name).toBe("BatchEntryIdsNotDistinct");
    const many = await refusal(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: "m" })),
        }),
      ),
    );
    expect(many.name).toBe("TooManyEntriesInBatchRequest");
  });

  test("DeleteMessage deletes a received message", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "m" }));
    // Received with no visibility timeout: only the delete keeps it from the next receive.
    const [message] =
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }))).Messages ??
      [];
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }));
    const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(after.Messages).toBeUndefined();
    const refused = await refusal(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: "not-a-handle" })),
    );
    expect(refused.name).toBe("ReceiptHandleIsInvalid");
  });

  test("DeleteMessageBatch answers entry by entry", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "m" }));
    const [message] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? [];
    const result = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "good", ReceiptHandle: message?.ReceiptHandle },
          { Id: "bad", ReceiptHandle: "not-a-handle" },
        ],
      }),
    );
    expect(result.Successful).toEqual([{ Id: "good" }]);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "bad", SenderFault: true, Code: "ReceiptHandleIsInvalid" }),
    ]);
  });

  test("ChangeMessageVisibility makes a message visible again; out of range is InvalidParameterValue", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "m" }));
    const [message] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? [];
    const handle = message?.ReceiptHandle;
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(again.Messages?.[0]?.MessageId).toBe(message?.MessageId);
    const refused = await refusal(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: again.Messages?.[0]?.ReceiptHandle,
          VisibilityTimeout: 43201,
        }),
      ),
    );
    expect(refused.name).toBe("InvalidParameterValue");
  });

  test("ChangeMessageVisibilityBatch answers entry by entry", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "m" }));
    const [message] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? [];
    const result = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "good", ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: "bad", ReceiptHandle: "not-a-handle", VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(result.Successful).toEqual([{ Id: "good" }]);
    expect(result.Failed?.map((f) => f.Id)).toEqual(["bad"]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages).toHaveLength(1);
  });

  test("PurgeQueue empties the queue; a second purge within 60 seconds is PurgeQueueInProgress", async () => {
    const { sqs, queueUrl } = await setUp();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "m" }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages).toBeUndefined();
    const refused = await refusal(sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl })));
    expect(refused.name).toBe("PurgeQueueInProgress");
    expect(refused.$metadata?.httpStatusCode).toBe(403);
  });

  test("TagQueue, ListQueueTags and UntagQueue manage a queue's tags", async () => {
    const { sqs, queueUrl } = await setUp();
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags).toBeUndefined();
    await sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { team: "shop", env: "dev" } }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags).toEqual({
      team: "shop",
      env: "dev",
    });
    await sqs.send(new UntagQueueCommand({ QueueUrl: queueUrl, TagKeys: ["env"] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags).toEqual({ team: "shop" });
    const refused = await refusal(
      sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { ["k".repeat(129)]: "v" } })),
    );
    expect(refused.name).toBe("InvalidParameterValue");
  });

  test("CreateQueue's tags are the queue's tags", async () => {
    const endpoint = await startEndpoint();
    const sqs = new SQSClient(endpoint.clientConfig);
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: "tagged", tags: { team: "shop" } }),
    );
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: "shop" });
  });

  test("a dead-letter queue lists its sources, and a move task brings its messages back", async () => {
    const { sqs, queueUrl: dlqUrl } = await setUp("orders-dlq");
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`;
    const { QueueUrl: sourceUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "orders",
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(sources.queueUrls).toEqual([sourceUrl]);

    await sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: "poison" }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));
    // The second receive finds it past maxReceiveCount and moves it to the dead-letter queue.
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl }))).Messages).toBeUndefined();

    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toBeDefined();
    const moved = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, WaitTimeSeconds: 5 }));
    expect(moved.Messages?.[0]?.Body).toBe("poison");
    const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }));
    expect(tasks.Results?.[0]).toEqual(
      expect.objectContaining({ TaskHandle, SourceArn: dlqArn, ApproximateNumberOfMessagesMoved: 1 }),
    );
    expect(typeof tasks.Results?.[0]?.StartedTimestamp).toBe("number");
    const notDlq = await refusal(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` })),
    );
    expect(notDlq.name).toBe("InvalidParameterValue");
  });

  test("CancelMessageMoveTask stops a running task; an unknown handle is ResourceNotFoundException", async () => {
    const { sqs, queueUrl: dlqUrl } = await setUp("orders-dlq");
    const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`;
    const { QueueUrl: sourceUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: "orders",
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );
    expect(sourceUrl).toBeDefined();
    // Three messages at one a second keep the task running while it is cancelled.
    for (const body of ["a", "b", "c"])
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 }),
    );
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThan(3);
    const refused = await refusal(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: "nope" })));
    expect(refused.name).toBe("ResourceNotFoundException");
  });

  test("an unknown operation is UnknownOperationException and a body that is not JSON is refused", async () => {
    const { api } = await startEndpoint();
    const post = (target: string, body: string) =>
      fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": target },
        body,
      });
    const unknown = await post("AmazonSQS.FlyToTheMoon", "{}");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { __type: string }).__type).toContain("UnknownOperationException");
    const malformed = await post("AmazonSQS.ListQueues", "{not json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { __type: string }).__type).toContain("SerializationException");
  });

  test("answers carry a Content-Length, as AWS's do, not chunked encoding", async () => {
    const { api } = await startEndpoint();
    const answer = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" },
      body: "{}",
    });
    const text = await answer.text();
    expect(answer.headers.get("transfer-encoding")).toBeNull();
    expect(answer.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
  });
});
