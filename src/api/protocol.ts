import type { ApiRequest, ApiResponse } from "./api-request.js";

/** One AWS wire protocol: which requests are its, and how it answers them. */
export interface Protocol {
  readonly name: string;
  /** Whether a request is this protocol's (by the headers AWS clients send: X-Amz-Target, Content-Type, path). */
  matches(request: ApiRequest): boolean;
  handle(request: ApiRequest): Promise<ApiResponse>;
}

/** The header a JSON protocol names its operation in: `AmazonSQS.SendMessage`, `AWSEvents.PutEvents`. */
export function amzTarget(request: ApiRequest): string | undefined {
  return request.headers["x-amz-target"];
}
