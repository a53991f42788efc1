import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { createServer } from "node:net";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, test } from "vitest";
import {
  InvalidCredentialsError,
  startApiServer,
  UnprotectedEndpointError,
} from "../../src/api/api-server.js";
import { REGION } from "./api-fixture.js";
import { runBoto3Script, testWithBoto3 } from "./boto3-fixture.js";
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, startStrictEndpoint } from "./strict-auth-fixture.js";

async function queueUrls(signed: Awaited<ReturnType<typeof startStrictEndpoint>>["signed"]) {
  return (await new SQSClient(signed).send(new ListQueuesCommand({}))).QueueUrls ?? [];
}

describe("strict mode: unsigned requests get each protocol's refusal and change nothing", () => {
  test("SQS over JSON: AccessDenied (403), named in x-amzn-query-error as SQS does", async () => {
    const { api, signed } = await startStrictEndpoint();
    const response = await fetch(`${api.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.CreateQueue" },
      body: JSON.stringify({ QueueName: "unsigned" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-query-error")).toBe("AccessDenied;Sender");
    expect(await response.json()).toEqual({
      __type: "com.amazon.coral.service#AccessDeniedException",
      message: `Access to the resource ${api.url}/ is denied.`,
    });
    expect(await queueUrls(signed)).toEqual([]);
  });

  test("SQS's query protocol: an ErrorResponse with AccessDenied (403)", async () => {
    const { api, signed } = await startStrictEndpoint();
    const response = await fetch(`${api.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=CreateQueue&QueueName=unsigned&Version=2012-11-05",
    });
    expect(response.status).toBe(403);
    const requestId = response.headers.get("x-amzn-requestid");
    expect(await response.text()).toBe(
      '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error>' +
        `<Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource ${api.url}/ is denied.` +
        `</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
    expect(await queueUrls(signed)).toEqual([]);
  });

  test("EventBridge: MissingAuthenticationTokenException (400)", async () => {
    const { api } = await startStrictEndpoint();
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.CreateEventBus" },
      body: JSON.stringify({ Name: "unsigned" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
  });

  test("Lambda, and a path no protocol serves: MissingAuthenticationTokenException (403)", async () => {
    const { api } = await startStrictEndpoint();
    for (const path of ["/2015-03-31/functions", "/no/such/api"]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status).toBe(403);
      expect(response.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
      expect(await response.json()).toEqual({ message: "Missing Authentication Token" });
    }
  });
});

/** node:crypto as the SDK signer's hash: SHA-256, or HMAC-SHA256 when given a key. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash("sha256")
        : createHmac("sha256", typeof secret === "string" ? secret : Buffer.from(secret as Uint8Array));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === "string" ? data : Buffer.from(data as Uint8Array));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

describe("strict mode: a presigned URL (query-string SigV4)", () => {
  test("the SDK's presigner's ListFunctions URL is served; the same query on another path is refused", async () => {
    const { api } = await startStrictEndpoint();
    const host = new URL(api.url).host;
    const signer = new SignatureV4({
      service: "lambda",
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      sha256: NodeSha256,
    });
    const presigned = await signer.presign(
      {
        method: "GET",
        protocol: "http:",
        hostname: host,
        path: "/2015-03-31/functions",
        query: {},
        headers: { host },
      },
      { expiresIn: 300 },
    );
    const query = Object.entries(presigned.query ?? {})
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
      .join("&");
    const served = await fetch(`${api.url}/2015-03-31/functions?${query}`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ Functions: [] });
    const elsewhere = await fetch(`${api.url}/2015-03-31/event-source-mappings?${query}`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
  });
});

describe("strict mode through Debian's boto3 (SQS's query protocol)", () => {
  testWithBoto3(
    `a wrong secret, an unknown key and no signature are refused as SQS refuses them; the right keys are served`,
    async () => {
      const { api } = await startStrictEndpoint();
      const stdout = await runBoto3Script("strict_auth_boto3.py", [
        api.url,
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
      ]);
      const report = JSON.parse(stdout) as Record<string, { message?: string } & Record<string, unknown>>;
      expect(report.wrong_secret).toMatchObject({ code: "SignatureDoesNotMatch", status: 403 });
      expect(report.wrong_secret?.message).toContain("The String-to-Sign should have been");
      expect(report.unknown_key).toEqual({
        code: "InvalidClientTokenId",
        status: 403,
        message: "The security token included in the request is invalid.",
      });
      expect(report.unsigned).toEqual({
        code: "AccessDenied",
        status: 403,
        message: `Access to the resource ${api.url}/ is denied.`,
      });
      expect(report.queue_url).toBe(`${api.url}/000000000000/boto-strict`);
      expect(report.list_queues).toEqual([`${api.url}/000000000000/boto-strict`]);
    },
    30_000,
  );
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("startApiServer beyond loopback", () => {
  test("0.0.0.0 without credentials is refused before anything listens", async () => {
    const { switchyard, signed } = await startStrictEndpoint();
    const port = await freePort();
    const place = { account: "000000000000", region: REGION };
    await expect(startApiServer({ switchyard, place, host: "0.0.0.0", port })).rejects.toThrow(
      new UnprotectedEndpointError("0.0.0.0"),
    );
    // The port is still free: nothing was bound.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(port, "0.0.0.0", resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      startApiServer({ switchyard, place, host: "0.0.0.0", port, auth: { credentials: {} } }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    // The refusals left the running (loopback, strict) endpoint as it was.
    expect(await queueUrls(signed)).toEqual([]);
  });
});
