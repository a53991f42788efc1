import { ErrorCode, ResourceNotFoundError, SwitchyardError, ValidationError } from "../../core/errors.js";
import { utf8ByteLength } from "../../core/events/index.js";
import type { QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";
import { enqueueFor } from "../queues/send-messages.js";
import { loadAsyncInvocationQueue } from "./async-invocation-queue.js";
import { functionArn } from "./lambda-environment.js";

/** What an asynchronous Invoke works with. */
export interface AsyncInvokeContext {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Shared with the functions' async invokers, so an enqueued event wakes its function's invoker. */
  readonly wakeups: QueueWakeups;
  readonly account: string;
  readonly region: string;
}

/**
 * Invoke's answer to InvocationType Event: 202 Accepted with the request id (`x-amzn-RequestId`), which is also
 * the `awsRequestId` of every attempt and the `requestId` of the invocation record.
 */
export interface AsyncInvokeResult {
  readonly StatusCode: 202;
  readonly requestId: string;
}

/**
 * Invoke with InvocationType Event: the payload is committed to the function's async-invocation queue and the call
 * answers at once; the function's async invoker runs it, retries it and sends its record to the destinations.
 * A function without a queue is ResourceNotFound ("Function not found: ARN"); a payload over the queue's limit
 * (1 MB, Lambda's for asynchronous invocations) is refused as Lambda refuses it.
 * @example
 * const { requestId } = await invokeAsync(context, "send-receipt", { orderId: "o-1" });
 */
export async function invokeAsync(
  context: AsyncInvokeContext,
  functionName: string,
  payload: unknown,
): Promise<AsyncInvokeResult> {
  const queue = await loadAsyncInvocationQueue(context.store, functionName);
  if (queue === undefined) {
    throw new ResourceNotFoundError(`Function not found: ${functionArn(context, functionName)}`, {
      functionName,
    });
  }
  const body = serializePayload(payload);
  const sizeBytes = utf8ByteLength(body);
  const limitBytes = queue.settings.maximumMessageSizeBytes;
  if (sizeBytes > limitBytes) {
    // Lambda's RequestEntityTooLargeException (413) says it this way.
    throw new SwitchyardError(
      ErrorCode.RequestTooLarge,
      `${sizeBytes} byte payload is too large for the Event invocation type (limit ${limitBytes} bytes)`,
      { context: { functionName, sizeBytes, limitBytes } },
    );
  }
  const item = enqueueFor(
    context.ids,
    queue,
    { body, messageAttributes: null, systemFields: {}, groupId: null, deduplicationId: null },
    context.clock.nowMs(),
  );
  await context.store.enqueue([item]);
  context.wakeups.arrived([item]);
  return { StatusCode: 202, requestId: item.message.messageId };
}

/** The payload as Lambda takes it: JSON text, no payload at all being `{}` (as the runner sends it). */
function serializePayload(payload: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload === undefined ? {} : payload);
  } catch (error) {
    throw new ValidationError(`Could not parse request body into json: ${String(error)}`);
  }
  if (json === undefined)
    throw new ValidationError(`Could not parse request body into json: ${typeof payload}`);
  return json;
}
