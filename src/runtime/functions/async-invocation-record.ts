import type { JsonValue } from "../../core/json.js";
import type { InvocationFailure, InvocationSuccess } from "./invocation-result.js";
import { FUNCTION_VERSION } from "./lambda-environment.js";

/**
 * Why Lambda sends an invocation record (its `requestContext.condition`): the invocation succeeded, or the
 * event was discarded — its retries ran out, it grew older than the maximum event age, or the function's
 * reserved concurrency is 0 ("Lambda begins sending new events to the configured dead-letter queue or the
 * on-failure event destination, without any retries", https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html;
 * LocalStack names that condition ZeroReservedConcurrency).
 */
export const AsyncInvocationCondition = {
  Success: "Success",
  RetriesExhausted: "RetriesExhausted",
  EventAgeExceeded: "EventAgeExceeded",
  ZeroReservedConcurrency: "ZeroReservedConcurrency",
} as const;
/** One of the invocation record's conditions. */
export type AsyncInvocationCondition =
  (typeof AsyncInvocationCondition)[keyof typeof AsyncInvocationCondition];

/** The conditions that discard an event: its record goes to the on-failure destination. */
export type AsyncFailureCondition = Exclude<AsyncInvocationCondition, "Success">;

/** How the function answered the attempt a record reports, as Lambda writes it. */
export interface AsyncResponseContext {
  readonly statusCode: 200;
  readonly executedVersion: typeof FUNCTION_VERSION;
  readonly functionError?: "Unhandled";
}

/**
 * The record Lambda sends a destination, key for key in Lambda's order
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). `responseContext` and
 * `responsePayload` are absent when the function never answered (the event was discarded before it ran).
 */
export interface AsyncInvocationRecord {
  readonly version: "1.0";
  /** When the record was made, ISO 8601 with milliseconds. */
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    /** The function's ARN with the version that ran: `…:function:NAME:$LATEST`. */
    readonly functionArn: string;
    readonly condition: AsyncInvocationCondition;
    /** How many times the function ran (started) for this event. */
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: JsonValue;
  readonly responseContext?: AsyncResponseContext;
  /** The handler's result, or the error payload of a failed attempt. */
  readonly responsePayload?: JsonValue;
}

/**
 * What an EventBridge destination receives: source `lambda`, one detail type per outcome, the record as the
 * detail. Lambda's guide prints the detail types with an en dash; the events it puts on a bus use a hyphen
 * ("Lambda Function Invocation Result - Success"), as rules written against them match.
 */
export const DESTINATION_EVENT = Object.freeze({
  source: "lambda",
  successDetailType: "Lambda Function Invocation Result - Success",
  failureDetailType: "Lambda Function Invocation Result - Failure",
});

/** What a record is made of. */
export interface InvocationRecordInput {
  readonly nowMs: number;
  readonly requestId: string;
  /** The qualified ARN (`…:$LATEST`). */
  readonly functionArn: string;
  readonly condition: AsyncInvocationCondition;
  readonly approximateInvokeCount: number;
  readonly requestPayload: JsonValue;
  /** The last attempt's result; absent when the function never ran for this event. */
  readonly response?: InvocationSuccess | InvocationFailure;
}

/**
 * Builds the invocation record of an asynchronous invocation.
 * @example
 * const record = createInvocationRecord({ nowMs, requestId, functionArn: `${arn}:$LATEST`,
 *   condition: "Success", approximateInvokeCount: 1, requestPayload: { orderId: "o-1" }, response: result });
 */
export function createInvocationRecord(input: InvocationRecordInput): AsyncInvocationRecord {
  const { response } = input;
  return {
    version: "1.0",
    timestamp: new Date(input.nowMs).toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.approximateInvokeCount,
    },
    requestPayload: input.requestPayload,
    ...(response === undefined
      ? {}
      : {
          responseContext: {
            statusCode: 200,
            executedVersion: FUNCTION_VERSION,
            ...(response.ok ? {} : { functionError: response.functionError }),
          },
          responsePayload: response.ok ? response.payload : (JSON.parse(response.payloadJson) as JsonValue),
        }),
  };
}
