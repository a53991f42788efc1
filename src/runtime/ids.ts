import { randomBytes, randomUUID } from "node:crypto";

/** Where new identifiers come from: injected, so tests can make them predictable. */
export interface IdSource {
  /** A message id, a UUID as SQS uses. */
  messageId(): string;
  /** A receipt token: unguessable, new on every receive. */
  token(): string;
}

/** Random ids from node:crypto; token bytes are drawn 4 KiB at a time (one syscall per 341 tokens). */
export function createRandomIds(): IdSource {
  const TOKEN_BYTES = 12;
  let pool = randomBytes(4096);
  let offset = 0;
  return {
    messageId: () => randomUUID(),
    token: () => {
      if (offset + TOKEN_BYTES > pool.length) {
        pool = randomBytes(4096);
        offset = 0;
      }
      offset += TOKEN_BYTES;
      return pool.toString("base64url", offset - TOKEN_BYTES, offset);
    },
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
