import type { FunctionDefinition } from "./function-definition.js";

/** The version every invocation runs: Switchyard keeps no published versions. */
export const FUNCTION_VERSION = "$LATEST";

/** Where a function runs: the account and Region its ARN and AWS_REGION name. */
export interface FunctionPlacement {
  readonly account: string;
  readonly region: string;
}

/** The unqualified ARN Lambda passes as `invokedFunctionArn` when $LATEST is invoked by name. */
export function functionArn(placement: FunctionPlacement, functionName: string): string {
  return `arn:aws:lambda:${placement.region}:${placement.account}:function:${functionName}`;
}

/** The CloudWatch log group Lambda writes a function's logs to. */
export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * An execution environment's log stream, as Lambda names it: `YYYY/MM/DD/[$LATEST]` and 32 hex digits.
 * `uuid` supplies the digits (a UUID without its dashes); the date is the environment's start, in UTC.
 */
export function logStreamName(startedAtMs: number, uuid: string): string {
  const day = new Date(startedAtMs).toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${FUNCTION_VERSION}]${uuid.replaceAll("-", "")}`;
}

/**
 * The process environment of one execution environment: the unreserved variables Lambda provides
 * (which a function may override), then the platform's own (`platformEnvironment`: credentials or an
 * endpoint for the AWS SDK), then the function's variables, then the reserved ones, which nothing overrides.
 */
export function executionEnvironmentVariables(
  definition: FunctionDefinition,
  placement: FunctionPlacement,
  streamName: string,
  platformEnvironment: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const nodeMajor = process.versions.node.split(".")[0] ?? "20";
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    // Lambda runs every function in UTC. Node's time zone is process-wide, so this names it to the
    // handler but cannot change the host's (see README).
    TZ: ":UTC",
    NODE_PATH: definition.baseDirectory,
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: "1",
    ...platformEnvironment,
    ...definition.environment,
    _HANDLER: definition.handler,
    AWS_REGION: placement.region,
    AWS_DEFAULT_REGION: placement.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${nodeMajor}.x`,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: FUNCTION_VERSION,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(definition.name),
    AWS_LAMBDA_LOG_STREAM_NAME: streamName,
    LAMBDA_TASK_ROOT: definition.baseDirectory,
  };
}
