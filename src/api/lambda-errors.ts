import { ErrorCode, SwitchyardError } from "../core/errors.js";
import type { ApiResponse } from "./api-request.js";
import { WIRE_ERRORS, type WireError } from "./wire-errors.js";

/**
 * Where Lambda names an error differently from the shared table: SQS's InvalidParameterValue is Lambda's
 * InvalidParameterValueException (a bad mapping filter, a FIFO rule, a missing queue).
 */
const LAMBDA_WIRE_ERRORS: Readonly<Partial<Record<ErrorCode, WireError>>> = Object.freeze({
  [ErrorCode.InvalidParameterValue]: { type: "InvalidParameterValueException", status: 400 },
});

/**
 * The error types whose message member is `Message`; every other Lambda error carries `message`. As Lambda's
 * model (and so the SDK's deserializer) has them, e.g. `{"Type":"User","Message":"Function not found: …"}`.
 */
const CAPITALISED_MESSAGE = new Set(["ResourceNotFoundException", "ResourceInUseException"]);

/**
 * A request Lambda's REST layer refuses before our services see it (a body that is not JSON, an unknown route,
 * a throttle): the error type and status as Lambda answers them, with any extra members (`Reason`).
 */
export class LambdaRequestError extends Error {
  readonly type: string;
  readonly status: number;
  readonly members: Readonly<Record<string, string>>;

  constructor(type: string, status: number, message: string, members: Record<string, string> = {}) {
    super(message);
    this.name = new.target.name;
    this.type = type;
    this.status = status;
    this.members = Object.freeze({ ...members });
  }
}

/** Lambda's InvalidParameterValueException (400). */
export function invalidParameterValue(message: string): LambdaRequestError {
  return new LambdaRequestError("InvalidParameterValueException", 400, message);
}

/**
 * A Lambda REST error answer: the type in `x-amzn-ErrorType` (what the AWS SDKs read it from) and a body of
 * `{"Type": "User", "message": …}`. Errors that are neither ours nor Lambda's are thrown on (the server's 500).
 */
export function lambdaErrorResponse(error: unknown): ApiResponse {
  if (error instanceof LambdaRequestError) {
    return errorAnswer(error.status, error.type, error.message, error.members);
  }
  if (error instanceof SwitchyardError) {
    const wire = LAMBDA_WIRE_ERRORS[error.code] ?? WIRE_ERRORS[error.code];
    return errorAnswer(wire.status, wire.type, error.message, {});
  }
  throw error;
}

function errorAnswer(
  status: number,
  type: string,
  message: string,
  members: Readonly<Record<string, string>>,
): ApiResponse {
  const messageMember = CAPITALISED_MESSAGE.has(type) ? "Message" : "message";
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-ErrorType": type },
    body: JSON.stringify({ Type: "User", [messageMember]: message, ...members }),
  };
}
