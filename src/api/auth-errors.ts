import type { ApiRequest, ApiResponse } from "./api-request.js";
import { type AuthenticationError, AuthFailureCode } from "./sigv4-verifier.js";
import { queryErrorXml } from "./sqs-query-xml.js";

/** A refusal's wire form in one service: the error type (and SQS's query code) and the HTTP status. */
interface AuthWireError {
  readonly type: string;
  readonly status: number;
}

/** How one protocol is signed and how it answers a refused request. */
export interface AuthWire {
  /** The service its requests are signed for: the credential scope's fourth element. */
  readonly signingName: string | undefined;
  answer(error: AuthenticationError, request: ApiRequest): ApiResponse;
}

/**
 * SQS, both protocols: the query protocol's codes (`SignatureDoesNotMatch`, `InvalidClientTokenId`), which the
 * JSON protocol carries in `x-amzn-query-error` beside the AWS JSON front door's `__type` — so the SDKs name the
 * error by the query code, as they do against SQS. An unsigned request is an anonymous one to SQS (a queue
 * policy may grant `"Principal": "*"`), refused as AccessDenied.
 */
const SQS_AUTH_ERRORS: Readonly<Record<AuthFailureCode, AuthWireError & { readonly queryCode: string }>> = {
  [AuthFailureCode.MissingAuthenticationToken]: {
    type: "com.amazon.coral.service#AccessDeniedException",
    queryCode: "AccessDenied",
    status: 403,
  },
  [AuthFailureCode.IncompleteSignature]: {
    type: "com.amazon.coral.service#IncompleteSignatureException",
    queryCode: "IncompleteSignature",
    status: 400,
  },
  [AuthFailureCode.InvalidClientTokenId]: {
    type: "com.amazon.coral.service#UnrecognizedClientException",
    queryCode: "InvalidClientTokenId",
    status: 403,
  },
  [AuthFailureCode.SignatureDoesNotMatch]: {
    type: "com.amazon.coral.service#InvalidSignatureException",
    queryCode: "SignatureDoesNotMatch",
    status: 403,
  },
};

/** EventBridge answers every client error, these included, with HTTP 400. */
const EVENTS_AUTH_ERRORS: Readonly<Record<AuthFailureCode, AuthWireError>> = {
  [AuthFailureCode.MissingAuthenticationToken]: { type: "MissingAuthenticationTokenException", status: 400 },
  [AuthFailureCode.IncompleteSignature]: { type: "IncompleteSignatureException", status: 400 },
  [AuthFailureCode.InvalidClientTokenId]: { type: "UnrecognizedClientException", status: 400 },
  [AuthFailureCode.SignatureDoesNotMatch]: { type: "InvalidSignatureException", status: 400 },
};

/** Lambda's REST front door answers 403, but 400 for a malformed signature (AWS's common IncompleteSignature). */
const LAMBDA_AUTH_ERRORS: Readonly<Record<AuthFailureCode, AuthWireError>> = {
  [AuthFailureCode.MissingAuthenticationToken]: { type: "MissingAuthenticationTokenException", status: 403 },
  [AuthFailureCode.IncompleteSignature]: { type: "IncompleteSignatureException", status: 400 },
  [AuthFailureCode.InvalidClientTokenId]: { type: "UnrecognizedClientException", status: 403 },
  [AuthFailureCode.SignatureDoesNotMatch]: { type: "InvalidSignatureException", status: 403 },
};

/** Lambda's message for an unsigned request (API Gateway's wording, which Lambda's endpoint shares). */
const LAMBDA_MISSING_TOKEN_MESSAGE = "Missing Authentication Token";

function sqsMessage(error: AuthenticationError, request: ApiRequest): string {
  if (error.code === AuthFailureCode.MissingAuthenticationToken) {
    return `Access to the resource http://${request.headers.host ?? "127.0.0.1"}${request.path} is denied.`;
  }
  return error.message + (error.details ?? "");
}

const sqsJson: AuthWire = {
  signingName: "sqs",
  answer(error, request) {
    const wire = SQS_AUTH_ERRORS[error.code];
    return {
      status: wire.status,
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-query-error": `${wire.queryCode};Sender`,
      },
      body: JSON.stringify({ __type: wire.type, message: sqsMessage(error, request) }),
    };
  },
};

const sqsQuery: AuthWire = {
  signingName: "sqs",
  answer(error, request) {
    const wire = SQS_AUTH_ERRORS[error.code];
    const requestId = crypto.randomUUID();
    return {
      status: wire.status,
      headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
      body: queryErrorXml(wire.queryCode, sqsMessage(error, request), requestId),
    };
  },
};

const eventsJson: AuthWire = {
  signingName: "events",
  answer(error) {
    const wire = EVENTS_AUTH_ERRORS[error.code];
    return {
      status: wire.status,
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ __type: wire.type, message: error.message + (error.details ?? "") }),
    };
  },
};

/** Lambda's shape: the type in `x-amzn-ErrorType`, a body of `{"message": …}` without the canonical request. */
function lambdaAnswer(error: AuthenticationError): ApiResponse {
  const wire = LAMBDA_AUTH_ERRORS[error.code];
  const message =
    error.code === AuthFailureCode.MissingAuthenticationToken ? LAMBDA_MISSING_TOKEN_MESSAGE : error.message;
  return {
    status: wire.status,
    headers: { "content-type": "application/json", "x-amzn-ErrorType": wire.type },
    body: JSON.stringify({ message }),
  };
}

/** Every protocol's signing name and refusals, by the protocol's name. */
export const AUTH_WIRES: Readonly<Record<string, AuthWire>> = Object.freeze({
  "sqs-json": sqsJson,
  "sqs-query": sqsQuery,
  "events-json": eventsJson,
  "lambda-rest": { signingName: "lambda", answer: lambdaAnswer },
});

/**
 * A request no protocol claims is refused like Lambda's (a REST path nobody serves), without a scope check:
 * an unsigned caller learns nothing about what the endpoint serves.
 */
export const UNMATCHED_AUTH_WIRE: AuthWire = { signingName: undefined, answer: lambdaAnswer };
