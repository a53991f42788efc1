import type { Switchyard } from "../switchyard.js";
import type { ApiRequest, ApiResponse } from "./api-request.js";
import { LambdaRequestError, lambdaErrorResponse } from "./lambda-errors.js";
import { findFunction, functionConfiguration, getFunction, runningFunctions } from "./lambda-functions.js";
import { integerQuery, jsonMembers, page } from "./lambda-input.js";
import { invoke } from "./lambda-invoke.js";
import { createLambdaInvokeConfigs } from "./lambda-invoke-configs.js";
import { createLambdaMappings } from "./lambda-mappings.js";
import type { Protocol } from "./protocol.js";
import type { ApiPlace } from "./sqs-json.js";

/** The API versions Lambda's REST paths start with: functions and mappings, and event invoke configs. */
const FUNCTIONS_VERSION = "2015-03-31";
const INVOKE_CONFIG_VERSION = "2019-09-25";

/** ListFunctions' MaxItems: 1 to 10,000, 50 when left out (API_ListFunctions). */
const LIST_FUNCTIONS_MAX_ITEMS = Object.freeze({ min: 1, max: 10_000, default: 50 });

/** One route: the method, the path's segments after the version, and what answers it. */
interface Route {
  readonly method: string;
  readonly version: string;
  /** Literal segments, or ":param" for a path parameter. */
  readonly segments: readonly string[];
  readonly answer: (params: Readonly<Record<string, string>>, request: ApiRequest) => Promise<ApiResponse>;
}

/**
 * Lambda's REST API (`/2015-03-31/functions/…`, `/2015-03-31/event-source-mappings/…`,
 * `/2019-09-25/functions/…/event-invoke-config`) over the functions of the running apps: Invoke, GetFunction,
 * GetFunctionConfiguration, ListFunctions, the event source mapping operations and the event invoke config. Function names may be names or
 * ARNs. Errors answer `{"Type": "User", "message": …}` with the type in `x-amzn-ErrorType`.
 * @example
 * const protocol = createLambdaRestProtocol(switchyard, { account: "000000000000", region: "us-east-1" });
 */
export function createLambdaRestProtocol(switchyard: Switchyard, place: ApiPlace): Protocol {
  const mappings = createLambdaMappings(switchyard, place);
  const invokeConfigs = createLambdaInvokeConfigs(switchyard, place);
  const json = (status: number, body: unknown): ApiResponse => ({
    status,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const route = (method: string, version: string, path: string, answer: Route["answer"]): Route => ({
    method,
    version,
    segments: path.split("/").filter((part) => part !== ""),
    answer,
  });
  const fn = (params: Readonly<Record<string, string>>, request?: ApiRequest) =>
    findFunction(switchyard, place, params.name ?? "", request?.query.get("Qualifier"));

  const routes: readonly Route[] = [
    route("POST", FUNCTIONS_VERSION, "functions/:name/invocations", (params, request) =>
      invoke(switchyard, place, params.name ?? "", request),
    ),
    route("GET", FUNCTIONS_VERSION, "functions", async (_params, request) => {
      const maxItems =
        integerQuery(request, "MaxItems", LIST_FUNCTIONS_MAX_ITEMS) ?? LIST_FUNCTIONS_MAX_ITEMS.default;
      const { items, nextMarker } = page(runningFunctions(switchyard), request.query.get("Marker"), maxItems);
      return json(200, {
        Functions: items.map((running) => functionConfiguration(place, running)),
        ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
      });
    }),
    route("GET", FUNCTIONS_VERSION, "functions/:name", async (params, request) =>
      json(200, getFunction(place, fn(params, request))),
    ),
    route("GET", FUNCTIONS_VERSION, "functions/:name/configuration", async (params, request) =>
      json(200, functionConfiguration(place, fn(params, request))),
    ),
    route("POST", FUNCTIONS_VERSION, "event-source-mappings", async (_params, request) =>
      json(202, await mappings.create(jsonMembers(request))),
    ),
    route("GET", FUNCTIONS_VERSION, "event-source-mappings", async (_params, request) =>
      json(200, mappings.list(request)),
    ),
    route("GET", FUNCTIONS_VERSION, "event-source-mappings/:uuid", async (params) =>
      json(200, mappings.get(params.uuid ?? "")),
    ),
    route("PUT", FUNCTIONS_VERSION, "event-source-mappings/:uuid", async (params, request) =>
      json(202, await mappings.update(params.uuid ?? "", jsonMembers(request))),
    ),
    route("DELETE", FUNCTIONS_VERSION, "event-source-mappings/:uuid", async (params) =>
      json(202, await mappings.delete(params.uuid ?? "")),
    ),
    route("GET", INVOKE_CONFIG_VERSION, "functions/:name/event-invoke-config", async (params, request) =>
      json(200, invokeConfigs.get(fn(params, request))),
    ),
    route("PUT", INVOKE_CONFIG_VERSION, "functions/:name/event-invoke-config", async (params, request) =>
      json(200, await invokeConfigs.put(fn(params, request), jsonMembers(request))),
    ),
    route("POST", INVOKE_CONFIG_VERSION, "functions/:name/event-invoke-config", async (params, request) =>
      json(200, await invokeConfigs.update(fn(params, request), jsonMembers(request))),
    ),
    route("DELETE", INVOKE_CONFIG_VERSION, "functions/:name/event-invoke-config", async (params, request) => {
      await invokeConfigs.delete(fn(params, request));
      return { status: 204, headers: {}, body: "" };
    }),
    route("GET", INVOKE_CONFIG_VERSION, "functions/:name/event-invoke-config/list", async (params) =>
      json(200, invokeConfigs.list(fn(params))),
    ),
  ];

  return {
    name: "lambda-rest",
    matches: (request) =>
      request.path.startsWith(`/${FUNCTIONS_VERSION}/`) ||
      request.path.startsWith(`/${INVOKE_CONFIG_VERSION}/`),
    async handle(request) {
      try {
        const [version, ...segments] = request.path
          .split("/")
          .filter((part) => part !== "")
          .map(decodeSegment);
        for (const candidate of routes) {
          if (candidate.method !== request.method || candidate.version !== version) continue;
          const params = matchSegments(candidate.segments, segments);
          if (params !== undefined) return await candidate.answer(params, request);
        }
        throw new LambdaRequestError(
          "UnknownOperationException",
          404,
          `Switchyard's Lambda API has no operation ${request.method} ${request.path}.`,
        );
      } catch (error) {
        return lambdaErrorResponse(error);
      }
    },
  };
}

/** A path segment, percent-decoded (ARNs arrive as `arn%3Aaws%3Alambda…`); a malformed escape is the caller's error. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new LambdaRequestError("InvalidRequestContentException", 400, `Malformed path segment: ${segment}`);
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
