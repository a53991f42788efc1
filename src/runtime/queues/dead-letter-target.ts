import {
  allowsDeadLetterSource,
  DeadLetterTargetProblem,
  deadLetterSourceNotAllowedError,
  deadLetterTargetError,
  parseSqsQueueArn,
  type ResolvedQueueAttributes,
} from "../../core/queues/index.js";
import { type QueueContext, queueArn, settingsOf } from "./queue-context.js";

/**
 * The checks SQS makes when CreateQueue or SetQueueAttributes sets a RedrivePolicy, in this order: the
 * dead-letter queue exists (in this account and Region: SQS keeps a dead-letter queue beside its source), is of
 * the source's kind (standard or FIFO), and its RedriveAllowPolicy lets the source name it. `rawPolicy` is the
 * RedrivePolicy as the request gave it (undefined: the request does not set one, so nothing is checked);
 * `settings` are the source's settings as they will be, so a queue naming itself sees its own new policy.
 *
 * The allow policy is read here, when the RedrivePolicy is set, as SQS documents it ("which source queues can
 * specify this queue as the dead-letter queue"); a later change to it does not stop the redrive of a source that
 * already names the queue. See the README's decisions.
 */
export async function checkDeadLetterTarget(
  context: QueueContext,
  sourceName: string,
  settings: ResolvedQueueAttributes,
  rawPolicy: string | undefined,
): Promise<void> {
  if (settings.redrivePolicy === undefined || rawPolicy === undefined) return;
  const { deadLetterTargetArn } = settings.redrivePolicy;
  const target = parseSqsQueueArn(deadLetterTargetArn);
  const local = target !== undefined && queueArn(context, target.queueName) === deadLetterTargetArn;
  const dlq = local ? await context.store.getQueue(target.queueName) : undefined;
  if (dlq === undefined) throw deadLetterTargetError(rawPolicy, DeadLetterTargetProblem.DoesNotExist);
  if (dlq.fifo !== settings.fifo) {
    throw deadLetterTargetError(rawPolicy, DeadLetterTargetProblem.NotSameQueueType);
  }
  const allowPolicy =
    dlq.name === sourceName ? settings.redriveAllowPolicy : settingsOf(context.store, dlq).redriveAllowPolicy;
  const sourceArn = queueArn(context, sourceName);
  if (!allowsDeadLetterSource(allowPolicy, sourceArn)) {
    throw deadLetterSourceNotAllowedError(rawPolicy, deadLetterTargetArn, sourceArn);
  }
}
