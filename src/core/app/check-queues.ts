import { QueueRequestError } from "../errors.js";
import {
  applyQueueAttributes,
  isFifoQueueName,
  QUEUE_ATTRIBUTE_LIMITS,
  type ResolvedQueueAttributes,
  resolveQueueAttributes,
  validateQueueName,
} from "../queues/index.js";
import { AppWarningCode } from "./app-definition-error.js";
import {
  type Findings,
  memberPath,
  readBoolean,
  readInteger,
  readObject,
  readString,
  show,
} from "./findings.js";
import type { ResolvedDeadLetter, ResolvedQueue } from "./resolved-app.js";

/** Our numeric queue settings and the SQS attribute each one is. */
const SQS_ATTRIBUTE_OF = {
  visibilityTimeoutSeconds: "VisibilityTimeout",
  messageRetentionPeriodSeconds: "MessageRetentionPeriod",
  delaySeconds: "DelaySeconds",
  maximumMessageSizeBytes: "MaximumMessageSize",
  receiveMessageWaitTimeSeconds: "ReceiveMessageWaitTimeSeconds",
} as const;

const QUEUE_MEMBERS = [
  "fifo",
  ...Object.keys(SQS_ATTRIBUTE_OF),
  "contentBasedDeduplication",
  "deadLetter",
] as const;

// SQS's defaults for each kind of queue, resolved by core/queues itself: each setting is applied to these
// one at a time, so every bad setting is reported with SQS's message, not only the first.
const KIND_DEFAULTS = {
  standard: resolveQueueAttributes({ name: "standard" }),
  fifo: resolveQueueAttributes({ name: "fifo.fifo", attributes: { FifoQueue: "true" } }),
} as const;

/** Resolves every queue of `queues`; each problem is reported under the queue's path. */
export function resolveQueues(
  findings: Findings,
  queues: Readonly<Record<string, unknown>>,
): Map<string, ResolvedQueue> {
  const resolved = new Map<string, ResolvedQueue>();
  for (const [name, definition] of Object.entries(queues)) {
    const queue = resolveQueue(findings, name, definition);
    if (queue !== undefined) resolved.set(name, queue);
  }
  return resolved;
}

function resolveQueue(findings: Findings, name: string, definition: unknown): ResolvedQueue | undefined {
  const path = memberPath("queues", name);
  const queue = readObject(findings, path, definition, QUEUE_MEMBERS);
  if (queue === undefined) return undefined;
  const fifo = readBoolean(findings, memberPath(path, "fifo"), queue.fifo, isFifoQueueName(name));
  try {
    validateQueueName(name, { fifo });
  } catch (error) {
    if (!(error instanceof QueueRequestError)) throw error;
    findings.problem(path, `${JSON.stringify(name)} is not a valid queue name: ${error.message}`);
  }
  const attributes = resolveAttributes(findings, path, queue, fifo);
  const deadLetter = readDeadLetter(findings, memberPath(path, "deadLetter"), queue.deadLetter);
  return { name, attributes, ...(deadLetter === undefined ? {} : { deadLetter }) };
}

function resolveAttributes(
  findings: Findings,
  path: string,
  queue: Readonly<Record<string, unknown>>,
  fifo: boolean,
): ResolvedQueueAttributes {
  const defaults = fifo ? KIND_DEFAULTS.fifo : KIND_DEFAULTS.standard;
  const changes: Record<string, string> = {};
  const apply = (member: string, attribute: string, value: string): void => {
    try {
      applyQueueAttributes(defaults, { [attribute]: value });
      changes[attribute] = value;
    } catch (error) {
      if (!(error instanceof QueueRequestError)) throw error;
      findings.problem(memberPath(path, member), error.message);
    }
  };
  for (const [member, attribute] of Object.entries(SQS_ATTRIBUTE_OF)) {
    const value = queue[member];
    if (value === undefined) continue;
    if (typeof value !== "number") {
      findings.problem(memberPath(path, member), `must be a whole number; got ${show(value)}`);
      continue;
    }
    apply(member, attribute, String(value));
  }
  const deduplication = queue.contentBasedDeduplication;
  if (deduplication !== undefined) {
    const member = "contentBasedDeduplication";
    if (typeof deduplication !== "boolean") {
      findings.problem(memberPath(path, member), `must be true or false; got ${show(deduplication)}`);
    } else if (!fifo) {
      // SQS does not know the attribute on a standard queue ("Unknown Attribute ContentBasedDeduplication.").
      findings.problem(memberPath(path, member), "applies only to FIFO queues");
    } else {
      apply(member, "ContentBasedDeduplication", String(deduplication));
    }
  }
  try {
    return applyQueueAttributes(defaults, changes);
  } catch (error) {
    // Each change passed alone; only a rule across attributes can refuse them together.
    if (!(error instanceof QueueRequestError)) throw error;
    findings.problem(path, error.message);
    return defaults;
  }
}

function readDeadLetter(findings: Findings, path: string, value: unknown): ResolvedDeadLetter | undefined {
  if (value === undefined) return undefined;
  const deadLetter = readObject(findings, path, value, ["queue", "maxReceiveCount"]);
  if (deadLetter === undefined) return undefined;
  const queue = readString(findings, memberPath(path, "queue"), deadLetter.queue);
  if (deadLetter.queue === undefined) findings.problem(memberPath(path, "queue"), "is required");
  const countPath = memberPath(path, "maxReceiveCount");
  if (deadLetter.maxReceiveCount === undefined) findings.problem(countPath, "is required");
  const range = QUEUE_ATTRIBUTE_LIMITS.maxReceiveCount;
  const maxReceiveCount = readInteger(
    findings,
    countPath,
    deadLetter.maxReceiveCount,
    range,
    "RedrivePolicy maxReceiveCount",
    range.min,
  );
  return queue === undefined ? undefined : { queue, maxReceiveCount };
}

/**
 * Checks each queue's dead-letter queue: declared, and of the same kind ("Dead-letter queue must be same type of
 * queue as the source", SQS). Warns when a standard queue's dead-letter queue keeps messages no longer than the
 * queue: a message keeps its original enqueue time when it moves, so it may expire there soon after arriving
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html;
 * a FIFO queue's messages get a new enqueue time, so FIFO queues are not warned about).
 */
export function checkDeadLetters(
  findings: Findings,
  declared: ReadonlySet<string>,
  queues: ReadonlyMap<string, ResolvedQueue>,
): void {
  for (const source of queues.values()) {
    const deadLetter = source.deadLetter;
    if (deadLetter === undefined) continue;
    const path = memberPath(memberPath(memberPath("queues", source.name), "deadLetter"), "queue");
    if (!declared.has(deadLetter.queue)) {
      findings.problem(path, `queue ${JSON.stringify(deadLetter.queue)} is not defined in queues`);
      continue;
    }
    const target = queues.get(deadLetter.queue);
    if (target === undefined) continue;
    const kind = (queue: ResolvedQueue) => (queue.attributes.fifo ? "FIFO" : "standard");
    if (target.attributes.fifo !== source.attributes.fifo) {
      findings.problem(
        path,
        `${JSON.stringify(target.name)} is a ${kind(target)} queue; the dead-letter queue of a ${kind(source)} ` +
          `queue must be ${kind(source)} too (SQS: Dead-letter queue must be same type of queue as the source.)`,
      );
      continue;
    }
    const sourceRetention = source.attributes.messageRetentionPeriodSeconds;
    const targetRetention = target.attributes.messageRetentionPeriodSeconds;
    if (!source.attributes.fifo && targetRetention <= sourceRetention) {
      findings.warn(
        AppWarningCode.DeadLetterRetentionNotLonger,
        path,
        `${JSON.stringify(target.name)} keeps messages ${targetRetention} s, no longer than this queue's ` +
          `${sourceRetention} s: a message moved there keeps its original enqueue time and may expire soon ` +
          "after; AWS advises a dead-letter queue retention longer than its source's",
      );
    }
  }
}
