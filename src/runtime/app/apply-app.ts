import type { ResolvedApp, ResolvedQueue, ResolvedTarget, ResourceRef } from "../../core/app/index.js";
import { DEFAULT_EVENT_BUS } from "../../core/events/index.js";
import { queueAttributesToRecord } from "../../core/queues/index.js";
import type { EventBusService } from "../bus/event-bus-service.js";
import type { TargetInput } from "../bus/target-checks.js";
import type { QueueService } from "../queues/queue-service.js";

/** The services an app's resources are made through. */
export interface AppServices {
  readonly queues: QueueService;
  readonly events: EventBusService;
  readonly account: string;
  readonly region: string;
}

/**
 * Makes an app's buses, queues (dead-letter queues first), rules and targets exist as the app declares them,
 * through the same services the AWS API uses, so they are stored like API-made resources and survive a
 * restart. Idempotent: a second run (the next start) updates what changed and creates what is missing. What
 * the app no longer declares is left alone, as resources made over the API are.
 */
export async function applyApp(services: AppServices, app: ResolvedApp): Promise<void> {
  const { events } = services;
  for (const bus of Object.values(app.buses)) {
    if (bus.name !== DEFAULT_EVENT_BUS && !(await events.hasEventBus(bus.name))) {
      await events.createEventBus(bus.name);
    }
  }
  for (const queue of inDeadLetterOrder(Object.values(app.queues))) await applyQueue(services, queue);
  for (const rule of Object.values(app.rules)) {
    await events.putRule({
      Name: rule.name,
      EventBusName: rule.bus,
      ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
      ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
      State: rule.enabled ? "ENABLED" : "DISABLED",
      ...(rule.description === undefined ? {} : { Description: rule.description }),
    });
    const declared = new Set(rule.targets.map((target) => target.id));
    const stale = (await events.listTargetsByRule(rule.name, rule.bus))
      .map((target) => target.Id)
      .filter((id) => !declared.has(id));
    if (stale.length > 0) await events.removeTargets(rule.name, stale, rule.bus);
    await events.putTargets(
      rule.name,
      rule.targets.map((target) => targetInput(services, target)),
      rule.bus,
    );
  }
}

/** The ARN of an app resource, as a target or destination names it. */
export function resourceArn(
  place: { readonly account: string; readonly region: string },
  ref: ResourceRef,
): string {
  const { account, region } = place;
  switch (ref.kind) {
    case "queue":
      return `arn:aws:sqs:${region}:${account}:${ref.name}`;
    case "function":
      return `arn:aws:lambda:${region}:${account}:function:${ref.name}`;
    case "bus":
      return `arn:aws:events:${region}:${account}:event-bus/${ref.name}`;
  }
}

async function applyQueue(services: AppServices, queue: ResolvedQueue): Promise<void> {
  const attributes: Record<string, string> = {
    ...queueAttributesToRecord(queue.attributes),
    ...(queue.deadLetter === undefined
      ? {}
      : {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: resourceArn(services, { kind: "queue", name: queue.deadLetter.queue }),
            maxReceiveCount: queue.deadLetter.maxReceiveCount,
          }),
        }),
  };
  const { queues } = services;
  if ((await queues.listQueues(queue.name)).includes(queue.name)) {
    // The queue's kind never changes; every other attribute takes the app's value.
    const { FifoQueue: _kind, ...changeable } = attributes;
    await queues.setQueueAttributes(queue.name, changeable);
  } else {
    await queues.createQueue({ QueueName: queue.name, Attributes: attributes });
  }
}

/** Queues ordered so that every dead-letter queue comes before the queues that name it. */
function inDeadLetterOrder(queues: readonly ResolvedQueue[]): ResolvedQueue[] {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  const ordered: ResolvedQueue[] = [];
  const placed = new Set<string>();
  const place = (queue: ResolvedQueue, path: ReadonlySet<string>) => {
    if (placed.has(queue.name) || path.has(queue.name)) return;
    const deadLetter = queue.deadLetter === undefined ? undefined : byName.get(queue.deadLetter.queue);
    if (deadLetter !== undefined) place(deadLetter, new Set([...path, queue.name]));
    placed.add(queue.name);
    ordered.push(queue);
  };
  for (const queue of queues) place(queue, new Set());
  return ordered;
}

function targetInput(
  place: { readonly account: string; readonly region: string },
  target: ResolvedTarget,
): TargetInput {
  return {
    Id: target.id,
    Arn: resourceArn(place, target.resource),
    ...(target.input === undefined ? {} : { Input: target.input }),
    ...(target.inputPath === undefined ? {} : { InputPath: target.inputPath }),
    ...(target.inputTransformer === undefined
      ? {}
      : {
          InputTransformer: {
            InputPathsMap: target.inputTransformer.inputPathsMap,
            InputTemplate: target.inputTransformer.inputTemplate,
          },
        }),
    RetryPolicy: {
      MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
      MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeSeconds,
    },
    ...(target.deadLetterQueue === undefined
      ? {}
      : { DeadLetterConfig: { Arn: resourceArn(place, { kind: "queue", name: target.deadLetterQueue }) } }),
    ...(target.messageGroupId === undefined
      ? {}
      : { SqsParameters: { MessageGroupId: target.messageGroupId } }),
  };
}
