import { ResourceNotFoundError, ValidationError } from "../core/errors.js";
import { functionArn } from "../runtime/functions/index.js";
import type { RunningFunction, Switchyard } from "../switchyard.js";
import type { ApiPlace } from "./sqs-json.js";

/** The only version Switchyard runs: a function as its app defines it now. */
export const LATEST_VERSION = "$LATEST";

// FunctionName as Lambda's operations accept it: a name, a partial ARN (ACCOUNT:function:NAME) or a full ARN,
// each optionally with a qualifier (API_Invoke, FunctionName).
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>[a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(?<account>\d{12}:)?(function:)?(?<name>[a-zA-Z0-9-_]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$/;
const FUNCTION_NAME_PATTERN_TEXT =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

/** The runtime Lambda reports for Switchyard's functions: handlers run as the nodejs22.x runtime runs them. */
const RUNTIME = "nodejs22.x";

/**
 * The running function a FunctionName (name or ARN, optional qualifier) names. Only `$LATEST` exists; another
 * qualifier, account or Region, or a name no running app has, is Lambda's ResourceNotFoundException.
 */
export function findFunction(
  switchyard: Switchyard,
  place: ApiPlace,
  functionName: string,
  qualifier?: string | null,
): RunningFunction {
  const match = FUNCTION_NAME.exec(functionName);
  const groups = match?.groups;
  if (groups?.name === undefined) {
    throw new ValidationError(
      `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN_TEXT}`,
      { functionName },
    );
  }
  const version = qualifier ?? groups.qualifier;
  const samePlace =
    (groups.region === undefined || groups.region === `${place.region}:`) &&
    (groups.account === undefined || groups.account === `${place.account}:`);
  const found = samePlace ? switchyard.findFunction(groups.name) : undefined;
  if (found === undefined || (version !== undefined && version !== LATEST_VERSION)) {
    const arn = functionArn(place, groups.name) + (version === undefined ? "" : `:${version}`);
    throw new ResourceNotFoundError(`Function not found: ${arn}`, { functionName });
  }
  return found;
}

/** A function as GetFunction and ListFunctions describe it (API_FunctionConfiguration). */
export function functionConfiguration(place: ApiPlace, running: RunningFunction): Record<string, unknown> {
  const { definition } = running;
  const variables = Object.keys(definition.environment).length;
  return {
    FunctionName: definition.name,
    FunctionArn: functionArn(place, definition.name),
    Runtime: RUNTIME,
    Role: `arn:aws:iam::${place.account}:role/switchyard`,
    Handler: definition.handler.text,
    CodeSize: 0,
    Description: "",
    Timeout: definition.timeoutSeconds,
    MemorySize: definition.memorySizeMb,
    LastModified: lambdaTimestamp(running.runtime.startedAtMs),
    Version: LATEST_VERSION,
    ...(variables === 0 ? {} : { Environment: { Variables: { ...definition.environment } } }),
    TracingConfig: { Mode: "PassThrough" },
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${definition.name}` },
  };
}

/** GetFunction's answer: the configuration, and the reserved concurrency when the function has one. */
export function getFunction(place: ApiPlace, running: RunningFunction): Record<string, unknown> {
  const { reservedConcurrency } = running.definition;
  return {
    Configuration: functionConfiguration(place, running),
    ...(reservedConcurrency === undefined
      ? {}
      : { Concurrency: { ReservedConcurrentExecutions: reservedConcurrency } }),
  };
}

/** Every function of the running apps, in start order, as ListFunctions lists them. */
export function runningFunctions(switchyard: Switchyard): RunningFunction[] {
  const seen = new Set<string>();
  const functions: RunningFunction[] = [];
  for (const runtime of switchyard.apps()) {
    for (const definition of Object.values(runtime.app.functions)) {
      // Two apps defining one name: the first to start runs it (as findFunction finds it).
      if (seen.has(definition.name)) continue;
      seen.add(definition.name);
      functions.push({ runtime, definition });
    }
  }
  return functions;
}

/** Lambda's LastModified text: ISO 8601 with milliseconds and a `+0000` offset. */
function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}
