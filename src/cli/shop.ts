import type { Switchyard } from "../switchyard.js";

/** A rule of the shop, as examples/shop declares it. */
export interface ShopRule {
  readonly name: string;
  readonly eventPattern: Record<string, unknown>;
  readonly target: string;
  readonly inputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string };
}

/** What one handler queue received during a run. */
export interface HandledMessage {
  readonly handler: string;
  readonly body: string;
}

const BUS = "orders";
const queueOf = (handler: string) => `shop-${handler}`;

/**
 * Sets the shop up on a Switchyard (its bus, a queue with a dead-letter queue per handler, rules and
 * targets — all idempotent, so a second run reuses them), publishes the entries on the bus and lets
 * every handler queue be drained: what each handler would receive.
 */
export async function runShop(
  switchyard: Switchyard,
  rules: readonly ShopRule[],
  entries: readonly Record<string, unknown>[],
): Promise<HandledMessage[]> {
  const { queues, events } = switchyard;
  if (!(await events.hasEventBus(BUS))) await events.createEventBus(BUS);
  for (const rule of rules) {
    const queue = queueOf(rule.target);
    await queues.createQueue({ QueueName: `${queue}-dlq` });
    await queues.createQueue({
      QueueName: queue,
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: queues.queueArn(`${queue}-dlq`),
          maxReceiveCount: 3,
        }),
      },
    });
    await events.putRule({
      Name: rule.name,
      EventBusName: BUS,
      EventPattern: JSON.stringify(rule.eventPattern),
    });
    await events.putTargets(
      rule.name,
      [
        {
          Id: rule.target,
          Arn: queues.queueArn(queue),
          ...(rule.inputTransformer === undefined ? {} : { InputTransformer: rule.inputTransformer }),
        },
      ],
      BUS,
    );
  }
  const answer = await events.putEvents(entries.map((entry) => ({ ...entry, EventBusName: BUS })));
  if (answer.FailedEntryCount > 0)
    throw new Error(`PutEvents refused entries: ${JSON.stringify(answer.Entries)}`);

  const handled: HandledMessage[] = [];
  for (const handler of [...new Set(rules.map((rule) => rule.target))]) {
    for (;;) {
      const received = await queues.receiveMessage(queueOf(handler), { MaxNumberOfMessages: 10 });
      if (received.length === 0) break;
      for (const message of received) {
        handled.push({ handler, body: message.Body });
        await queues.deleteMessage(queueOf(handler), message.ReceiptHandle);
      }
    }
  }
  return handled;
}
