import { SwitchyardError } from "../core/errors.js";
import type { Switchyard } from "../switchyard.js";
import { type ApiRequest, type ApiResponse, jsonResponse } from "./api-request.js";
import { amzTarget, type Protocol } from "./protocol.js";
import type { SqsInput } from "./sqs-input.js";
import { createSqsOperations } from "./sqs-operations.js";
import type { ApiPlace } from "./sqs-queue-url.js";
import { WIRE_ERRORS } from "./wire-errors.js";

export type { ApiPlace } from "./sqs-queue-url.js";

const TARGET_PREFIX = "AmazonSQS.";
const CONTENT_TYPE = "application/x-amz-json-1.0";

function errorResponse(status: number, type: string, message: string, queryCode = type): ApiResponse {
  return {
    status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-query-error": `${queryCode};Sender` },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }),
  };
}

function parseBody(request: ApiRequest): SqsInput | undefined {
  if (request.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(request.body.toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as SqsInput)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SQS over AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`), what current SDKs speak. Queues are named by
 * QueueUrl (`http://host/ACCOUNT/NAME`); errors answer `{"__type", "message"}` with SQS's status and the
 * `x-amzn-query-error` header the SDKs read the query protocol's code from. Binary values travel as base64.
 * @example
 * const protocol = createSqsJsonProtocol(switchyard, { account: "000000000000", region: "us-east-1" });
 */
export function createSqsJsonProtocol(switchyard: Switchyard, place: ApiPlace): Protocol {
  const operations = createSqsOperations(switchyard.queues, place, (code) => WIRE_ERRORS[code].type);
  return {
    name: "sqs-json",
    matches: (request) => amzTarget(request)?.startsWith(TARGET_PREFIX) === true,
    async handle(request): Promise<ApiResponse> {
      const operationName = (amzTarget(request) ?? "").slice(TARGET_PREFIX.length);
      const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
      if (operation === undefined) {
        return errorResponse(400, "UnknownOperationException", "An unknown operation was requested.");
      }
      const input = parseBody(request);
      if (input === undefined) {
        return errorResponse(400, "SerializationException", "The request body is not a JSON object.");
      }
      try {
        return jsonResponse(200, await operation(input, request), CONTENT_TYPE);
      } catch (error) {
        if (!(error instanceof SwitchyardError)) throw error;
        const wire = WIRE_ERRORS[error.code];
        return errorResponse(wire.status, wire.type, error.message, wire.queryCode ?? wire.type);
      }
    },
  };
}
