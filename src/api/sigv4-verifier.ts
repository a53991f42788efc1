import { timingSafeEqual } from "node:crypto";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  queryParameters,
  SCOPE_TERMINATOR,
  SIGV4_ALGORITHM,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  UNSIGNED_PAYLOAD,
} from "./sigv4-canonical.js";

/**
 * Why a request's signature was refused, named after the AWS error each becomes (the protocols give each its
 * own wire form: `SignatureDoesNotMatch` in SQS, `InvalidSignatureException` in EventBridge and Lambda).
 */
export const AuthFailureCode = {
  /** No Authorization header and no X-Amz-Algorithm parameter: an unsigned request. */
  MissingAuthenticationToken: "MissingAuthenticationToken",
  /** An Authorization header or presigned URL that is malformed or lacks a part. */
  IncompleteSignature: "IncompleteSignature",
  /** An access key id that is not one of the configured credentials. */
  InvalidClientTokenId: "InvalidClientTokenId",
  /** A wrong signature, a request time outside the allowed skew, a wrong scope, or a header left unsigned. */
  SignatureDoesNotMatch: "SignatureDoesNotMatch",
} as const;
export type AuthFailureCode = (typeof AuthFailureCode)[keyof typeof AuthFailureCode];

/** A request refused before any protocol handled it: the condition, and AWS's message for it. */
export class AuthenticationError extends Error {
  readonly code: AuthFailureCode;
  /**
   * For a signature that does not match, what AWS appends to the message: the canonical request and the
   * string to sign the server expected (SQS and EventBridge answer it; Lambda does not).
   */
  readonly details: string | undefined;

  constructor(code: AuthFailureCode, message: string, details?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** A request as it came over the wire, before any decoding: what its signature covers. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as sent: the path and the query string, still percent-encoded. */
  readonly target: string;
  /** The header lines as sent, in order; a header sent twice appears twice. */
  readonly rawHeaders: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

/** How far a request's time may be from the server's: AWS's 15 minutes, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The message AWS answers for a signature that does not match. */
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
  "Access Key and signing method. Consult the service documentation for details.";

/** The message AWS answers for an access key id it does not know. */
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

/** The message AWS's JSON services answer for an unsigned request. */
export const MISSING_TOKEN_MESSAGE = "Request is missing Authentication Token";

/** Whom a verifier accepts, and its clock. */
export interface SigV4VerifierOptions {
  /** Access key id → secret access key. */
  readonly credentials: ReadonlyMap<string, string>;
  /** Now, in milliseconds since the epoch: what request times are checked against. */
  readonly clock: () => number;
}

/** Checks AWS Signature Version 4 signatures against a set of credentials. */
export interface SigV4Verifier {
  /**
   * The access key id a request is signed with, when its signature (Authorization header or presigned query
   * string) is right for one of the credentials, its time within 15 minutes of now and, given `service`, its
   * scope names that service. Anything else throws an {@link AuthenticationError}.
   */
  verify(request: SignedRequest, service?: string): string;
}

/** The parts of a signature, from the Authorization header or from a presigned URL's query string. */
interface SignatureParts {
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

/**
 * A SigV4 verifier over fixed credentials, written from AWS's specification
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) with node:crypto; signatures
 * are compared in constant time. The scope's region is not checked: Switchyard serves one place under
 * whatever region a client is configured with.
 * @example
 * const verifier = createSigV4Verifier({ credentials: new Map([["AKID", "secret"]]), clock: Date.now });
 * const accessKeyId = verifier.verify(request, "sqs");
 */
export function createSigV4Verifier(options: SigV4VerifierOptions): SigV4Verifier {
  const { credentials, clock } = options;
  return {
    verify(request, service) {
      const { rawPath, rawQuery } = splitTarget(request.target);
      const query = firstValues(rawQuery);
      const parts = signatureParts(request, query);
      if (parts.algorithm !== SIGV4_ALGORITHM) {
        throw incomplete(
          `Unsupported AWS 'algorithm': '${parts.algorithm}' (only ${SIGV4_ALGORITHM} for now).`,
        );
      }
      const scope = parts.credential.split("/");
      const [accessKeyId, scopeDate, region, scopeService, terminator] = scope;
      if (
        scope.length !== 5 ||
        accessKeyId === undefined ||
        scopeDate === undefined ||
        region === undefined ||
        scopeService === undefined ||
        terminator === undefined
      ) {
        throw incomplete(
          `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`,
        );
      }
      const requestTime = parts.httpDate ? parseHttpDate(parts.date) : parseAmzDate(parts.date);
      if (requestTime === undefined) {
        throw incomplete(
          `Date must be in ISO-8601 'basic format'. Got '${parts.date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
        );
      }
      const amzDate = formatAmzDate(requestTime);
      checkSkew(requestTime, amzDate, clock());

      const signedHeaders = parts.signedHeaders.split(";").map((name) => name.trim().toLowerCase());
      checkSignedHeaders(request, signedHeaders);
      const scopeProblems = [
        ...(service !== undefined && scopeService !== service
          ? [`Credential should be scoped to correct service: '${service}'.`]
          : []),
        ...(terminator !== SCOPE_TERMINATOR
          ? [
              `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`,
            ]
          : []),
        ...(scopeDate !== amzDate.slice(0, 8)
          ? [
              `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
            ]
          : []),
      ];
      if (scopeProblems.length > 0) {
        throw new AuthenticationError(AuthFailureCode.SignatureDoesNotMatch, scopeProblems.join(" "));
      }

      const secretAccessKey = credentials.get(accessKeyId);
      if (secretAccessKey === undefined) {
        throw new AuthenticationError(AuthFailureCode.InvalidClientTokenId, INVALID_TOKEN_MESSAGE);
      }
      const key = signingKey(secretAccessKey, scopeDate, region, scopeService);
      const credentialScope = scope.slice(1).join("/");
      const base = {
        method: request.method,
        canonicalUri: canonicalUri(rawPath),
        canonicalQuery: canonicalQuery(rawQuery, parts.presigned ? "X-Amz-Signature" : undefined),
        canonicalHeaders: canonicalHeaders(request.rawHeaders, signedHeaders),
        signedHeaders: signedHeaders.join(";"),
      };
      // Services other than S3 hash the body they received, whatever x-amz-content-sha256 claims: the
      // signature covers what the server acts on. A presigned URL cannot know its body; botocore signs it as
      // UNSIGNED-PAYLOAD, which only an empty body may stand for here.
      const bodyHash = sha256Hex(request.body);
      const payloadHashes =
        parts.presigned && request.body.length === 0 ? [bodyHash, UNSIGNED_PAYLOAD] : [bodyHash];
      const expected = payloadHashes.map((payloadHash) => {
        const canonical = canonicalRequest({ ...base, payloadHash });
        const toSign = stringToSign(amzDate, credentialScope, canonical);
        return { canonical, toSign, signature: signature(key, toSign) };
      });
      if (expected.some((candidate) => sameSignature(candidate.signature, parts.signature)))
        return accessKeyId;
      const [first] = expected;
      throw new AuthenticationError(
        AuthFailureCode.SignatureDoesNotMatch,
        SIGNATURE_MISMATCH_MESSAGE,
        first === undefined
          ? undefined
          : `\n\nThe Canonical String for this request should have been\n'${first.canonical}'\n\n` +
              `The String-to-Sign should have been\n'${first.toSign}'\n`,
      );
    },
  };
}

function incomplete(message: string): AuthenticationError {
  return new AuthenticationError(AuthFailureCode.IncompleteSignature, message);
}

function splitTarget(target: string): { rawPath: string; rawQuery: string } {
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

function firstValues(rawQuery: string): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of queryParameters(rawQuery)) if (!values.has(name)) values.set(name, value);
  return values;
}

function header(request: SignedRequest, name: string): string | undefined {
  for (const [candidate, value] of request.rawHeaders) if (candidate.toLowerCase() === name) return value;
  return undefined;
}

/** The signature's parts, from the Authorization header or, with X-Amz-Algorithm, from the query string. */
function signatureParts(request: SignedRequest, query: ReadonlyMap<string, string>): SignatureParts {
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

/**
 * Host must be signed (AWS's rule), and so must every x-amz-* header sent: X-Amz-Target names the operation,
 * and an unsigned one would let a captured request be replayed as another operation.
 */
function checkSignedHeaders(request: SignedRequest, signedHeaders: readonly string[]): void {
  const signed = new Set(signedHeaders);
  if (!signed.has("host")) {
    throw new AuthenticationError(
      AuthFailureCode.SignatureDoesNotMatch,
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  for (const [name] of request.rawHeaders) {
    const lower = name.toLowerCase();
    if (lower.startsWith("x-amz-") && !signed.has(lower)) {
      throw new AuthenticationError(
        AuthFailureCode.SignatureDoesNotMatch,
        `'${name}' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }
  }
}

/** AWS's answers for a request time more than 15 minutes from now, either way. */
function checkSkew(requestTime: number, amzDate: string, now: number): void {
  if (requestTime < now - MAX_CLOCK_SKEW_MS) {
    throw new AuthenticationError(
      AuthFailureCode.SignatureDoesNotMatch,
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (requestTime > now + MAX_CLOCK_SKEW_MS) {
    throw new AuthenticationError(
      AuthFailureCode.SignatureDoesNotMatch,
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** An ISO 8601 basic-format UTC time (`20150830T123600Z`) in milliseconds, or undefined if it is not one. */
function parseAmzDate(value: string): number | undefined {
  const match = AMZ_DATE.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20150231 over into March; a date that does not format back is not a date.
  return formatAmzDate(time) === value ? time : undefined;
}

function parseHttpDate(value: string): number | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000) * 1000;
}

/** A time in ISO 8601 basic format, to the second: `20150830T123600Z`. */
export function formatAmzDate(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace(/[-:]/g, "").replace(".000", "");
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(provided, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
