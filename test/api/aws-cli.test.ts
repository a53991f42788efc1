import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";
import { startLambdaEndpoint } from "./lambda-app.js";

const execute = promisify(execFile);
/**
 * Debian's AWS CLI v2 (package awscli, which .ci/run installs); not whichever `aws` is first on PATH (a pyenv
 * shim may put a CLI v1 there).
 */
const DEBIAN_AWS = "/usr/bin/aws";
/** Whether Debian's AWS CLI is there: under CI=true its absence fails the tests; elsewhere they are skipped, saying so. */
const awsAvailable = (() => {
  try {
    execFileSync(DEBIAN_AWS, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const runsHere = awsAvailable || process.env.CI === "true";
const missing = awsAvailable ? "" : " (Debian's awscli not installed: apt-get install awscli)";

/** An empty home, so that no user's ~/.aws config or credentials take part. */
const home = mkdtempSync(join(tmpdir(), "switchyard-aws-cli-"));
const cliEnvironment: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: home,
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_DEFAULT_REGION: REGION,
  AWS_CONFIG_FILE: join(home, "config"),
  AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
  AWS_PAGER: "",
};

/** Runs `aws --endpoint-url URL --output json ARGS…` and parses what it prints (an empty output is null). */
async function aws(url: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await execute(DEBIAN_AWS, ["--endpoint-url", url, "--output", "json", ...args], {
    env: cliEnvironment,
    timeout: 30_000,
  });
  return stdout.trim() === "" ? null : JSON.parse(stdout);
}

describe("Debian's AWS CLI against the endpoint", () => {
  test.skipIf(!runsHere)(
    `aws sqs create-queue, send-message, receive-message, delete-message${missing}`,
    async () => {
      const { api } = await startEndpoint();
      const queueUrl = `${api.url}/${ACCOUNT}/cli-orders`;
      expect(
        await aws(
          api.url,
          "sqs",
          "create-queue",
          "--queue-name",
          "cli-orders",
          "--attributes",
          "VisibilityTimeout=45",
        ),
      ).toEqual({ QueueUrl: queueUrl });
      const sent = (await aws(
        api.url,
        "sqs",
        "send-message",
        "--queue-url",
        queueUrl,
        "--message-body",
        '{"order": 1}',
      )) as { MessageId: string; MD5OfMessageBody: string };
      expect(sent).toEqual({
        MessageId: expect.any(String),
        MD5OfMessageBody: "dc97bbb7eff3689c366f23d88bae9f28",
      });
      const received = (await aws(
        api.url,
        "sqs",
        "receive-message",
        "--queue-url",
        queueUrl,
        "--attribute-names",
        "ApproximateReceiveCount",
      )) as { Messages: { MessageId: string; Body: string; ReceiptHandle: string }[] };
      expect(received.Messages).toEqual([
        {
          MessageId: sent.MessageId,
          ReceiptHandle: expect.any(String),
          MD5OfBody: sent.MD5OfMessageBody,
          Body: '{"order": 1}',
          Attributes: { ApproximateReceiveCount: "1" },
        },
      ]);
      const handle = received.Messages[0]?.ReceiptHandle ?? "";
      expect(
        await aws(api.url, "sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", handle),
      ).toBeNull();
      const attributes = await aws(
        api.url,
        "sqs",
        "get-queue-attributes",
        "--queue-url",
        queueUrl,
        "--attribute-names",
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "VisibilityTimeout",
      );
      expect(attributes).toEqual({
        Attributes: {
          ApproximateNumberOfMessages: "0",
          ApproximateNumberOfMessagesNotVisible: "0",
          VisibilityTimeout: "45",
        },
      });
    },
    60_000,
  );

  test.skipIf(!runsHere)(
    `aws events put-rule, put-targets, put-events, list-rules: the matching event reaches the queue${missing}`,
    async () => {
      const { api } = await startEndpoint();
      const queueUrl = `${api.url}/${ACCOUNT}/cli-events`;
      await aws(api.url, "sqs", "create-queue", "--queue-name", "cli-events");
      const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:cli-events`;
      const pattern = JSON.stringify({ source: ["cli.shop"], detail: { total: [{ numeric: [">", 100] }] } });
      expect(
        await aws(api.url, "events", "put-rule", "--name", "cli-big-orders", "--event-pattern", pattern),
      ).toEqual({
        RuleArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/cli-big-orders`,
      });
      expect(
        await aws(
          api.url,
          "events",
          "put-targets",
          "--rule",
          "cli-big-orders",
          "--targets",
          `Id=queue,Arn=${queueArn}`,
        ),
      ).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
      const entries = [
        {
          Source: "cli.shop",
          DetailType: "OrderPlaced",
          Detail: JSON.stringify({ orderId: "c-1", total: 300 }),
          Time: "2024-05-17T09:30:15Z",
        },
        {
          Source: "cli.shop",
          DetailType: "OrderPlaced",
          Detail: JSON.stringify({ orderId: "c-2", total: 3 }),
        },
      ];
      const put = (await aws(api.url, "events", "put-events", "--entries", JSON.stringify(entries))) as {
        FailedEntryCount: number;
        Entries: { EventId: string }[];
      };
      expect(put).toEqual({
        FailedEntryCount: 0,
        Entries: [{ EventId: expect.any(String) }, { EventId: expect.any(String) }],
      });
      expect(await aws(api.url, "events", "list-rules", "--name-prefix", "cli-")).toEqual({
        Rules: [
          {
            Name: "cli-big-orders",
            Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/cli-big-orders`,
            EventPattern: pattern,
            State: "ENABLED",
            EventBusName: "default",
          },
        ],
      });
      const received = (await aws(
        api.url,
        "sqs",
        "receive-message",
        "--queue-url",
        queueUrl,
        "--max-number-of-messages",
        "10",
        "--wait-time-seconds",
        "2",
      )) as { Messages: { Body: string }[] };
      expect(received.Messages.map((message) => JSON.parse(message.Body))).toEqual([
        {
          version: "0",
          id: put.Entries[0]?.EventId,
          "detail-type": "OrderPlaced",
          source: "cli.shop",
          account: ACCOUNT,
          time: "2024-05-17T09:30:15Z",
          region: REGION,
          resources: [],
          detail: { orderId: "c-1", total: 300 },
        },
      ]);
    },
    60_000,
  );

  test.skipIf(!runsHere)(
    `aws lambda list-functions, get-function-configuration, invoke, create-event-source-mapping${missing}`,
    async () => {
      const { api } = await startLambdaEndpoint();
      const listed = (await aws(api.url, "lambda", "list-functions")) as {
        Functions: { FunctionName: string }[];
      };
      expect(listed.Functions.map((fn) => fn.FunctionName)).toContain("Echo");
      expect(
        await aws(api.url, "lambda", "get-function-configuration", "--function-name", "Echo"),
      ).toMatchObject({
        FunctionName: "Echo",
        Timeout: 5,
        Environment: { Variables: { STAGE: "test" } },
      });
      const output = join(home, "invoke-output.json");
      const invoked = await aws(
        api.url,
        "lambda",
        "invoke",
        "--function-name",
        "Echo",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        '{"hello":"cli"}',
        output,
      );
      expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST" });
      expect(JSON.parse(readFileSync(output, "utf8"))).toEqual({ received: { hello: "cli" } });
      const mapping = (await aws(
        api.url,
        "lambda",
        "create-event-source-mapping",
        "--function-name",
        "Echo",
        "--event-source-arn",
        `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
        "--batch-size",
        "5",
      )) as { UUID: string; BatchSize: number; State: string };
      expect(mapping).toMatchObject({ BatchSize: 5, State: "Creating" });
      const mappings = (await aws(
        api.url,
        "lambda",
        "list-event-source-mappings",
        "--function-name",
        "Echo",
      )) as {
        EventSourceMappings: { UUID: string }[];
      };
      expect(mappings.EventSourceMappings.map((m) => m.UUID)).toEqual([mapping.UUID]);
    },
    60_000,
  );
});
