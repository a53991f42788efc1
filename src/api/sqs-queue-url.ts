import { ErrorCode, QueueDoesNotExistError, QueueRequestError } from "../core/errors.js";
import type { ApiRequest } from "./api-request.js";

/** Where the server is, as queue URLs and ARNs name it. */
export interface ApiPlace {
  readonly account: string;
  readonly region: string;
}

/** A queue's URL as SQS writes it, on the host the client called: `http://127.0.0.1:4566/000000000000/orders`. */
export function queueUrlFor(request: ApiRequest, place: ApiPlace, name: string): string {
  return `http://${request.headers.host ?? "127.0.0.1"}/${place.account}/${name}`;
}

/**
 * The queue a QueueUrl names. Any host is accepted (clients reach us under many names); the path must be
 * `/ACCOUNT/NAME` with our account, else the queue does not exist — as SQS answers for another account's queue
 * the caller may not see.
 */
export function queueNameFromUrl(queueUrl: unknown, place: ApiPlace): string {
  if (queueUrl === undefined || queueUrl === null || queueUrl === "") {
    throw new QueueRequestError(
      ErrorCode.MissingParameter,
      "The request must contain the parameter QueueUrl.",
    );
  }
  if (typeof queueUrl !== "string") throw new QueueDoesNotExistError(String(queueUrl));
  let path: string;
  try {
    path = new URL(queueUrl).pathname;
  } catch {
    // A bare path ("/000000000000/orders") is what the query protocol's path form gives.
    path = queueUrl;
  }
  const [account, name, ...rest] = path.split("/").filter((segment) => segment !== "");
  if (account !== place.account || name === undefined || rest.length > 0) {
    throw new QueueDoesNotExistError(queueUrl);
  }
  return decodeURIComponent(name);
}
