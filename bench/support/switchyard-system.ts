/**
 * Switchyard in one process, on the SQLite store in a temp directory: PutEvents → 1 rule → `targets`
 * queues; each queue's pollers long-poll ReceiveMessage (10) and DeleteMessageBatch what they got.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSwitchyard } from "../../src/switchyard.js";
import type { BenchEvent, BusSystem, BusSystemOptions } from "./bus-system.js";
import { startLoops } from "./bus-system.js";

/**
 * How long one ReceiveMessage waits for a message. Long enough that an idle poller sleeps, short enough
 * that `close()` does not wait long for the pollers to notice; a new message wakes a waiting poll at once
 * whatever this is.
 */
const WAIT_TIME_SECONDS = 1;

/** Opens a fresh Switchyard with one rule routing the bench events to `targets` queues. */
export async function openSwitchyardSystem(
  options: BusSystemOptions & { readonly durability: "normal" | "full" },
): Promise<BusSystem> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-bus-"));
  const deliveryFailures: unknown[] = [];
  const switchyard = createSwitchyard({
    dataDirectory: directory,
    durability: options.durability,
    onDeliveryFailure: (failure) => deliveryFailures.push(failure),
  });
  const { queues, events } = switchyard;
  const names = Array.from({ length: options.targets }, (_, i) => `bench-${i}`);
  for (const name of names) await queues.createQueue({ QueueName: name });
  await events.putRule({
    Name: "orders",
    EventPattern: '{"source": ["shop.orders"], "detail-type": ["OrderCreated"]}',
  });
  await events.putTargets(
    "orders",
    names.map((name) => ({ Id: name, Arn: queues.queueArn(name) })),
  );
  let consumers: { stop(): Promise<void> } | undefined;
  return {
    name: `Switchyard ${options.durability.toUpperCase()}`,
    work: "PutEvents (≤10 entries) → rule → queue(s) in one transaction; ReceiveMessage(10, long poll) → DeleteMessageBatch",
    async publish(batch: readonly BenchEvent[]) {
      const response = await events.putEvents(
        batch.map((event) => ({
          Source: event.source,
          DetailType: event["detail-type"],
          Detail: JSON.stringify(event.detail),
        })),
      );
      if (response.FailedEntryCount > 0 || deliveryFailures.length > 0) {
        throw new Error(`PutEvents failed: ${JSON.stringify({ response, deliveryFailures })}`);
      }
    },
    startConsumers(onReceive, onError) {
      consumers = startLoops(
        names.length * options.consumersPerQueue,
        async (index, isStopping) => {
          const queueIndex = index % names.length;
          const name = names[queueIndex] as string;
          while (!isStopping()) {
            const messages = await queues.receiveMessage(name, {
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: WAIT_TIME_SECONDS,
            });
            if (messages.length === 0) continue;
            for (const message of messages) {
              onReceive(
                (JSON.parse(message.Body) as { detail: BenchEvent["detail"] }).detail.seq,
                queueIndex,
              );
            }
            await queues.deleteMessageBatch(
              name,
              messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
            );
          }
        },
        onError,
      );
    },
    async close() {
      try {
        await consumers?.stop();
        await switchyard.close();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
