import type { StoredMessage } from "../queue-store.js";
import { isExpired, isInFlight, isVisible } from "./message-state.js";

/**
 * Orders by when messages became visible, then by enqueue order (a batch shares its send time, so ties
 * are common).
 */
function byVisibility(a: StoredMessage, b: StoredMessage): number {
  return a.visibleAtMs - b.visibleAtMs || a.sequence - b.sequence;
}

/**
 * The messages visible at `nowMs`, the one that became visible first leading; the order of standard
 * queue receives and of a move back from a dead-letter queue.
 */
export function visibleOldestFirst(messages: Iterable<StoredMessage>, nowMs: number): StoredMessage[] {
  const visible: StoredMessage[] = [];
  for (const message of messages) {
    if (isVisible(message, nowMs)) visible.push(message);
  }
  // Fresh messages arrive in sequence order with rising visibility, so this sort mostly merges a few runs.
  return visible.sort(byVisibility);
}

/**
 * The messages a FIFO receive may take at `nowMs`, in the order it takes them: groups with a message in
 * flight are skipped; the others come oldest group first (by the sequence of their first message), each
 * in sequence order up to its first message that is not visible yet, because a later message of a group
 * must never overtake an earlier one.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 */
function* fifoCandidates(messages: Iterable<StoredMessage>, nowMs: number): Generator<StoredMessage> {
  // A Map keeps insertion order, and messages arrive in sequence order: groups line up by first message.
  const groups = new Map<string | null, StoredMessage[]>();
  const blocked = new Set<string | null>();
  for (const message of messages) {
    // Past its retention a message is deleted as far as SQS is concerned: it neither blocks nor is taken.
    if (isExpired(message, nowMs)) continue;
    if (isInFlight(message, nowMs)) blocked.add(message.groupId);
    const group = groups.get(message.groupId);
    if (group === undefined) groups.set(message.groupId, [message]);
    else group.push(message);
  }
  for (const [groupId, group] of groups) {
    if (blocked.has(groupId)) continue;
    for (const message of group) {
      if (message.visibleAtMs > nowMs) break;
      yield message;
    }
  }
}

/**
 * The messages a receive at `nowMs` considers, best first; `messages` must come in sequence order. Lazy
 * for FIFO queues, so a claim that fills early does not walk every group.
 */
export function claimCandidates(
  messages: Iterable<StoredMessage>,
  fifo: boolean,
  nowMs: number,
): Iterable<StoredMessage> {
  return fifo ? fifoCandidates(messages, nowMs) : visibleOldestFirst(messages, nowMs);
}
