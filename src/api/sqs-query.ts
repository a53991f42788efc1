import { SwitchyardError } from "../core/errors.js";
import type { Switchyard } from "../switchyard.js";
import type { ApiRequest, ApiResponse } from "./api-request.js";
import { amzTarget, type Protocol } from "./protocol.js";
import { createSqsOperations } from "./sqs-operations.js";
import { decodeQueryForm } from "./sqs-query-form.js";
import { queryErrorXml, queryResultXml } from "./sqs-query-xml.js";
import type { ApiPlace } from "./sqs-queue-url.js";
import { WIRE_ERRORS } from "./wire-errors.js";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

function xmlResponse(status: number, body: string): ApiResponse {
  return { status, headers: { "content-type": "text/xml" }, body };
}

// Parsed once per request: `matches` and `handle` both need the parameters.
const parsed = new WeakMap<ApiRequest, URLSearchParams>();

/** The request's parameters: the query string's, then the form body's (which win). */
function paramsOf(request: ApiRequest): URLSearchParams {
  const cached = parsed.get(request);
  if (cached !== undefined) return cached;
  const params = new URLSearchParams(request.query);
  const contentType = request.headers["content-type"] ?? "";
  if (contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE) && request.body.length > 0) {
    for (const [name, value] of new URLSearchParams(request.body.toString("utf8"))) params.set(name, value);
  }
  parsed.set(request, params);
  return params;
}

/**
 * SQS's query protocol (`Action=…&Version=2012-11-05`, form-encoded, XML answers), what older clients such as
 * Debian's boto3 speak. The queue is the QueueUrl parameter or the request's path (`POST /000000000000/orders`).
 * Its operations are the JSON protocol's, reached through the same table; errors answer SQS's `ErrorResponse`
 * with the query codes (`AWS.SimpleQueueService.NonExistentQueue`).
 * @example
 * const protocol = createSqsQueryProtocol(switchyard, { account: "000000000000", region: "us-east-1" });
 */
export function createSqsQueryProtocol(switchyard: Switchyard, place: ApiPlace): Protocol {
  const queryCode = (code: SwitchyardError["code"]) => WIRE_ERRORS[code].queryCode ?? WIRE_ERRORS[code].type;
  const operations = createSqsOperations(switchyard.queues, place, queryCode);
  return {
    name: "sqs-query",
    matches: (request) => amzTarget(request) === undefined && paramsOf(request).has("Action"),
    async handle(request): Promise<ApiResponse> {
      const requestId = crypto.randomUUID();
      const params = paramsOf(request);
      const action = params.get("Action") ?? "";
      const input = decodeQueryForm(action, params);
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
      if (input === undefined || operation === undefined) {
        return xmlResponse(
          400,
          queryErrorXml("InvalidAction", `The action ${action} is not valid for this endpoint.`, requestId),
        );
      }
      const withQueue =
        input.QueueUrl === undefined && request.path !== "/" ? { ...input, QueueUrl: request.path } : input;
      try {
        return xmlResponse(200, queryResultXml(action, await operation(withQueue, request), requestId));
      } catch (error) {
        if (!(error instanceof SwitchyardError)) throw error;
        const wire = WIRE_ERRORS[error.code];
        return xmlResponse(wire.status, queryErrorXml(queryCode(error.code), error.message, requestId));
      }
    },
  };
}
