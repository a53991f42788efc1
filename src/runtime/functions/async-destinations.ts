import type { ResourceRef } from "../../core/app/index.js";
import type { PutEventsRequestEntry, PutEventsResponse } from "../../core/events/index.js";
import { busArnOf } from "../bus/bus-names.js";
import { type AsyncInvocationRecord, DESTINATION_EVENT } from "./async-invocation-record.js";

/**
 * How an invoker reaches its destinations: the services above it, passed in by the composition root (the
 * functions runtime does not build queues, buses or other functions' invokers itself).
 */
export interface AsyncDestinations {
  /** SendMessage of `body` to a standard queue, by name (the queue service's, so long polls wake). */
  sendToQueue(queue: string, body: string): Promise<unknown>;
  /** PutEvents, answered entry by entry as the bus service answers it. */
  putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResponse>;
  /** Invoke with InvocationType Event of another function. */
  invokeFunctionAsync(functionName: string, payload: unknown): Promise<unknown>;
}

/** Whether a record reached its destination, and why not. */
export type DestinationOutcome =
  | { readonly delivered: true }
  | { readonly delivered: false; readonly reason: string; readonly error?: unknown };

/** The account and Region a bus ARN is written in. */
interface Placement {
  readonly account: string;
  readonly region: string;
}

/**
 * Sends an invocation record to a destination as Lambda does: a queue gets it as the message body (JSON), a
 * function as its payload, a bus as the detail of one event from source `lambda` whose resources are the bus's
 * ARN and the function's qualified ARN, in that order (as Lambda's events show them). A delivery that fails is
 * answered, not thrown: Lambda does not retry it either, it counts DestinationDeliveryFailures
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export async function deliverRecord(
  destinations: AsyncDestinations,
  placement: Placement,
  destination: ResourceRef,
  record: AsyncInvocationRecord,
): Promise<DestinationOutcome> {
  try {
    switch (destination.kind) {
      case "queue":
        await destinations.sendToQueue(destination.name, JSON.stringify(record));
        return { delivered: true };
      case "function":
        await destinations.invokeFunctionAsync(destination.name, record);
        return { delivered: true };
      case "bus": {
        const success = record.requestContext.condition === "Success";
        const response = await destinations.putEvents([
          {
            Source: DESTINATION_EVENT.source,
            DetailType: success ? DESTINATION_EVENT.successDetailType : DESTINATION_EVENT.failureDetailType,
            Detail: JSON.stringify(record),
            EventBusName: destination.name,
            Resources: [busArnOf(placement, destination.name), record.requestContext.functionArn],
          },
        ]);
        const [entry] = response.Entries;
        if (response.FailedEntryCount === 0 && entry !== undefined && "EventId" in entry) {
          return { delivered: true };
        }
        const failure = entry !== undefined && "ErrorCode" in entry ? entry : undefined;
        return {
          delivered: false,
          reason: `PutEvents refused the record: ${failure?.ErrorCode ?? "no entry"}${failure === undefined ? "" : ` ${failure.ErrorMessage}`}`,
        };
      }
    }
  } catch (error) {
    return {
      delivered: false,
      reason: `${destination.kind} ${destination.name}: ${error instanceof Error ? error.message : String(error)}`,
      error,
    };
  }
}
