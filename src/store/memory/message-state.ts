import type { StoredMessage } from "../queue-store.js";

/**
 * Whether a message's retention has ended at `nowMs`: SQS treats it as deleted, even while it still sits
 * in the store waiting for expire() to drop it.
 */
export function isExpired(message: StoredMessage, nowMs: number): boolean {
  return message.expiresAtMs <= nowMs;
}

/** Whether a receive at `nowMs` may take the message: its delay or hiding is over, its retention not. */
export function isVisible(message: StoredMessage, nowMs: number): boolean {
  return message.visibleAtMs <= nowMs && !isExpired(message, nowMs);
}

/** Whether the message was received and is still hidden at `nowMs` (…NumberOfMessagesNotVisible). */
export function isInFlight(message: StoredMessage, nowMs: number): boolean {
  return message.receiveCount > 0 && message.visibleAtMs > nowMs;
}

/** Whether the message was never received and its delay is not over at `nowMs` (…NumberOfMessagesDelayed). */
export function isDelayed(message: StoredMessage, nowMs: number): boolean {
  return message.receiveCount === 0 && message.visibleAtMs > nowMs;
}
