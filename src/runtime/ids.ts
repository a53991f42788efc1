import { randomBytes, randomUUID } from "node:crypto";

/** Where new identifiers come from: injected, so tests can make them predictable. */
export interface IdSource {
  /** A message id, a UUID as SQS uses. */
  messageId(): string;
  /** A receipt token: unguessable, new on every receive. */
  token(): string;
}

/** Random ids from node:crypto. */
export function createRandomIds(): IdSource {
  return {
    messageId: () => randomUUID(),
    token: () => randomBytes(12).toString("base64url"),
  };
}

/** Counting ids for tests: m-1, m-2 … and t-1, t-2 …. */
export function createCountingIds(): IdSource {
  let messages = 0;
  let tokens = 0;
  return {
    messageId: () => `m-${++messages}`,
    token: () => `t-${++tokens}`,
  };
}
