import type { ClaimRequest, ClaimResult } from "../queue-store.js";
import { CLAIM_ORDER_START, type QueueKey, type QueueTables } from "./queue-tables.js";
import { type MessageRow, toNewMessage, toStoredMessage } from "./rows.js";

/** How many FIFO groups a claim reads at a time while it looks for free ones. */
const GROUP_BATCH = 16;

/** What a claim will do, decided from the rows as they were before it changed any. */
interface ClaimPlan {
  readonly claim: MessageRow[];
  readonly deadLetter: MessageRow[];
}

/**
 * Runs a claim (see QueueStore.claim) inside the caller's transaction: plans from the indexes first, then
 * hides and counts the messages it takes and moves those past maxReceiveCount to the dead-letter queue.
 */
export function claimMessages(tables: QueueTables, request: ClaimRequest): ClaimResult {
  const queue = tables.queueKey(request.queue);
  const deadLetterQueue =
    request.redrive === undefined ? undefined : tables.queueKey(request.redrive.deadLetterQueue);
  if (request.max <= 0) return { messages: [], deadLettered: [] };
  const plan =
    queue.fifo === 1 ? planFifoClaim(tables, queue, request) : planStandardClaim(tables, queue, request);
  const messages = plan.claim.map((row) =>
    toStoredMessage(
      tables.markReceived(row, {
        nowMs: request.nowMs,
        hiddenUntilMs: request.hiddenUntilMs,
        receiptToken: request.tokens(),
      }),
    ),
  );
  const deadLettered = plan.deadLetter.map((row) => {
    tables.deleteMessage(queue, row);
    // Visible in the dead-letter queue at once, keeping its receive count and retention (SQS redrive).
    const before = toNewMessage(row);
    const systemAttributes =
      request.redrive?.deadLetterSystemAttributes?.({
        ...before,
        sequence: row.sequence,
        receiptToken: null,
      }) ?? before.systemAttributes;
    const moved = { ...before, systemAttributes, visibleAtMs: request.nowMs };
    return toStoredMessage(tables.insertMessage(deadLetterQueue as QueueKey, moved));
  });
  return { messages, deadLettered };
}

/**
 * The visible, unexpired messages of a queue in claim order (when they became visible, then sequence),
 * read `batchSize` at a time through messages_by_visibility. Pure reads: the caller plans, then writes.
 */
export function* visibleInClaimOrder(
  tables: QueueTables,
  queueId: number,
  nowMs: number,
  batchSize: number,
): Generator<MessageRow, void, undefined> {
  let cursor = CLAIM_ORDER_START;
  for (;;) {
    const rows = tables.visibleInClaimOrder(queueId, nowMs, cursor, batchSize);
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    cursor = { afterVisibleAtMs: last.visible_at_ms, afterSequence: last.sequence };
  }
}

function planStandardClaim(tables: QueueTables, queue: QueueKey, request: ClaimRequest): ClaimPlan {
  const plan: ClaimPlan = { claim: [], deadLetter: [] };
  for (const row of visibleInClaimOrder(tables, queue.id, request.nowMs, request.max)) {
    if (isPastMaxReceives(row, request)) plan.deadLetter.push(row);
    else plan.claim.push(row);
    if (plan.claim.length === request.max) break;
  }
  return plan;
}

/**
 * SQS FIFO delivery: groups with a message in flight are skipped; the others are served oldest group
 * first (by their oldest message), as many of a group's messages as fit, in sequence order
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html).
 * The walk visits groups, not messages: each group costs one probe of messages_in_flight_by_group.
 */
function planFifoClaim(tables: QueueTables, queue: QueueKey, request: ClaimRequest): ClaimPlan {
  const plan: ClaimPlan = { claim: [], deadLetter: [] };
  let afterHead = 0;
  for (;;) {
    const groups = tables.groupsByAge(queue.id, afterHead, GROUP_BATCH);
    for (const group of groups) {
      if (tables.groupInFlight(queue.id, group.group_id, request.nowMs)) continue;
      takeFromGroup(tables, queue, group.group_id, request, plan);
      if (plan.claim.length === request.max) return plan;
    }
    const last = groups.at(-1);
    if (last === undefined || groups.length < GROUP_BATCH) return plan;
    afterHead = last.head_sequence;
  }
}

/** Plans a free group's messages from its oldest, stopping at one not yet visible: order within a group holds. */
function takeFromGroup(
  tables: QueueTables,
  queue: QueueKey,
  groupId: string,
  request: ClaimRequest,
  plan: ClaimPlan,
): void {
  let afterSequence = 0;
  for (;;) {
    const wanted = request.max - plan.claim.length;
    const rows = tables.groupMessages(queue.id, groupId, request.nowMs, afterSequence, wanted);
    for (const row of rows) {
      if (row.visible_at_ms > request.nowMs) return;
      if (isPastMaxReceives(row, request)) plan.deadLetter.push(row);
      else plan.claim.push(row);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < wanted || plan.claim.length === request.max) return;
    afterSequence = last.sequence;
  }
}

/** Already received maxReceiveCount times: the receive that would exceed it moves the message instead. */
function isPastMaxReceives(row: MessageRow, request: ClaimRequest): boolean {
  return request.redrive !== undefined && row.receive_count >= request.redrive.maxReceiveCount;
}
