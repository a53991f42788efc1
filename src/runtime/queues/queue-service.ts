import { QueueDoesNotExistError } from "../../core/errors.js";
import type { SendMessageBatchRequestEntry, SendMessageInput } from "../../core/queues/index.js";
import type { QueueRecord, QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import { isInternalQueueName } from "./internal-queues.js";
import { createMessageMoveTasks, type MessageMoveTask } from "./message-move-tasks.js";
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  type ReceiptBatchResult,
} from "./message-receipts.js";
import { type QueueContext, queueArn } from "./queue-context.js";
import {
  type CreateQueueInput,
  createQueue,
  getQueueAttributes,
  purgeQueue,
  setQueueAttributes,
} from "./queue-lifecycle.js";
import { listDeadLetterSourceQueues, listQueueTags, tagQueue, untagQueue } from "./queue-tags.js";
import { QueueWakeups } from "./queue-wakeups.js";
import { ReceiveAttempts } from "./receive-attempts.js";
import { type ReceivedMessage, type ReceiveMessageInput, receiveMessage } from "./receive-messages.js";
import {
  type SendMessageBatchResult,
  type SendMessageResult,
  sendMessage,
  sendMessageBatch,
} from "./send-messages.js";

/** What a QueueService runs on. */
export interface QueueServiceOptions {
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  /** Shared with other senders (the event bus) so their deliveries wake long polls too. */
  readonly wakeups?: QueueWakeups;
}

/**
 * SQS's queue operations with SQS's semantics, over a QueueStore. Requests use AWS's parameter names;
 * queues are named (the api layer turns queue URLs into names).
 * @example
 * const sqs = createQueueService({ store, clock, ids, account: "000000000000", region: "us-east-1" });
 * await sqs.createQueue({ QueueName: "orders" });
 * await sqs.sendMessage("orders", { MessageBody: "hello" });
 * const [message] = await sqs.receiveMessage("orders", { WaitTimeSeconds: 20 });
 */
export interface QueueService {
  createQueue(input: CreateQueueInput): Promise<QueueRecord>;
  deleteQueue(name: string): Promise<void>;
  listQueues(prefix?: string): Promise<string[]>;
  getQueueAttributes(name: string, attributeNames?: readonly string[]): Promise<Record<string, string>>;
  setQueueAttributes(name: string, attributes: Readonly<Record<string, string>>): Promise<void>;
  purgeQueue(name: string): Promise<void>;
  queueArn(name: string): string;
  tagQueue(name: string, tags: Readonly<Record<string, string>>): Promise<void>;
  untagQueue(name: string, keys: readonly string[]): Promise<void>;
  listQueueTags(name: string): Promise<Record<string, string>>;
  listDeadLetterSourceQueues(name: string): Promise<string[]>;
  startMessageMoveTask(input: {
    SourceArn: string;
    DestinationArn?: string;
    MaxNumberOfMessagesPerSecond?: number;
  }): Promise<string>;
  listMessageMoveTasks(sourceArn: string, maxResults?: number): MessageMoveTask[];
  cancelMessageMoveTask(taskHandle: string): number;
  sendMessage(name: string, input: SendMessageInput): Promise<SendMessageResult>;
  sendMessageBatch(
    name: string,
    entries: readonly SendMessageBatchRequestEntry[] | undefined,
  ): Promise<SendMessageBatchResult>;
  receiveMessage(name: string, input?: ReceiveMessageInput): Promise<ReceivedMessage[]>;
  deleteMessage(name: string, receiptHandle: string): Promise<void>;
  deleteMessageBatch(
    name: string,
    entries: readonly { Id?: string; ReceiptHandle: string }[],
  ): Promise<ReceiptBatchResult>;
  changeMessageVisibility(name: string, receiptHandle: string, visibilityTimeout: number): Promise<void>;
  changeMessageVisibilityBatch(
    name: string,
    entries: readonly { Id?: string; ReceiptHandle: string; VisibilityTimeout: number }[],
  ): Promise<ReceiptBatchResult>;
}

/** Creates the queue service. */
export function createQueueService(options: QueueServiceOptions): QueueService {
  const context: QueueContext = {
    ...options,
    wakeups: options.wakeups ?? new QueueWakeups(options.clock),
    receiveAttempts: new ReceiveAttempts(),
  };
  const lastPurgeAtMs = new Map<string, number>();
  const moveTasks = createMessageMoveTasks(context);
  return {
    createQueue: (input) => createQueue(context, input),
    async deleteQueue(name) {
      if (!(await context.store.deleteQueue(name))) throw new QueueDoesNotExistError(name);
      context.receiveAttempts.forgetQueue(name);
      context.wakeups.notify(name);
    },
    listQueues: async (prefix) =>
      (await context.store.listQueues(prefix))
        .map((q) => q.name)
        .filter((name) => !isInternalQueueName(name)),
    getQueueAttributes: (name, names) => getQueueAttributes(context, name, names),
    setQueueAttributes: (name, attributes) => setQueueAttributes(context, name, attributes),
    purgeQueue: (name) => purgeQueue(context, name, lastPurgeAtMs),
    queueArn: (name) => queueArn(context, name),
    tagQueue: (name, tags) => tagQueue(context, name, tags),
    untagQueue: (name, keys) => untagQueue(context, name, keys),
    listQueueTags: (name) => listQueueTags(context, name),
    listDeadLetterSourceQueues: (name) => listDeadLetterSourceQueues(context, name),
    startMessageMoveTask: (input) => moveTasks.start(input),
    listMessageMoveTasks: (sourceArn, maxResults) => moveTasks.list(sourceArn, maxResults),
    cancelMessageMoveTask: (taskHandle) => moveTasks.cancel(taskHandle),
    sendMessage: (name, input) => sendMessage(context, name, input),
    sendMessageBatch: (name, entries) => sendMessageBatch(context, name, entries),
    receiveMessage: (name, input) => receiveMessage(context, name, input),
    deleteMessage: (name, handle) => deleteMessage(context, name, handle),
    deleteMessageBatch: (name, entries) => deleteMessageBatch(context, name, entries),
    changeMessageVisibility: (name, handle, timeout) =>
      changeMessageVisibility(context, name, handle, timeout),
    changeMessageVisibilityBatch: (name, entries) => changeMessageVisibilityBatch(context, name, entries),
  };
}
