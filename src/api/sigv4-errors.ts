/** Why strict mode refuses a request, and AWS's words for it. */

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

/** The message AWS answers for a signature that does not match. */
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
  "Access Key and signing method. Consult the service documentation for details.";

/** The message AWS answers for an access key id it does not know. */
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

/** The message AWS's JSON services answer for an unsigned request. */
export const MISSING_TOKEN_MESSAGE = "Request is missing Authentication Token";

/** An IncompleteSignature refusal: a signature that is malformed or lacks a part. */
export function incomplete(message: string): AuthenticationError {
  return new AuthenticationError(AuthFailureCode.IncompleteSignature, message);
}
