import { EventBusNotFoundError } from "../../core/errors.js";
import {
  createEnvelope,
  createPutEventsResponse,
  type EventEnvelope,
  envelopeAsJson,
  type PutEventsResponse,
  type PutEventsResultEntry,
  type ValidatedEntry,
  validatePutEventsEntries,
} from "../../core/events/index.js";
import { parseSqsQueueArn } from "../../core/queues/index.js";
import type { BusStore } from "../../store/bus-store.js";
import type { Enqueue, QueueRecord, QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import type { IdSource } from "../ids.js";
import { settingsOf } from "../queues/queue-context.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";
import { enqueueFor } from "../queues/send-messages.js";
import { busNameOf, ruleArnOf } from "./bus-names.js";
import type { BusRoutes, RouteTarget } from "./bus-routes.js";

/** A delivery that could not be made, reported rather than silently dropped. */
export interface DeliveryFailure {
  readonly eventId: string;
  readonly rule: string;
  readonly targetId: string;
  readonly reason: string;
}

/** What PutEvents works with. */
export interface PutEventsContext {
  readonly buses: BusStore;
  readonly queues: QueueStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  readonly wakeups: QueueWakeups;
  routesOf(bus: string): Promise<BusRoutes | undefined>;
  onDeliveryFailure(failure: DeliveryFailure): void;
}

/** EventBridge's SenderId on the SQS messages it delivers. */
const EVENTBRIDGE_SENDER = "events.amazonaws.com";

/**
 * PutEvents: every valid entry becomes an event; the deliveries to every matching target are
 * committed in ONE store transaction before the call answers, so an acknowledged event has reached all
 * its queues or (on a crash before the answer) none and the caller retries. Entries answer in order.
 */
export async function putEvents(context: PutEventsContext, entries: unknown): Promise<PutEventsResponse> {
  const validations = validatePutEventsEntries(entries);
  // One lookup per target queue per call, however many of the call's events go there.
  const lookups = new Map<string, Promise<QueueRecord | undefined>>();
  const queueNamed = (name: string) => {
    let found = lookups.get(name);
    if (found === undefined) {
      found = context.queues.getQueue(name);
      lookups.set(name, found);
    }
    return found;
  };
  const nowMs = context.clock.nowMs();
  const now = new Date(nowMs);
  const results: PutEventsResultEntry[] = [];
  const deliveries: { item: Enqueue; eventId: string; rule: string; targetId: string }[] = [];

  for (const validation of validations) {
    if (!validation.ok) {
      results.push({ ErrorCode: validation.ErrorCode, ErrorMessage: validation.ErrorMessage });
      continue;
    }
    const bus = busNameOf(validation.entry.eventBusName);
    const routes = await context.routesOf(bus);
    if (routes === undefined) {
      results.push({
        ErrorCode: "ResourceNotFoundException",
        ErrorMessage: new EventBusNotFoundError(bus).message,
      });
      continue;
    }
    const event = createEnvelope(validation.entry, {
      id: context.ids.messageId(),
      account: context.account,
      region: context.region,
      now,
    });
    results.push({ EventId: event.id });
    deliveries.push(
      ...(await deliveriesOf(context, queueNamed, bus, routes, event, validation.entry, nowMs)),
    );
  }

  if (deliveries.length > 0) {
    await context.queues.enqueue(deliveries.map((d) => d.item));
    for (const queue of new Set(deliveries.map((d) => d.item.queue))) context.wakeups.notify(queue);
  }
  return createPutEventsResponse(results);
}

async function deliveriesOf(
  context: PutEventsContext,
  queueNamed: (name: string) => Promise<QueueRecord | undefined>,
  bus: string,
  routes: BusRoutes,
  event: EventEnvelope,
  entry: ValidatedEntry,
  nowMs: number,
): Promise<{ item: Enqueue; eventId: string; rule: string; targetId: string }[]> {
  const found: { item: Enqueue; eventId: string; rule: string; targetId: string }[] = [];
  for (const { rule, targets } of routes.route(envelopeAsJson(event))) {
    const ruleArn = ruleArnOf(context, bus, rule.name);
    for (const target of targets) {
      const failure = (reason: string) =>
        context.onDeliveryFailure({ eventId: event.id, rule: rule.name, targetId: target.record.id, reason });
      const input = target.transform(envelopeAsJson(event), {
        ruleArn,
        ruleName: rule.name,
        ingestionTime: new Date(nowMs).toISOString(),
      });
      if (!input.delivered) {
        failure(`input not delivered: ${input.message}`);
        continue;
      }
      const item = await queueDelivery(context, queueNamed, target, event, entry, input.body, nowMs);
      if (typeof item === "string") failure(item);
      else found.push({ item, eventId: event.id, rule: rule.name, targetId: target.record.id });
    }
  }
  return found;
}

/** The SQS message a queue target receives, or why it cannot be delivered. */
async function queueDelivery(
  context: PutEventsContext,
  queueNamed: (name: string) => Promise<QueueRecord | undefined>,
  target: RouteTarget,
  event: EventEnvelope,
  entry: ValidatedEntry,
  body: string,
  nowMs: number,
): Promise<Enqueue | string> {
  const arn = parseSqsQueueArn(target.record.arn);
  if (arn === undefined) return `target type not supported yet: ${target.record.arn}`;
  const queue = await queueNamed(arn.queueName);
  if (queue === undefined) return `queue ${arn.queueName} does not exist`;
  return enqueueFor(
    context.ids,
    { record: queue, settings: settingsOf(context.queues, queue) },
    {
      body,
      messageAttributes: null,
      systemFields: {
        SenderId: EVENTBRIDGE_SENDER,
        ...(entry.traceHeader === undefined ? {} : { AWSTraceHeader: entry.traceHeader }),
      },
      // FIFO targets: the group the target names, and the event id as deduplication id (as EventBridge does).
      groupId: queue.fifo ? (target.record.sqsMessageGroupId ?? null) : null,
      deduplicationId: queue.fifo ? event.id : null,
    },
    nowMs,
  );
}
