import {
  QUEUE_ATTRIBUTE_LIMITS,
  RECEIVE_REQUEST_ATTEMPT_WINDOW_MS,
  receiveAttemptNotRetryableError,
  validateReceiveRequestAttemptId,
} from "../../core/queues/index.js";
import type { MessageRef } from "../../store/queue-store.js";
import type { QueueContext } from "./queue-context.js";
import type { ReceivedMessage, ReceiveOutcome } from "./receive-messages.js";

const RECEIVE_LIMIT_MS = QUEUE_ATTRIBUTE_LIMITS.visibilityTimeoutSeconds.max * 1000;

/** A FIFO receive remembered under its ReceiveRequestAttemptId. */
interface Attempt {
  readonly key: string;
  readonly receivedAtMs: number;
  readonly messages: readonly ReceivedMessage[];
  readonly receipts: readonly MessageRef[];
  /** One of its messages was deleted or had its visibility changed: it can no longer be given again. */
  spent: boolean;
}

const attemptKey = (queue: string, attemptId: string) => `${queue}\n${attemptId}`;
const receiptKey = (ref: MessageRef) => `${ref.queue}\n${ref.sequence}\n${ref.receiptToken}`;

/**
 * The FIFO receives of the last five minutes, by queue and ReceiveRequestAttemptId, and the receives still
 * running under one. Kept in memory: the attempt id is a five-minute aid for retrying a receive whose answer was
 * lost on the network, not state worth a write on every receive; a restart forgets it (a retry then receives
 * anew, and the first answer's messages come back when their visibility ends, as without an attempt id).
 */
export class ReceiveAttempts {
  private readonly attempts = new Map<string, Attempt>();
  private readonly byReceipt = new Map<string, Attempt>();
  private readonly running = new Map<string, Promise<ReceiveOutcome | undefined>>();

  /** A deleted message, or one whose visibility changed, spends the attempt that handed out this receipt. */
  spend(ref: MessageRef): void {
    if (this.byReceipt.size === 0) return;
    const attempt = this.byReceipt.get(receiptKey(ref));
    if (attempt !== undefined) attempt.spent = true;
  }

  /** Forgets a queue's attempts (PurgeQueue, DeleteQueue: a queue made again under the name starts afresh). */
  forgetQueue(queue: string): void {
    for (const attempt of this.attempts.values()) {
      if (attempt.key.startsWith(`${queue}\n`)) this.drop(attempt);
    }
  }

  /** How many attempts are remembered (for tests that check memory is given back). */
  get size(): number {
    return this.attempts.size;
  }

  find(key: string, nowMs: number): Attempt | undefined {
    this.prune(nowMs);
    return this.attempts.get(key);
  }

  runningUnder(key: string): Promise<ReceiveOutcome | undefined> | undefined {
    return this.running.get(key);
  }

  /** Runs a receive under `key`: retries arriving meanwhile wait for its answer; a non-empty one is remembered. */
  async track(key: string, receive: Promise<ReceiveOutcome>): Promise<ReceiveOutcome> {
    // Retries wait on this one, which never rejects: a failed receive leaves them to receive on their own.
    const settled = receive.then(
      (outcome) => outcome,
      () => undefined,
    );
    this.running.set(key, settled);
    try {
      const outcome = await receive;
      if (outcome.messages.length > 0) this.remember(key, outcome);
      return outcome;
    } finally {
      if (this.running.get(key) === settled) this.running.delete(key);
    }
  }

  private remember(key: string, outcome: ReceiveOutcome): void {
    this.prune(outcome.receivedAtMs);
    const known = this.attempts.get(key);
    if (known !== undefined) this.drop(known);
    const attempt: Attempt = { key, ...outcome, spent: false };
    this.attempts.set(key, attempt);
    for (const ref of outcome.receipts) this.byReceipt.set(receiptKey(ref), attempt);
  }

  // Attempts are kept in the order they were made, so the expired ones are at the front.
  private prune(nowMs: number): void {
    for (const attempt of this.attempts.values()) {
      if (attempt.receivedAtMs + RECEIVE_REQUEST_ATTEMPT_WINDOW_MS > nowMs) return;
      this.drop(attempt);
    }
  }

  private drop(attempt: Attempt): void {
    this.attempts.delete(attempt.key);
    for (const ref of attempt.receipts) {
      const key = receiptKey(ref);
      if (this.byReceipt.get(key) === attempt) this.byReceipt.delete(key);
    }
  }
}

/**
 * ReceiveMessage on a FIFO queue with a ReceiveRequestAttemptId (API reference, ReceiveMessage): within five
 * minutes, a retry with the same id gets the same messages with the same receipt handles, and their visibility
 * timeout starts again — as long as none of them was deleted, had its visibility changed or became visible again;
 * after that the id is spent (InvalidParameterValue). A retry that arrives while the first receive still waits
 * (a long poll whose caller gave up) gets that receive's answer. `visibilityMs` is the retry's visibility timeout;
 * the restart never hides a message past 12 hours from the receive that handed it out.
 */
export async function receiveOnce(
  context: QueueContext,
  queue: string,
  attemptId: string,
  visibilityMs: number,
  receive: () => Promise<ReceiveOutcome>,
): Promise<ReceivedMessage[]> {
  validateReceiveRequestAttemptId(attemptId);
  const attempts = context.receiveAttempts;
  const key = attemptKey(queue, attemptId);
  const running = attempts.runningUnder(key);
  if (running !== undefined) {
    const outcome = await running;
    if (outcome !== undefined) return [...outcome.messages];
  }
  const nowMs = context.clock.nowMs();
  const attempt = attempts.find(key, nowMs);
  if (attempt === undefined) return [...(await attempts.track(key, receive())).messages];

  if (attempt.spent) throw receiveAttemptNotRetryableError(attemptId);
  // The store restarts the visibility only of messages still in flight under these receipts: one visible again,
  // received again or gone answers otherwise, and the attempt is spent.
  const hiddenUntilMs = Math.min(nowMs + visibilityMs, attempt.receivedAtMs + RECEIVE_LIMIT_MS);
  const outcomes = await Promise.all(
    attempt.receipts.map((ref) => context.store.changeVisibility(ref, hiddenUntilMs, nowMs)),
  );
  if (outcomes.some((outcome) => outcome !== "done")) {
    attempt.spent = true;
    throw receiveAttemptNotRetryableError(attemptId);
  }
  if (hiddenUntilMs <= nowMs) context.wakeups.notify(queue);
  return [...attempt.messages];
}
