import { ErrorCode, QueueRequestError, ResourceNotFoundError } from "../../core/errors.js";
import { parseSqsQueueArn } from "../../core/queues/index.js";
import type { TimerHandle } from "../clock.js";
import { decodeSystemFields } from "./message-codec.js";
import { loadQueue, type QueueContext, queueArn } from "./queue-context.js";
import { listDeadLetterSourceQueues } from "./queue-tags.js";

/** A move task's state, as SQS names it. */
export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

/** ListMessageMoveTasks' view of a task, with AWS's names. */
export interface MessageMoveTask {
  readonly TaskHandle: string;
  readonly Status: MoveTaskStatus;
  readonly SourceArn: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
  readonly ApproximateNumberOfMessagesMoved: number;
  readonly ApproximateNumberOfMessagesToMove: number;
  readonly StartedTimestamp: number;
  readonly FailureReason?: string;
}

/** SQS's bounds on MaxNumberOfMessagesPerSecond; without one, Switchyard moves at the top rate. */
export const MOVE_RATE = Object.freeze({ min: 1, max: 500 });

interface TaskState {
  task: MessageMoveTask;
  timer?: TimerHandle;
}

/**
 * StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask: moves messages out of a dead-letter
 * queue — to a chosen queue, or each back to the queue it came from (its DeadLetterQueueSourceArn) — at most
 * MaxNumberOfMessagesPerSecond a second, one active task per source queue. A batch is received (hidden) from
 * the dead-letter queue, re-sent to its destination, then deleted: a crash in between leaves a duplicate, never
 * a loss. Task states live in memory and are not kept across restarts.
 */
export function createMessageMoveTasks(context: QueueContext) {
  const tasks = new Map<string, TaskState>();
  let nextTask = 0;

  function invalid(message: string, details: Record<string, unknown> = {}): QueueRequestError {
    return new QueueRequestError(ErrorCode.InvalidParameterValue, message, details);
  }

  function destinationOf(fixed: string | undefined, systemAttributes: string | null): string | undefined {
    const arn = fixed ?? decodeSystemFields(systemAttributes).DeadLetterQueueSourceArn;
    return arn === undefined ? undefined : parseSqsQueueArn(arn)?.queueName;
  }

  async function step(state: TaskState, source: string, perSecond: number): Promise<void> {
    if (state.task.Status === "CANCELLING") {
      state.task = { ...state.task, Status: "CANCELLED" };
      return;
    }
    const nowMs = context.clock.nowMs();
    const claimed = await context.store.claim({
      queue: source,
      nowMs,
      max: perSecond,
      hiddenUntilMs: nowMs + 60_000,
      tokens: context.ids.token,
    });
    let moved = 0;
    for (const message of claimed.messages) {
      const destination = destinationOf(state.task.DestinationArn, message.systemAttributes);
      const target = destination === undefined ? undefined : await context.store.getQueue(destination);
      if (target === undefined) {
        // Nowhere to go: it becomes visible again in the dead-letter queue and the task fails, as SQS's does.
        await context.store.changeVisibility(
          { queue: source, sequence: message.sequence, receiptToken: message.receiptToken as string },
          nowMs,
          nowMs,
        );
        state.task = { ...state.task, Status: "FAILED", FailureReason: "Destination queue does not exist." };
        continue;
      }
      // Same message, a fresh start in its new queue; its retention still runs from its first enqueue.
      await context.store.enqueue([
        {
          queue: target.name,
          message: {
            messageId: message.messageId,
            body: message.body,
            messageAttributes: message.messageAttributes,
            systemAttributes: message.systemAttributes,
            sentAtMs: message.sentAtMs,
            visibleAtMs: nowMs,
            expiresAtMs: message.expiresAtMs,
            groupId: message.groupId,
            deduplicationId: message.deduplicationId,
            receiveCount: 0,
            firstReceivedAtMs: null,
          },
        },
      ]);
      await context.store.ack({
        queue: source,
        sequence: message.sequence,
        receiptToken: message.receiptToken as string,
      });
      context.wakeups.notify(target.name);
      moved++;
    }
    state.task = {
      ...state.task,
      ApproximateNumberOfMessagesMoved: state.task.ApproximateNumberOfMessagesMoved + moved,
    };
    if (state.task.Status !== "RUNNING") return;
    if (claimed.messages.length === 0) {
      state.task = { ...state.task, Status: "COMPLETED" };
      return;
    }
    state.timer = context.clock.schedule(1_000, () => void step(state, source, perSecond));
  }

  return {
    async start(input: {
      SourceArn: string;
      DestinationArn?: string;
      MaxNumberOfMessagesPerSecond?: number;
    }): Promise<string> {
      const source = parseSqsQueueArn(input.SourceArn)?.queueName;
      if (source === undefined)
        throw invalid("You must use a valid queue ARN for SourceArn.", { SourceArn: input.SourceArn });
      await loadQueue(context, source);
      if ((await listDeadLetterSourceQueues(context, source)).length === 0) {
        throw invalid("Source queue must be configured as a Dead Letter Queue.", {
          SourceArn: input.SourceArn,
        });
      }
      const rate = input.MaxNumberOfMessagesPerSecond;
      if (rate !== undefined && (!Number.isInteger(rate) || rate < MOVE_RATE.min || rate > MOVE_RATE.max)) {
        throw invalid(
          `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`,
        );
      }
      if (input.DestinationArn !== undefined) {
        const destination = parseSqsQueueArn(input.DestinationArn)?.queueName;
        if (destination === undefined || (await context.store.getQueue(destination)) === undefined) {
          throw invalid("Destination queue does not exist.", { DestinationArn: input.DestinationArn });
        }
      }
      for (const state of tasks.values()) {
        if (
          state.task.SourceArn === input.SourceArn &&
          (state.task.Status === "RUNNING" || state.task.Status === "CANCELLING")
        ) {
          throw invalid(
            "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
          );
        }
      }
      const counts = await context.store.counts(source, context.clock.nowMs());
      const handle = Buffer.from(`${queueArn(context, source)}#${++nextTask}`).toString("base64url");
      const state: TaskState = {
        task: {
          TaskHandle: handle,
          Status: "RUNNING",
          SourceArn: input.SourceArn,
          ...(input.DestinationArn === undefined ? {} : { DestinationArn: input.DestinationArn }),
          ...(rate === undefined ? {} : { MaxNumberOfMessagesPerSecond: rate }),
          ApproximateNumberOfMessagesMoved: 0,
          ApproximateNumberOfMessagesToMove: counts.visible,
          StartedTimestamp: context.clock.nowMs(),
        },
      };
      tasks.set(handle, state);
      state.timer = context.clock.schedule(0, () => void step(state, source, rate ?? MOVE_RATE.max));
      return handle;
    },

    /** The source's tasks, newest first (at most `maxResults`, 1–10, default 1). */
    list(sourceArn: string, maxResults = 1): MessageMoveTask[] {
      return [...tasks.values()]
        .map((state) => state.task)
        .filter((task) => task.SourceArn === sourceArn)
        .sort((a, b) => b.StartedTimestamp - a.StartedTimestamp)
        .slice(0, maxResults);
    },

    /** Cancels a running task; answers how many messages it had moved. */
    cancel(taskHandle: string): number {
      const state = tasks.get(taskHandle);
      if (state === undefined) throw new ResourceNotFoundError("Task does not exist.", { taskHandle });
      if (state.task.Status !== "RUNNING")
        throw invalid("Only active tasks can be cancelled.", { taskHandle });
      state.task = { ...state.task, Status: "CANCELLING" };
      return state.task.ApproximateNumberOfMessagesMoved;
    },
  };
}
