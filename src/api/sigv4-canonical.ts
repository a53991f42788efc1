import { createHash, createHmac } from "node:crypto";

/**
 * The pieces of AWS Signature Version 4 that a signer and a verifier share: the canonical request, the string
 * to sign and the signing key, as https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 * defines them for every service but S3.
 */

/** The one algorithm SigV4 with HMAC names, in the Authorization header and in X-Amz-Algorithm. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** The last element of every credential scope. */
export const SCOPE_TERMINATOR = "aws4_request";

/** The payload hash a presigned URL may carry instead of the body's (botocore's presigner writes it). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** Hex SHA-256, lower-case: the payload hash and the canonical request's digest. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Percent-encoding as SigV4 wants it: every byte but the unreserved `A–Z a–z 0–9 - _ . ~` as `%XY` with
 * upper-case hex, a space as `%20` (never `+`).
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical URI of a request path as sent (still percent-encoded): dot segments and empty segments
 * removed, then every segment URI-encoded once more. Every service but S3 signs the path encoded twice — the
 * AWS SDKs escape the path they send, and the signer escapes it again (`%3A` on the wire signs as `%253A`).
 */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return uriEncode(`/${segments.join("/")}${trailingSlash}`).replace(/%2F/g, "/");
}

/**
 * A query-string component as the protocols read it (`+` is a space, as in a form), or as sent when it is not
 * valid percent-encoding. What is signed is then what the server acts on.
 */
export function decodeQueryComponent(raw: string): string {
  const spaced = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** A raw query string's parameters, decoded, in the order sent. */
export function queryParameters(rawQuery: string): [name: string, value: string][] {
  const parameters: [string, string][] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    parameters.push(
      equals === -1
        ? [decodeQueryComponent(part), ""]
        : [decodeQueryComponent(part.slice(0, equals)), decodeQueryComponent(part.slice(equals + 1))],
    );
  }
  return parameters;
}

/**
 * The canonical query string: every parameter name and value URI-encoded, sorted by name and then by value
 * (code point order of the encoded strings), `name=value` joined by `&`. `omitted` (X-Amz-Signature in a
 * presigned URL) is left out.
 */
export function canonicalQuery(rawQuery: string, omitted?: string): string {
  const encoded = queryParameters(rawQuery)
    .filter(([name]) => name !== omitted)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  encoded.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
  );
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical headers block for the signed header names (lower-case, in the order given): each
 * `name:value\n`, a value trimmed with its runs of whitespace folded to one space, the values of a header sent
 * more than once joined by commas.
 */
export function canonicalHeaders(
  rawHeaders: readonly (readonly [name: string, value: string])[],
  signedHeaders: readonly string[],
): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of rawHeaders) {
    const key = name.toLowerCase();
    const folded = value.replace(/\s+/g, " ").trim();
    const list = values.get(key);
    if (list === undefined) values.set(key, [folded]);
    else list.push(folded);
  }
  return signedHeaders.map((name) => `${name}:${(values.get(name) ?? []).join(",")}\n`).join("");
}

/** What a canonical request is made of, each part already in canonical form. */
export interface CanonicalRequestParts {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  readonly canonicalHeaders: string;
  /** The signed header names joined by `;`. */
  readonly signedHeaders: string;
  readonly payloadHash: string;
}

/** The canonical request: method, URI, query, headers, signed headers and payload hash, one per line. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.payloadHash,
  ].join("\n");
}

/** The string to sign: algorithm, request time (ISO 8601 basic), credential scope, canonical request's hash. */
export function stringToSign(amzDate: string, credentialScope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, credentialScope, sha256Hex(canonical)].join("\n");
}

/** The signing key: the secret chained through HMAC-SHA256 with the scope's date, region, service and terminator. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, "utf8");
  for (const part of [date, region, service, SCOPE_TERMINATOR]) {
    key = createHmac("sha256", key).update(part, "utf8").digest();
  }
  return key;
}

/** The signature: hex HMAC-SHA256 of the string to sign under the signing key. */
export function signature(key: Buffer, toSign: string): string {
  return createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}
