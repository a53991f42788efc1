/**
 * bench/bus: PutEvents → rule → SQS queue(s) → ReceiveMessage (10) → DeleteMessageBatch, in one process,
 * on the SQLite store in a temp directory, at durability NORMAL and FULL, with one and four matching
 * targets; 8 producers and 4 consumers per queue (BENCH_BUS_PRODUCERS / BENCH_BUS_CONSUMERS). (BullMQ / pg-boss side by side, latency at a steady rate and restart time: still to come.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSwitchyard } from "../src/switchyard.js";
import { printTable } from "./support/measure.js";

const EVENTS = Number(process.env.BENCH_BUS_EVENTS ?? 20_000);
const PRODUCERS = Number(process.env.BENCH_BUS_PRODUCERS ?? 8);
/** Consumers polling each queue at once, as an event source mapping's pollers would. */
const CONSUMERS = Number(process.env.BENCH_BUS_CONSUMERS ?? 4);

interface BusResult {
  durability: "normal" | "full";
  targets: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  deliveriesPerSecond: number;
}

async function runOnce(durability: "normal" | "full", targets: number): Promise<BusResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-bus-"));
  const switchyard = createSwitchyard({ dataDirectory: directory, durability, onDeliveryFailure: () => {} });
  try {
    const { queues, events } = switchyard;
    const names = Array.from({ length: targets }, (_, i) => `bench-${i}`);
    for (const name of names) await queues.createQueue({ QueueName: name });
    await events.putRule({
      Name: "orders",
      EventPattern: '{"source": ["shop.orders"], "detail-type": ["OrderCreated"]}',
    });
    await events.putTargets(
      "orders",
      names.map((name) => ({ Id: name, Arn: queues.queueArn(name) })),
    );
    const detail = JSON.stringify({
      orderId: "ord-123456",
      total: 99.5,
      customer: { id: "cus-42", tier: "gold" },
    });
    const entry = { Source: "shop.orders", DetailType: "OrderCreated", Detail: detail };

    const start = process.hrtime.bigint();
    let published = 0;
    const produce = async () => {
      while (published < EVENTS) {
        const count = Math.min(10, EVENTS - published);
        published += count;
        await events.putEvents(Array.from({ length: count }, () => entry));
      }
    };
    const received = new Map<string, number>(names.map((name) => [name, 0]));
    // The run ends when the last queue has everything; pollers still in a long poll then do not count.
    let finishedAt = 0n;
    const done = () => names.every((name) => (received.get(name) as number) >= EVENTS);
    const consume = async (name: string) => {
      while ((received.get(name) as number) < EVENTS) {
        const messages = await queues.receiveMessage(name, { MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
        received.set(name, (received.get(name) as number) + messages.length);
        if (finishedAt === 0n && done()) finishedAt = process.hrtime.bigint();
        if (messages.length > 0) {
          await queues.deleteMessageBatch(
            name,
            messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          );
        }
      }
    };
    await Promise.all([
      ...Array.from({ length: PRODUCERS }, produce),
      ...names.flatMap((name) => Array.from({ length: CONSUMERS }, () => consume(name))),
    ]);
    const seconds = Number((finishedAt === 0n ? process.hrtime.bigint() : finishedAt) - start) / 1e9;
    return {
      durability,
      targets,
      events: EVENTS,
      seconds,
      eventsPerSecond: EVENTS / seconds,
      deliveriesPerSecond: (EVENTS * targets) / seconds,
    };
  } finally {
    await switchyard.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function reportBus(): Promise<unknown> {
  const results: BusResult[] = [];
  for (const durability of ["normal", "full"] as const) {
    for (const targets of [1, 4]) results.push(await runOnce(durability, targets));
  }
  printTable(
    "bench/bus — PutEvents → queue → receive 10 → delete, end to end, one process",
    results.map((r) => ({
      durability: r.durability,
      targets: r.targets,
      events: r.events,
      seconds: Number(r.seconds.toFixed(2)),
      "events/s": Math.round(r.eventsPerSecond),
      "deliveries/s": Math.round(r.deliveriesPerSecond),
    })),
  );
  return { results };
}
