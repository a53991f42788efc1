/**
 * A light client for the endpoint: the requests an AWS SDK v3 client sends — the same protocol, body and
 * header set — written with node:http on a keep-alive agent, without the SDK's per-call work (middleware,
 * SigV4 signing, checksums). What the server sustains when the client costs little, beside what it does
 * behind the SDK. The signature is a fixed string: the endpoint, like LocalStack, does not check signatures.
 */
import { type Agent, request } from "node:http";

/**
 * The headers @aws-sdk/client-sqs 3.11xx sends with every call besides the target and content type, with a
 * fixed date, payload hash and signature.
 */
const SDK_HEADERS = Object.freeze({
  "x-amz-user-agent": "aws-sdk-js/3.1174.0",
  "user-agent": "aws-sdk-js/3.1174.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/sqs#3.1174.0 m/N,E,e",
  "amz-sdk-request": "attempt=1; max=3",
  "x-amz-date": "20261129T184213Z",
  "x-amz-content-sha256": "072351c2f05e5f5506ade135b82583d70b00629927167fb3dae0af39924c90a2",
  authorization:
    "AWS4-HMAC-SHA256 Credential=bench/20261129/us-east-1/sqs/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=da996845256b6ee09629ab438fb13661998ceca2a39a29ebc3306789f1fa9f70",
});

/** Posts requests to one endpoint. */
export interface WireClient {
  /** An AWS JSON call (`X-Amz-Target`); resolves with the parsed answer, rejects on any status but 200. */
  json(contentType: string, target: string, body: unknown): Promise<Record<string, unknown>>;
  /** A form POST of SQS's query protocol to `path`; resolves with the XML answer, rejects on any status but 200. */
  form(path: string, form: string): Promise<string>;
}

/** A light client for the endpoint at `url`, on `agent`. */
export function createWireClient(url: string, agent: Agent): WireClient {
  const { hostname, port } = new URL(url);
  const post = (path: string, headers: Record<string, string>, body: string) =>
    new Promise<string>((resolve, reject) => {
      const outgoing = request(
        {
          agent,
          host: hostname,
          port,
          method: "POST",
          path,
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        },
        (incoming) => {
          let text = "";
          incoming.setEncoding("utf8");
          incoming.on("data", (chunk: string) => {
            text += chunk;
          });
          incoming.on("end", () =>
            incoming.statusCode === 200
              ? resolve(text)
              : reject(new Error(`${path} answered ${incoming.statusCode}: ${text}`)),
          );
          incoming.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  return {
    async json(contentType, target, body) {
      const answer = await post(
        "/",
        {
          ...SDK_HEADERS,
          "content-type": contentType,
          "x-amz-target": target,
          "amz-sdk-invocation-id": crypto.randomUUID(),
        },
        JSON.stringify(body),
      );
      return JSON.parse(answer) as Record<string, unknown>;
    },
    form: (path, form) =>
      post(
        path,
        { ...SDK_HEADERS, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        form,
      ),
  };
}
