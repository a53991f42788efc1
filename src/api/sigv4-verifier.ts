import { timingSafeEqual } from "node:crypto";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  SCOPE_TERMINATOR,
  SIGV4_ALGORITHM,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  UNSIGNED_PAYLOAD,
} from "./sigv4-canonical.js";
import {
  AuthenticationError,
  AuthFailureCode,
  INVALID_TOKEN_MESSAGE,
  incomplete,
  SIGNATURE_MISMATCH_MESSAGE,
} from "./sigv4-errors.js";
import { firstValues, type SignedRequest, signatureParts, splitTarget } from "./sigv4-signature-parts.js";

export {
  AuthenticationError,
  AuthFailureCode,
  SIGNATURE_MISMATCH_MESSAGE,
} from "./sigv4-errors.js";
export type { SignedRequest } from "./sigv4-signature-parts.js";

/** How far a request's time may be from the server's: AWS's 15 minutes, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

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
