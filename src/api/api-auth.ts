import { isIPv4, isIPv6 } from "node:net";
import { createSigV4Verifier, type SigV4Verifier } from "./sigv4-verifier.js";

/**
 * Strict mode: every request must be signed with AWS Signature Version 4 by one of these credentials, within
 * 15 minutes of the clock. Without it the endpoint accepts any request (loopback only).
 */
export interface ApiAuthOptions {
  /** Access key id → secret access key; at least one. */
  readonly credentials: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Now, in milliseconds since the epoch (default `Date.now`): what request times are checked against. */
  readonly clock?: () => number;
}

/**
 * The endpoint would listen beyond this machine without credentials: refused, because anyone who can reach it
 * could then read and change every queue, bus and function.
 */
export class UnprotectedEndpointError extends Error {
  readonly host: string;

  constructor(host: string) {
    super(
      `Refusing to serve the AWS endpoint on ${host} without credentials: a host other than loopback ` +
        "(127.0.0.0/8, ::1, localhost) requires SigV4 credentials (the CLI reads SWITCHYARD_ACCESS_KEY_ID " +
        "and SWITCHYARD_SECRET_ACCESS_KEY).",
    );
    this.name = new.target.name;
    this.host = host;
  }
}

/** Credentials that cannot authenticate anyone: none at all, or an empty key id or secret. */
export class InvalidCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether a listen address stays on this machine: 127.0.0.0/8, ::1 (also IPv4-mapped) or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === "localhost") return true;
  if (isIPv4(bare)) return bare.startsWith("127.");
  if (!isIPv6(bare)) return false;
  const lower = bare.toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (mapped !== undefined) return isIPv4(mapped) && mapped.startsWith("127.");
  return /^(?:0{0,4}:){1,7}0{0,3}1$/.test(lower) || lower === "::1";
}

/**
 * The verifier for a server on `host`: one when credentials are given (strict mode, on any host), none on
 * loopback without them; a host beyond loopback without credentials throws {@link UnprotectedEndpointError}.
 */
export function resolveApiAuth(host: string, auth: ApiAuthOptions | undefined): SigV4Verifier | undefined {
  if (auth === undefined) {
    if (!isLoopbackHost(host)) throw new UnprotectedEndpointError(host);
    return undefined;
  }
  const credentials = new Map(
    auth.credentials instanceof Map ? auth.credentials : Object.entries(auth.credentials),
  );
  if (credentials.size === 0) {
    throw new InvalidCredentialsError("Strict mode needs at least one access key id and secret access key.");
  }
  for (const [accessKeyId, secretAccessKey] of credentials) {
    if (accessKeyId === "" || accessKeyId.includes("/") || secretAccessKey === "") {
      throw new InvalidCredentialsError(
        `Access key id "${accessKeyId}" needs a non-empty secret and may not be empty or contain "/".`,
      );
    }
  }
  return createSigV4Verifier({ credentials, clock: auth.clock ?? Date.now });
}
