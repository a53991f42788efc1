/** Shared helpers of the EventBridge endpoint tests. */
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { startEndpoint } from "./api-fixture.js";

/** An endpoint and an EventBridge client pointed at it. */
export async function startEvents() {
  const endpoint = await startEndpoint();
  return { ...endpoint, eventBridge: new EventBridgeClient(endpoint.clientConfig) };
}

/** The error a call was refused with, or a test failure when it succeeded. */
export async function refusal(
  call: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error("the call succeeded but was expected to be refused");
}

/** Posts a raw AWS JSON 1.1 request, as a client that is not the SDK would. */
export async function postEvents(url: string, operation: string, body: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSEvents.${operation}` },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
