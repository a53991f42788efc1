import { type EventEnvelope, envelopeAsJson, utf8ByteLength } from "../../core/events/index.js";
import type { MessageAttributes } from "../../core/queues/index.js";
import { TargetInputDropReason } from "../../core/transform/index.js";
import type { ArchivedEventInput, ArchiveStore } from "../../store/archive-store.js";
import type { Enqueue, QueueStore } from "../../store/queue-store.js";
import type { Clock } from "../clock.js";
import { loadAsyncInvocationQueue } from "../functions/async-invocation-queue.js";
import type { IdSource } from "../ids.js";
import { encodeMessageAttributes, type MessageSystemFields } from "../queues/message-codec.js";
import { type LoadedQueue, settingsOf } from "../queues/queue-context.js";
import type { QueueWakeups } from "../queues/queue-wakeups.js";
import { enqueueFor } from "../queues/send-messages.js";
import { ruleArnOf } from "./bus-names.js";
import type { BusRoutes, RouteTarget } from "./bus-routes.js";

/**
 * Why a delivery failed, as EventBridge writes ERROR_CODE on the dead-letter message
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). Every failure Switchyard
 * can meet is one AWS does not retry: the target is missing, or the event cannot become its input.
 */
export const DeliveryErrorCode = {
  /** The target queue, function or bus does not exist. */
  NoResource: "NO_RESOURCE",
  /** An input transformer's result is not the JSON its template promised (AWS delivers nothing then). */
  InvalidJson: "INVALID_JSON",
  /** The input cannot be built (an InputPath selecting nothing), or the target refuses it: too large for
   * the queue, or a FIFO queue without a message group. */
  InvalidParameter: "INVALID_PARAMETER",
  /** An event that reached this bus from another bus may not be sent on to a third. */
  HopLimit: "THIRD_ACCOUNT_HOP_DETECTED",
} as const;
/** One of the delivery error codes. */
export type DeliveryErrorCode = (typeof DeliveryErrorCode)[keyof typeof DeliveryErrorCode];

/** A delivery that could not be made: it went to the target's dead-letter queue, or was dropped. */
export interface DeliveryFailure {
  readonly eventId: string;
  readonly bus: string;
  readonly rule: string;
  readonly targetId: string;
  readonly errorCode: DeliveryErrorCode;
  readonly reason: string;
  /** The dead-letter queue that received the event; absent when the event was dropped for this target. */
  readonly deadLetterQueue?: string;
}

/** What routing works with. */
export interface FanOutContext {
  readonly queues: QueueStore;
  readonly archives: ArchiveStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly account: string;
  readonly region: string;
  readonly wakeups: QueueWakeups;
  routesOf(bus: string): Promise<BusRoutes | undefined>;
  onDeliveryFailure(failure: DeliveryFailure): void;
}

/** An event entering a bus. */
export interface Arrival {
  readonly bus: string;
  readonly event: EventEnvelope;
  readonly traceHeader?: string;
  /** Sent here by another bus's rule: this bus's rules may deliver it but not forward it to a third bus. */
  readonly forwarded?: boolean;
  /** Replays: only these rules take part (all of the bus's rules when absent). */
  readonly rules?: ReadonlySet<string>;
}

/** EventBridge's SenderId on the SQS messages it sends. */
const EVENTBRIDGE_SENDER = "events.amazonaws.com";
/** The system fields of a message EventBridge sends without a trace header (frozen: encoded once). */
const EVENTBRIDGE_FIELDS: MessageSystemFields = Object.freeze({ SenderId: EVENTBRIDGE_SENDER });

/** Why a delivery cannot be made: it goes to the target's dead-letter queue, or is dropped and reported. */
interface Refusal {
  readonly errorCode: DeliveryErrorCode;
  readonly reason: string;
}

function refuse(errorCode: DeliveryErrorCode, reason: string): Refusal {
  return { errorCode, reason };
}

/**
 * The deliveries of a batch of events, collected and then committed in ONE store transaction: every
 * target of every matching rule (queues, functions' async-invocation queues, and through bus targets the
 * rules of the next bus), and a dead-letter message for each delivery that cannot be made. Failures are
 * reported once the batch has committed, so an event that is not acknowledged reports nothing.
 * @example
 * const fanOut = new FanOut(context);
 * await fanOut.arrive({ bus: "default", event });
 * await fanOut.commit();
 */
export class FanOut {
  readonly #context: FanOutContext;
  readonly #items: Enqueue[] = [];
  readonly #archived: ArchivedEventInput[] = [];
  readonly #failures: DeliveryFailure[] = [];
  // One lookup per queue per batch, however many of its events go there.
  readonly #queues = new Map<string, Promise<LoadedQueue | undefined>>();
  #ingestionTimeMs = Number.NaN;
  #ingestionTimeText = "";

  constructor(context: FanOutContext) {
    this.#context = context;
  }

  /** Routes one event on its bus and collects its deliveries; false when the bus does not exist. */
  async arrive(arrival: Arrival): Promise<boolean> {
    const routes = await this.#context.routesOf(arrival.bus);
    if (routes === undefined) return false;
    const nowMs = this.#context.clock.nowMs();
    const archives = routes.archivesFor(arrival.event);
    if (archives.length > 0) {
      const event = JSON.stringify(arrival.event);
      for (const archive of archives) this.#archived.push({ archive, archivedAtMs: nowMs, event });
    }
    for (const { rule, targets } of routes.route(envelopeAsJson(arrival.event))) {
      if (arrival.rules !== undefined && !arrival.rules.has(rule.name)) continue;
      const ruleArn = ruleArnOf(this.#context, arrival.bus, rule.name);
      for (const target of targets) await this.#deliver(arrival, rule.name, ruleArn, target, nowMs);
    }
    return true;
  }

  /**
   * Delivers an event to one rule's targets, without matching and without archiving: what a scheduled
   * rule does with the "Scheduled Event" it fires (the event is not put on the bus).
   */
  async deliverToRule(arrival: Arrival, rule: string): Promise<void> {
    const routes = await this.#context.routesOf(arrival.bus);
    if (routes === undefined) return;
    const ruleArn = ruleArnOf(this.#context, arrival.bus, rule);
    const nowMs = this.#context.clock.nowMs();
    for (const target of routes.targetsOf(rule)) await this.#deliver(arrival, rule, ruleArn, target, nowMs);
  }

  /**
   * Commits every collected delivery and archived event, and `alongside` (a replay's progress), wakes the
   * queues' pollers and reports the failures. The writes are submitted in the same turn, so on SQLite they
   * share one group-commit transaction: a crash keeps all of them or none.
   */
  async commit(alongside?: () => Promise<unknown>): Promise<void> {
    const items = this.#items.splice(0);
    const archived = this.#archived.splice(0);
    const failures = this.#failures.splice(0);
    await Promise.all([
      items.length > 0 ? this.#context.queues.enqueue(items) : undefined,
      archived.length > 0 ? this.#context.archives.append(archived) : undefined,
      alongside?.(),
    ]);
    this.#context.wakeups.arrived(items);
    for (const failure of failures) this.#context.onDeliveryFailure(failure);
  }

  async #deliver(
    arrival: Arrival,
    rule: string,
    ruleArn: string,
    target: RouteTarget,
    nowMs: number,
  ): Promise<void> {
    const refusal = await this.#collectDelivery(arrival, rule, ruleArn, target, nowMs);
    if (refusal !== undefined)
      await this.#fail(arrival, rule, ruleArn, target, refusal.errorCode, refusal.reason);
  }

  /** Collects one target's delivery of an event; what refuses it, if something does. */
  async #collectDelivery(
    arrival: Arrival,
    rule: string,
    ruleArn: string,
    target: RouteTarget,
    nowMs: number,
  ): Promise<Refusal | undefined> {
    const { kind } = target;
    if (kind === undefined)
      return refuse(DeliveryErrorCode.NoResource, `Switchyard does not deliver to ${target.record.arn}`);
    if (kind.accountId !== this.#context.account || kind.region !== this.#context.region) {
      return refuse(DeliveryErrorCode.NoResource, `${target.record.arn} is not in this account and region`);
    }
    if (kind.kind === "bus") {
      if (arrival.forwarded === true) {
        return refuse(
          DeliveryErrorCode.HopLimit,
          `event came from another bus; not forwarded to ${kind.name}`,
        );
      }
      // Object.assign, not { ...arrival, … }: a spread followed by members is slow on Node 20's V8.
      const forwarded = await this.arrive(
        Object.assign({}, arrival, { bus: kind.name, forwarded: true, rules: undefined }),
      );
      if (!forwarded) return refuse(DeliveryErrorCode.NoResource, `event bus ${kind.name} does not exist`);
      return;
    }
    const input = target.transform(envelopeAsJson(arrival.event), {
      ruleArn,
      ruleName: rule,
      ingestionTime: this.#ingestionTime(nowMs),
    });
    if (!input.delivered) {
      const code =
        input.reason === TargetInputDropReason.InvalidJson
          ? DeliveryErrorCode.InvalidJson
          : DeliveryErrorCode.InvalidParameter;
      return refuse(code, input.message);
    }
    const queue =
      kind.kind === "queue"
        ? await this.#queue(kind.name)
        : await loadAsyncInvocationQueue(this.#context.queues, kind.name);
    if (queue === undefined) {
      return refuse(
        DeliveryErrorCode.NoResource,
        `${kind.kind === "queue" ? "queue" : "function"} ${kind.name} does not exist`,
      );
    }
    if (utf8ByteLength(input.body) > queue.settings.maximumMessageSizeBytes) {
      return refuse(
        DeliveryErrorCode.InvalidParameter,
        `the input is larger than queue ${kind.name}'s MaximumMessageSize`,
      );
    }
    const groupId = queue.record.fifo ? target.record.sqsMessageGroupId : undefined;
    if (queue.record.fifo && groupId === undefined) {
      return refuse(
        DeliveryErrorCode.InvalidParameter,
        `FIFO queue ${kind.name} needs SqsParameters.MessageGroupId`,
      );
    }
    this.#items.push(
      enqueueFor(
        this.#context.ids,
        queue,
        {
          body: input.body,
          messageAttributes: null,
          // The shared fields when there is no trace header (encoded once; no spread on a per-event path).
          systemFields:
            arrival.traceHeader === undefined
              ? EVENTBRIDGE_FIELDS
              : { SenderId: EVENTBRIDGE_SENDER, AWSTraceHeader: arrival.traceHeader },
          // FIFO targets: the group the target names, and the event id as deduplication id (as EventBridge does).
          groupId: groupId ?? null,
          deduplicationId: queue.record.fifo ? arrival.event.id : null,
        },
        nowMs,
      ),
    );
    return undefined;
  }

  /** The ingestion time's text: every delivery of a batch has the same, so it is formatted once. */
  #ingestionTime(nowMs: number): string {
    if (nowMs !== this.#ingestionTimeMs) {
      this.#ingestionTimeMs = nowMs;
      this.#ingestionTimeText = new Date(nowMs).toISOString();
    }
    return this.#ingestionTimeText;
  }

  /**
   * A failed delivery goes to the target's dead-letter queue at once — AWS does not retry a missing target
   * or an input it cannot build — as the event itself with RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE
   * and RETRY_ATTEMPTS (no EXHAUSTED_RETRY_CONDITION: no retry policy ran out). Without a usable
   * dead-letter queue it is dropped, and reported either way.
   */
  async #fail(
    arrival: Arrival,
    rule: string,
    ruleArn: string,
    target: RouteTarget,
    errorCode: DeliveryErrorCode,
    reason: string,
  ): Promise<void> {
    const failure = {
      eventId: arrival.event.id,
      bus: arrival.bus,
      rule,
      targetId: target.record.id,
      errorCode,
    };
    const deadLetter = target.deadLetterQueue;
    const queue = deadLetter === undefined ? undefined : await this.#queue(deadLetter);
    const body = JSON.stringify(arrival.event);
    if (deadLetter === undefined) {
      this.#failures.push({ ...failure, reason });
    } else if (
      queue === undefined ||
      queue.record.fifo ||
      utf8ByteLength(body) > queue.settings.maximumMessageSizeBytes
    ) {
      this.#failures.push({
        ...failure,
        reason: `${reason}; dead-letter queue ${deadLetter} cannot take the event`,
      });
    } else {
      const attributes: MessageAttributes = {
        RULE_ARN: { DataType: "String", StringValue: ruleArn },
        TARGET_ARN: { DataType: "String", StringValue: target.record.arn },
        ERROR_CODE: { DataType: "String", StringValue: errorCode },
        ERROR_MESSAGE: { DataType: "String", StringValue: reason },
        RETRY_ATTEMPTS: { DataType: "String", StringValue: "0" },
      };
      this.#items.push(
        enqueueFor(
          this.#context.ids,
          queue,
          {
            body,
            messageAttributes: encodeMessageAttributes(attributes),
            systemFields: EVENTBRIDGE_FIELDS,
            groupId: null,
            deduplicationId: null,
          },
          this.#context.clock.nowMs(),
        ),
      );
      this.#failures.push({ ...failure, reason, deadLetterQueue: deadLetter });
    }
  }

  #queue(name: string): Promise<LoadedQueue | undefined> {
    let found = this.#queues.get(name);
    if (found === undefined) {
      found = this.#context.queues
        .getQueue(name)
        .then((record) =>
          record === undefined ? undefined : { record, settings: settingsOf(this.#context.queues, record) },
        );
      this.#queues.set(name, found);
    }
    return found;
  }
}
