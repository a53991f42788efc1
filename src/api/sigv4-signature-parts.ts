/**
 * Where a SigV4 signature's parts are: the Authorization header, or a presigned URL's X-Amz-* query parameters;
 * refused as AWS refuses a missing or malformed one.
 */
import { queryParameters } from "./sigv4-canonical.js";
import { AuthenticationError, AuthFailureCode, incomplete, MISSING_TOKEN_MESSAGE } from "./sigv4-errors.js";

/** A request as it came over the wire, before any decoding: what its signature covers. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as sent: the path and the query string, still percent-encoded. */
  readonly target: string;
  /** The header lines as sent, in order; a header sent twice appears twice. */
  readonly rawHeaders: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

/** The parts of a signature, from the Authorization header or from a presigned URL's query string. */
export interface SignatureParts {
  readonly algorithm: string;
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
  /** The request time as sent (X-Amz-Date, or the Date header). */
  readonly date: string;
  /** Whether the date came from an RFC 7231 Date header rather than ISO 8601 basic format. */
  readonly httpDate: boolean;
  readonly presigned: boolean;
}

/** A request target's raw path and raw query, still percent-encoded. */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const question = target.indexOf("?");
  let rawPath = question === -1 ? target : target.slice(0, question);
  const rawQuery = question === -1 ? "" : target.slice(question + 1);
  if (!rawPath.startsWith("/")) {
    // An absolute-form target (`http://host/path`), as a proxy would send it.
    try {
      rawPath = new URL(rawPath).pathname;
    } catch {
      rawPath = `/${rawPath}`;
    }
  }
  return { rawPath, rawQuery };
}

/** The first value of each query parameter. */
export function firstValues(rawQuery: string): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of queryParameters(rawQuery)) if (!values.has(name)) values.set(name, value);
  return values;
}

function header(request: SignedRequest, name: string): string | undefined {
  for (const [candidate, value] of request.rawHeaders) if (candidate.toLowerCase() === name) return value;
  return undefined;
}

/** The signature's parts, from the Authorization header or, with X-Amz-Algorithm, from the query string. */
export function signatureParts(request: SignedRequest, query: ReadonlyMap<string, string>): SignatureParts {
  const authorization = header(request, "authorization");
  const presigned = query.has("X-Amz-Algorithm");
  if (authorization !== undefined && presigned) {
    throw new AuthenticationError(
      AuthFailureCode.SignatureDoesNotMatch,
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (presigned) return presignedParts(query);
  // Anything but an AWS4 scheme is no SigV4 signature at all, as AWS answers it.
  if (authorization === undefined || !authorization.trim().startsWith("AWS4-")) {
    throw new AuthenticationError(AuthFailureCode.MissingAuthenticationToken, MISSING_TOKEN_MESSAGE);
  }
  const trimmed = authorization.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const fields = new Map<string, string>();
  for (const field of (space === -1 ? "" : trimmed.slice(space + 1)).split(",")) {
    const equals = field.indexOf("=");
    if (equals > 0) fields.set(field.slice(0, equals).trim(), field.slice(equals + 1).trim());
  }
  const amzDate = header(request, "x-amz-date");
  const httpDate = header(request, "date");
  const date = amzDate ?? httpDate;
  const missing = ["Credential", "Signature", "SignedHeaders"]
    .filter((name) => fields.get(name) === undefined)
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (date === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const provided = fields.get("Signature");
  if (
    missing.length > 0 ||
    credential === undefined ||
    signedHeaders === undefined ||
    provided === undefined ||
    date === undefined
  ) {
    throw incomplete(`${missing.join(" ")} Authorization=${authorization}`);
  }
  return {
    algorithm,
    credential,
    signedHeaders,
    signature: provided,
    date,
    httpDate: amzDate === undefined,
    presigned: false,
  };
}

function presignedParts(query: ReadonlyMap<string, string>): SignatureParts {
  const names = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
  ];
  const missing = names.filter((name) => !query.has(name));
  if (missing.length > 0) {
    throw incomplete(
      `${missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(" ")} Re-examine the query-string parameters.`,
    );
  }
  // X-Amz-Expires is signed like any parameter but not enforced: services other than S3 hold a presigned
  // request to the same 15 minutes as any other.
  return {
    algorithm: query.get("X-Amz-Algorithm") ?? "",
    credential: query.get("X-Amz-Credential") ?? "",
    signedHeaders: query.get("X-Amz-SignedHeaders") ?? "",
    signature: query.get("X-Amz-Signature") ?? "",
    date: query.get("X-Amz-Date") ?? "",
    httpDate: false,
    presigned: true,
  };
}
