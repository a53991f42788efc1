import type { IntegerRange } from "../queues/index.js";

/**
 * Lambda's defaults for a function and its asynchronous invocation (CreateFunction: Timeout "The default is 3
 * seconds", MemorySize "The default value is 128 MB"; PutFunctionEventInvokeConfig: by default Lambda retries
 * twice and keeps an event up to six hours).
 */
export const FUNCTION_DEFAULTS = Object.freeze({
  timeoutSeconds: 3,
  memorySizeMb: 128,
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21_600,
});

/**
 * Lambda's limits on a function (CreateFunction, Environment and PutFunctionEventInvokeConfig references):
 * a bare function name is at most 64 characters ("If you specify only the function name, it is limited to
 * 64 characters in length"), a handler at most 128 non-space characters, environment variables 4 KB in all.
 */
export const FUNCTION_LIMITS = Object.freeze({
  nameMaxLength: 64,
  handlerMaxLength: 128,
  timeoutSeconds: Object.freeze({ min: 1, max: 900 }),
  memorySizeMb: Object.freeze({ min: 128, max: 10_240 }),
  // An account's default concurrency is 1,000, of which 100 must stay unreserved ("… below its minimum
  // value of [100]"): a function can reserve at most 900.
  reservedConcurrency: Object.freeze({ min: 0, max: 900 }),
  accountConcurrency: 1000,
  unreservedConcurrencyMinimum: 100,
  maximumRetryAttempts: Object.freeze({ min: 0, max: 2 }),
  maximumEventAgeSeconds: Object.freeze({ min: 60, max: 21_600 }),
  environmentMaxBytes: 4_096,
} satisfies Record<string, IntegerRange | number>);

/** A bare function name as CreateFunction's FunctionName pattern allows it (no ARN, no qualifier). */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** An environment variable name (API_Environment: Key Pattern `[a-zA-Z]([a-zA-Z0-9_])+`). */
export const ENVIRONMENT_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/**
 * Environment variables Lambda sets itself and refuses in a function's configuration ("Lambda was unable to
 * configure your environment variables because the environment variables you have provided contains reserved
 * keys…"; the reserved list of https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 */
export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

/**
 * Lambda's defaults for an SQS event source mapping
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html).
 */
export const EVENT_SOURCE_MAPPING_DEFAULTS = Object.freeze({
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  enabled: true,
  reportBatchItemFailures: false,
});

/**
 * Lambda's limits for an SQS event source mapping: BatchSize up to 10,000 for a standard queue and 10 for a
 * FIFO queue, and above 10 only with a batching window of at least 1 second (CreateEventSourceMapping,
 * MaximumBatchingWindowInSeconds); ScalingConfig.MaximumConcurrency 2 to 1,000 (API_ScalingConfig); five
 * filters by default (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
export const EVENT_SOURCE_MAPPING_LIMITS = Object.freeze({
  batchSize: Object.freeze({ min: 1, max: 10_000 }),
  fifoBatchSizeMax: 10,
  batchSizeWithoutWindowMax: 10,
  maximumBatchingWindowSeconds: Object.freeze({ min: 0, max: 300 }),
  maximumConcurrency: Object.freeze({ min: 2, max: 1_000 }),
  filterPatternsMax: 5,
} satisfies Record<string, IntegerRange | number>);

/**
 * How many function timeouts a queue's visibility timeout should span: "set the source queue's visibility
 * timeout to at least six times the timeout that you configure on your function", plus the batching window
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
 */
export const RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR = 6;
