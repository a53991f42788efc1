import { SwitchyardError } from "../core/errors.js";
import type { Switchyard } from "../switchyard.js";
import { type ApiResponse, jsonResponse } from "./api-request.js";
import { type Members, SerializationError, toWire } from "./events-input.js";
import { createEventsOperations } from "./events-operations.js";
import { amzTarget, type Protocol } from "./protocol.js";
import type { ApiPlace } from "./sqs-json.js";
import { WIRE_ERRORS } from "./wire-errors.js";

const TARGET_PREFIX = "AWSEvents.";
const CONTENT_TYPE = "application/x-amz-json-1.1";
/**
 * EventBridge answers every client error with HTTP 400, ResourceNotFoundException included (unlike Lambda's
 * 404), as its API reference lists under "Common Errors" and the SDKs expect.
 */
const CLIENT_ERROR_STATUS = 400;

const error = (type: string, message: string) =>
  jsonResponse(CLIENT_ERROR_STATUS, { __type: type, message }, CONTENT_TYPE);

/**
 * EventBridge over AWS JSON 1.1 (`X-Amz-Target: AWSEvents.<Operation>`): buses, rules, targets, PutEvents,
 * TestEventPattern, archives and replays, answered in AWS's shapes with timestamps as epoch seconds and errors
 * as `{"__type": "ResourceNotFoundException", "message": …}`.
 * @example
 * const protocol = createEventsJsonProtocol(switchyard, { account: "000000000000", region: "us-east-1" });
 */
export function createEventsJsonProtocol(switchyard: Switchyard, _place: ApiPlace): Protocol {
  const operations = createEventsOperations(switchyard.events);
  return {
    name: "events-json",
    matches: (request) => amzTarget(request)?.startsWith(TARGET_PREFIX) === true,
    async handle(request): Promise<ApiResponse> {
      const name = (amzTarget(request) ?? "").slice(TARGET_PREFIX.length);
      const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
      if (operation === undefined) {
        return error("UnknownOperationException", `The operation ${name} is not supported.`);
      }
      let input: Members;
      try {
        input = parseBody(request.body);
      } catch (cause) {
        return error("SerializationException", (cause as Error).message);
      }
      try {
        return jsonResponse(200, toWire(await operation(input)), CONTENT_TYPE);
      } catch (failure) {
        if (failure instanceof SerializationError) return error("SerializationException", failure.message);
        if (failure instanceof SwitchyardError) return error(WIRE_ERRORS[failure.code].type, failure.message);
        throw failure;
      }
    },
  };
}

/** The request's members: an empty body is an empty structure; anything but a JSON object is refused. */
function parseBody(body: Buffer): Members {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (cause) {
    throw new Error(`The request body is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error("The request body must be a JSON object.");
  }
  return parsed as Members;
}
