import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Switchyard } from "../switchyard.js";
import { type ApiAuthOptions, resolveApiAuth } from "./api-auth.js";
import type { ApiRequest, ApiResponse } from "./api-request.js";
import { AUTH_WIRES, UNMATCHED_AUTH_WIRE } from "./auth-errors.js";
import { createEventsJsonProtocol } from "./events-json.js";
import { createLambdaRestProtocol } from "./lambda-rest.js";
import type { Protocol } from "./protocol.js";
import { AuthenticationError, type SignedRequest, type SigV4Verifier } from "./sigv4-verifier.js";
import { type ApiPlace, createSqsJsonProtocol } from "./sqs-json.js";
import { createSqsQueryProtocol } from "./sqs-query.js";

export type { ApiAuthOptions } from "./api-auth.js";
export { InvalidCredentialsError, UnprotectedEndpointError } from "./api-auth.js";

/** Where and as whom the endpoint serves. */
export interface ApiServerOptions {
  readonly switchyard: Switchyard;
  readonly place: ApiPlace;
  /**
   * Default 127.0.0.1: loopback unless told otherwise. Any other address (0.0.0.0, a LAN address) needs `auth`:
   * without it startApiServer throws {@link UnprotectedEndpointError} before listening.
   */
  readonly host?: string;
  /** Default 4566; 0 picks a free port. */
  readonly port?: number;
  /**
   * Strict mode: only requests signed (SigV4) with these credentials are served, on any host; the rest are
   * refused with AWS's errors before any protocol handles them. Without it, loopback accepts any request.
   */
  readonly auth?: ApiAuthOptions;
}

/** A running endpoint. */
export interface ApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The most a request body may hold: above SQS's and EventBridge's 1 MiB payloads with their envelope. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The answer to a request no protocol claims. */
const UNKNOWN_OPERATION: ApiResponse = {
  status: 400,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    __type: "UnknownOperationException",
    message: "An unknown operation was requested.",
  }),
};

/**
 * The AWS-compatible endpoint: one port, every protocol, each request given to the protocol whose headers it
 * carries (X-Amz-Target for the JSON protocols, the form body's Action for SQS's query protocol, the path for
 * Lambda's REST API). AWS SDKs, the AWS CLI and boto3 pointed at it (`endpoint_url`) work unchanged. With
 * `auth`, each request's signature is verified first, and a refused request changes nothing.
 * @example
 * const api = await startApiServer({ switchyard, place: { account: "000000000000", region: "us-east-1" }, port: 4566 });
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { switchyard, place } = options;
  const host = options.host ?? "127.0.0.1";
  const verifier = resolveApiAuth(host, options.auth);
  const protocols: Protocol[] = [
    createSqsJsonProtocol(switchyard, place),
    createSqsQueryProtocol(switchyard, place),
    createEventsJsonProtocol(switchyard, place),
    createLambdaRestProtocol(switchyard, place),
  ];
  for (const protocol of protocols) {
    if (!Object.hasOwn(AUTH_WIRES, protocol.name)) {
      throw new Error(`Protocol ${protocol.name} has no signing name or refusals in AUTH_WIRES.`);
    }
  }
  const server: Server = createServer((incoming, outgoing) => {
    void serve(protocols, verifier, incoming, outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4566, host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  protocols: readonly Protocol[],
  verifier: SigV4Verifier | undefined,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  let response: ApiResponse;
  try {
    const { request, signed } = await readRequest(incoming);
    const protocol = protocols.find((candidate) => candidate.matches(request));
    response =
      (verifier === undefined ? undefined : authenticate(verifier, protocol, request, signed)) ??
      (protocol === undefined ? UNKNOWN_OPERATION : await protocol.handle(request));
  } catch (error) {
    if (error instanceof RequestTooLargeError) {
      response = {
        status: 413,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ __type: "RequestEntityTooLargeException", message: error.message }),
      };
    } else {
      console.error("request failed:", error);
      response = {
        status: 500,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          __type: "InternalFailure",
          message: "The request processing has failed because of an unknown error, exception or failure.",
        }),
      };
    }
  }
  // A protocol that names the request itself (an Event invocation's request id, the query protocol's RequestId)
  // keeps its id; every other answer gets one.
  // A Content-Length as AWS sends it, rather than chunked encoding, which costs every client a parse.
  const body = typeof response.body === "string" ? Buffer.from(response.body) : response.body;
  const length = response.status === 204 ? {} : { "content-length": String(body.length) };
  outgoing.writeHead(response.status, {
    "x-amzn-requestid": crypto.randomUUID(),
    ...length,
    ...response.headers,
  });
  outgoing.end(body);
}

/**
 * Strict mode's check, before the protocol sees the request: undefined when the signature is good, else the
 * protocol's own answer for the refusal (an unclaimed request gets Lambda's REST shape).
 */
function authenticate(
  verifier: SigV4Verifier,
  protocol: Protocol | undefined,
  request: ApiRequest,
  signed: SignedRequest,
): ApiResponse | undefined {
  const wire = (protocol === undefined ? undefined : AUTH_WIRES[protocol.name]) ?? UNMATCHED_AUTH_WIRE;
  try {
    verifier.verify(signed, wire.signingName);
    return undefined;
  } catch (error) {
    if (error instanceof AuthenticationError) return wire.answer(error, request);
    throw error;
  }
}

class RequestTooLargeError extends Error {}

async function readRequest(
  incoming: IncomingMessage,
): Promise<{ request: ApiRequest; signed: SignedRequest }> {
  const body = await readBody(incoming);
  const target = incoming.url ?? "/";
  const method = incoming.method ?? "GET";
  const { path, query } = splitTarget(target);
  // Node has lower-cased the names and joined repeated values with ", " already (set-cookie aside, which no
  // AWS request sends).
  const headers = incoming.headers as Readonly<Record<string, string>>;
  return {
    request: { method, path, query, headers, body },
    signed: { method, target, rawHeaders: pairs(incoming.rawHeaders), body },
  };
}

/** The body, whole; RequestTooLargeError past MAX_BODY_BYTES (read to its end, so the answer can still be sent). */
function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.once("end", () => {
      if (size > MAX_BODY_BYTES) {
        reject(new RequestTooLargeError(`Request must be smaller than ${MAX_BODY_BYTES} bytes.`));
      } else {
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      }
    });
    incoming.once("error", reject);
  });
}

/** Characters a path may hold as WHATWG URL parsing leaves them (RFC 3986 pchar and "/"). */
const PLAIN_PATH = /^\/[\w\-.~%!$&'()*+,;=:@/]*$/;

/**
 * The path and query of a request target as `new URL` gives them; a plain path without a query (every JSON
 * protocol request) skips the parse, which costs more than the rest of reading a small request.
 */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  if (PLAIN_PATH.test(target) && !target.includes("/."))
    return { path: target, query: new URLSearchParams() };
  const url = new URL(target, "http://localhost");
  return { path: url.pathname, query: url.searchParams };
}

/** Node's flat raw header list as name/value pairs. */
function pairs(raw: readonly string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    result.push([raw[index] ?? "", raw[index + 1] ?? ""]);
  return result;
}
