import { describe, expect, test } from "vitest";
import { ACCOUNT, startEndpoint } from "./api-fixture.js";
import { runBoto3Script, testWithBoto3 } from "./boto3-fixture.js";

/** A query-protocol request as older SDKs send it: a form-encoded POST with Action and Version. */
async function query(url: string, params: Record<string, string>, path = "/") {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams({ Version: "2012-11-05", ...params }).toString(),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    xml: await response.text(),
  };
}

/** The text of every `<name>` element, XML entities decoded. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((match) =>
    (match[1] ?? "")
      .replace(/&#xD;/g, "\r")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

describe("SQS's query protocol (Action=…, XML answers)", () => {
  test("CreateQueue with flattened attributes answers its QueueUrl in a CreateQueueResponse", async () => {
    const { api } = await startEndpoint();
    const created = await query(api.url, {
      Action: "CreateQueue",
      QueueName: "orders",
      "Attribute.1.Name": "VisibilityTimeout",
      "Attribute.1.Value": "45",
      "Tag.1.Key": "team",
      "Tag.1.Value": "shop",
    });
    expect(created.status).toBe(200);
    expect(created.contentType).toBe("text/xml");
    expect(created.xml).toMatch(/<CreateQueueResponse[^>]*><CreateQueueResult><QueueUrl>/);
    expect(created.xml).toMatch(
      /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>/,
    );
    const queueUrl = `${api.url}/${ACCOUNT}/orders`;
    expect(texts(created.xml, "QueueUrl")).toEqual([queueUrl]);
    const attributes = await query(api.url, {
      Action: "GetQueueAttributes",
      QueueUrl: queueUrl,
      "AttributeName.1": "VisibilityTimeout",
      "AttributeName.2": "DelaySeconds",
    });
    expect(attributes.xml).toContain(
      "<Attribute><Name>VisibilityTimeout</Name><Value>45</Value></Attribute>",
    );
    expect(attributes.xml).toContain("<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>");
    const tags = await query(api.url, { Action: "ListQueueTags", QueueUrl: queueUrl });
    expect(tags.xml).toContain("<Tag><Key>team</Key><Value>shop</Value></Tag>");
  });

  test("the queue may be named by the request's path instead of QueueUrl", async () => {
    const { api } = await startEndpoint();
    await query(api.url, { Action: "CreateQueue", QueueName: "orders" });
    const path = `/${ACCOUNT}/orders`;
    const sent = await query(api.url, { Action: "SendMessage", MessageBody: "by path" }, path);
    expect(sent.status).toBe(200);
    expect(texts(sent.xml, "MD5OfMessageBody")).toHaveLength(1);
    const received = await query(api.url, { Action: "ReceiveMessage" }, path);
    expect(texts(received.xml, "Body")).toEqual(["by path"]);
  });

  test("SendMessageBatch entries and message attributes are read from their flattened names", async () => {
    const { api } = await startEndpoint();
    await query(api.url, { Action: "CreateQueue", QueueName: "orders" });
    const queueUrl = `${api.url}/${ACCOUNT}/orders`;
    const batch = await query(api.url, {
      Action: "SendMessageBatch",
      QueueUrl: queueUrl,
      "SendMessageBatchRequestEntry.1.Id": "first",
      "SendMessageBatchRequestEntry.1.MessageBody": "one & <two>",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name": "kind",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType": "String",
      "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue": "order",
      "SendMessageBatchRequestEntry.2.Id": "second",
      "SendMessageBatchRequestEntry.2.MessageBody": "late",
      "SendMessageBatchRequestEntry.2.DelaySeconds": "901",
    });
    expect(batch.status).toBe(200);
    expect(batch.xml).toMatch(/<SendMessageBatchResultEntry><Id>first<\/Id><MessageId>/);
    expect(batch.xml).toContain(
      "<BatchResultErrorEntry><Id>second</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>",
    );
    const received = await query(api.url, {
      Action: "ReceiveMessage",
      QueueUrl: queueUrl,
      "MessageAttributeName.1": "All",
      "AttributeName.1": "ApproximateReceiveCount",
    });
    expect(texts(received.xml, "Body")).toEqual(["one & <two>"]);
    expect(received.xml).toContain(
      "<MessageAttribute><Name>kind</Name><Value><DataType>String</DataType><StringValue>order</StringValue></Value></MessageAttribute>",
    );
    expect(received.xml).toContain(
      "<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>",
    );
  });

  test("DeleteMessageBatch and ChangeMessageVisibilityBatch answer their result entries and error entries", async () => {
    const { api } = await startEndpoint();
    await query(api.url, { Action: "CreateQueue", QueueName: "orders" });
    const queueUrl = `${api.url}/${ACCOUNT}/orders`;
    await query(api.url, { Action: "SendMessage", QueueUrl: queueUrl, MessageBody: "m" });
    const [handle] = texts(
      (await query(api.url, { Action: "ReceiveMessage", QueueUrl: queueUrl })).xml,
      "ReceiptHandle",
    );
    const changed = await query(api.url, {
      Action: "ChangeMessageVisibilityBatch",
      QueueUrl: queueUrl,
      "ChangeMessageVisibilityBatchRequestEntry.1.Id": "good",
      "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle": handle ?? "",
      "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": "60",
    });
    expect(changed.xml).toContain(
      "<ChangeMessageVisibilityBatchResultEntry><Id>good</Id></ChangeMessageVisibilityBatchResultEntry>",
    );
    const deleted = await query(api.url, {
      Action: "DeleteMessageBatch",
      QueueUrl: queueUrl,
      "DeleteMessageBatchRequestEntry.1.Id": "good",
      "DeleteMessageBatchRequestEntry.1.ReceiptHandle": handle ?? "",
      "DeleteMessageBatchRequestEntry.2.Id": "bad",
      "DeleteMessageBatchRequestEntry.2.ReceiptHandle": "not-a-handle",
    });
    expect(deleted.xml).toContain(
      "<DeleteMessageBatchResultEntry><Id>good</Id></DeleteMessageBatchResultEntry>",
    );
    expect(deleted.xml).toContain(
      "<BatchResultErrorEntry><Id>bad</Id><SenderFault>true</SenderFault><Code>ReceiptHandleIsInvalid</Code>",
    );
    const empty = await query(api.url, { Action: "DeleteMessageBatch", QueueUrl: queueUrl });
    expect(empty.status).toBe(400);
    expect(texts(empty.xml, "Code")).toEqual(["AWS.SimpleQueueService.EmptyBatchRequest"]);
  });

  test("an unknown queue is an ErrorResponse with AWS.SimpleQueueService.NonExistentQueue", async () => {
    const { api } = await startEndpoint();
    const requests: Record<string, string>[] = [
      { Action: "GetQueueUrl", QueueName: "missing" },
      { Action: "SendMessage", QueueUrl: `${api.url}/111111111111/orders`, MessageBody: "x" },
    ];
    for (const params of requests) {
      const refused = await query(api.url, params);
      expect(refused.status).toBe(400);
      expect(refused.xml).toMatch(
        /^<\?xml version="1.0"\?><ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>AWS\.SimpleQueueService\.NonExistentQueue<\/Code><Message>The specified queue does not exist\.<\/Message><Detail\/><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
      );
    }
  });

  test("an out-of-range parameter is InvalidParameterValue; a non-numeric one too", async () => {
    const { api } = await startEndpoint();
    await query(api.url, { Action: "CreateQueue", QueueName: "orders" });
    const queueUrl = `${api.url}/${ACCOUNT}/orders`;
    for (const MaxNumberOfMessages of ["11", "ten"]) {
      const refused = await query(api.url, {
        Action: "ReceiveMessage",
        QueueUrl: queueUrl,
        MaxNumberOfMessages,
      });
      expect(refused.status).toBe(400);
      expect(texts(refused.xml, "Code")).toEqual(["InvalidParameterValue"]);
    }
  });

  test("an unknown Action is InvalidAction; an empty ListQueues answers an empty result", async () => {
    const { api } = await startEndpoint();
    const unknown = await query(api.url, { Action: "FlyToTheMoon" });
    expect(unknown.status).toBe(400);
    expect(texts(unknown.xml, "Code")).toEqual(["InvalidAction"]);
    const listed = await query(api.url, { Action: "ListQueues" });
    expect(listed.xml).toContain("<ListQueuesResult></ListQueuesResult>");
    const deleted = await query(api.url, { Action: "PurgeQueue", QueueUrl: `${api.url}/${ACCOUNT}/none` });
    expect(texts(deleted.xml, "Code")).toEqual(["AWS.SimpleQueueService.NonExistentQueue"]);
  });

  test("Action in the query string of a GET is served too", async () => {
    const { api } = await startEndpoint();
    await query(api.url, { Action: "CreateQueue", QueueName: "orders" });
    const response = await fetch(`${api.url}/?Action=ListQueues&Version=2012-11-05`);
    expect(texts(await response.text(), "QueueUrl")).toEqual([`${api.url}/${ACCOUNT}/orders`]);
  });

  test("a request with X-Amz-Target is the JSON protocol's even with a form body", async () => {
    const { api } = await startEndpoint();
    const response = await fetch(api.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-amz-target": "AmazonSQS.ListQueues",
      },
      body: "Action=ListQueues",
    });
    expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.0");
  });

  testWithBoto3(
    `Debian's boto3 creates, sends, receives and deletes through the query protocol`,
    async () => {
      const { api } = await startEndpoint();
      const stdout = await runBoto3Script("sqs_boto3.py", [api.url]);
      const report = JSON.parse(stdout) as Record<string, unknown>;
      const queueUrl = `${api.url}/${ACCOUNT}/boto-orders`;
      expect(report).toEqual({
        queue_url: queueUrl,
        get_queue_url: queueUrl,
        list_queues: [queueUrl],
        visibility_timeout: "45",
        sent_message_id: expect.any(String),
        received: {
          MessageId: report.sent_message_id,
          Body: '{"order": 1} & <more>\r\n',
          kind: "order",
          blob: [0, 1, 254, 255],
          ApproximateReceiveCount: "1",
        },
        batch: { successful: ["one"], failed: [["two", "InvalidParameterValue", true]] },
        tags: { team: "shop" },
        missing: { code: "AWS.SimpleQueueService.NonExistentQueue", status: 400, is_modeled: true },
        after_delete: [],
      });
    },
    30_000,
  );
});
