import type { InvocationResult } from "../runtime/functions/index.js";
import type { Switchyard } from "../switchyard.js";
import type { ApiRequest, ApiResponse } from "./api-request.js";
import { LambdaRequestError } from "./lambda-errors.js";
import { findFunction, LATEST_VERSION } from "./lambda-functions.js";
import type { ApiPlace } from "./sqs-json.js";

/**
 * Lambda's limits on Invoke: a synchronous request's payload is at most 6 MB ("Request must be smaller than
 * 6291456 bytes for the InvokeFunction operation"); `LogType: Tail` returns "the last 4 KB of the execution log"
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 */
export const INVOKE_LIMITS = Object.freeze({
  requestResponsePayloadMaxBytes: 6_291_456,
  logTailMaxBytes: 4_096,
});

const INVOCATION_TYPES = ["Event", "RequestResponse", "DryRun"] as const;
const LOG_TYPES = ["None", "Tail"] as const;

/**
 * Invoke (POST /2015-03-31/functions/{FunctionName}/invocations): RequestResponse runs the function and answers
 * 200 with its payload, or its error payload and `X-Amz-Function-Error: Unhandled`; Event queues the payload
 * durably and answers 202; DryRun answers 204 once the function is found.
 */
export async function invoke(
  switchyard: Switchyard,
  place: ApiPlace,
  functionName: string,
  request: ApiRequest,
): Promise<ApiResponse> {
  const invocationType = headerChoice(
    request,
    "x-amz-invocation-type",
    "invocationType",
    INVOCATION_TYPES,
    "RequestResponse",
  );
  const logType = headerChoice(request, "x-amz-log-type", "logType", LOG_TYPES, "None");
  const running = findFunction(switchyard, place, functionName, request.query.get("Qualifier"));
  const name = running.definition.name;
  const executed = { "x-amz-executed-version": LATEST_VERSION };
  if (invocationType === "DryRun") return { status: 204, headers: executed, body: "" };
  if (
    invocationType === "RequestResponse" &&
    request.body.length > INVOKE_LIMITS.requestResponsePayloadMaxBytes
  ) {
    throw new LambdaRequestError(
      "RequestEntityTooLargeException",
      413,
      `Request must be smaller than ${INVOKE_LIMITS.requestResponsePayloadMaxBytes} bytes for the InvokeFunction operation`,
    );
  }
  const payload = parsePayload(request.body);
  if (invocationType === "Event") {
    await running.runtime.invokeAsync(name, payload);
    return { status: 202, headers: {}, body: "" };
  }
  const result = await running.runtime.invoke(name, payload, { throttleAtReservedConcurrency: true });
  if (result.ok === false && result.throttled) {
    throw new LambdaRequestError("TooManyRequestsException", 429, "Rate Exceeded.", {
      Reason: result.reason,
    });
  }
  return {
    status: 200,
    headers: {
      "content-type": "application/json",
      ...executed,
      ...(result.ok ? {} : { "x-amz-function-error": result.functionError }),
      ...(logType === "Tail" ? { "x-amz-log-result": logTail(result) } : {}),
    },
    body: result.payloadJson,
  };
}

/** The last 4 KB of an invocation's log, base64-encoded, as `X-Amz-Log-Result` carries it. */
export function logTail(result: Exclude<InvocationResult, { throttled: true }>): string {
  const text = Buffer.from(result.logs.map((line) => `${line}\n`).join(""), "utf8");
  return text.subarray(Math.max(0, text.length - INVOKE_LIMITS.logTailMaxBytes)).toString("base64");
}

/** The payload as JSON; none at all is `{}` (the runner sends undefined so). Not JSON: InvalidRequestContentException. */
function parsePayload(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new LambdaRequestError(
      "InvalidRequestContentException",
      400,
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
}

function headerChoice<T extends string>(
  request: ApiRequest,
  header: string,
  member: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = request.headers[header];
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new LambdaRequestError(
    "ValidationException",
    400,
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${choices.join(", ")}]`,
  );
}
