import { splitArn } from "../../core/arn.js";
import { EventBusNotFoundError, RuleNotFoundError, ValidationError } from "../../core/errors.js";
import type { BusStore } from "../../store/bus-store.js";
import { DEFAULT_BUS } from "./bus-names.js";
import type { BusRoutes } from "./bus-routes.js";

/** What the tag operations work with. */
export interface BusTagsContext {
  readonly buses: BusStore;
  routesOf(bus: string): Promise<BusRoutes | undefined>;
}

/** The taggable EventBridge resource an ARN names: a bus (event-bus/NAME) or a rule (rule/NAME, rule/BUS/NAME). */
type Taggable =
  | { readonly kind: "bus"; readonly bus: string }
  | { readonly kind: "rule"; readonly bus: string; readonly rule: string };

function taggableOf(arn: string): Taggable {
  const parts = splitArn(arn);
  const resource = parts?.service === "events" ? parts.resource : "";
  const [kind, first, second, ...rest] = resource.split("/");
  if (kind === "event-bus" && first !== undefined && first !== "" && second === undefined) {
    return { kind: "bus", bus: first };
  }
  if (kind === "rule" && first !== undefined && first !== "" && rest.length === 0) {
    return second === undefined
      ? { kind: "rule", bus: DEFAULT_BUS, rule: first }
      : { kind: "rule", bus: first, rule: second };
  }
  throw new ValidationError(
    `Parameter ResourceARN is not valid. Reason: ${arn} is not the ARN of an event bus or a rule.`,
    {
      arn,
    },
  );
}

/** ListTagsForResource: a bus's or a rule's tags. */
export async function listTags(context: BusTagsContext, arn: string): Promise<Record<string, string>> {
  const target = taggableOf(arn);
  if ((await context.routesOf(target.bus)) === undefined) throw new EventBusNotFoundError(target.bus);
  if (target.kind === "bus") {
    return { ...(await context.buses.getBus(target.bus))?.tags };
  }
  const rule = await context.buses.getRule(target.bus, target.rule);
  if (rule === undefined) throw new RuleNotFoundError(target.bus, target.rule);
  return { ...rule.tags };
}

/**
 * TagResource / UntagResource: a bus's or a rule's tags, changed by `change` (added or replaced keys, removed
 * keys) and stored. Tags do not route, so the bus's routing table is only kept in step.
 */
export async function changeTags(
  context: BusTagsContext,
  arn: string,
  change: (tags: Record<string, string>) => void,
): Promise<void> {
  const target = taggableOf(arn);
  const routes = await context.routesOf(target.bus);
  if (routes === undefined) throw new EventBusNotFoundError(target.bus);
  if (target.kind === "bus") {
    const bus = await context.buses.getBus(target.bus);
    if (bus === undefined) throw new EventBusNotFoundError(target.bus);
    const tags = { ...bus.tags };
    change(tags);
    await context.buses.putBus({ ...bus, tags });
    return;
  }
  const rule = await context.buses.getRule(target.bus, target.rule);
  if (rule === undefined) throw new RuleNotFoundError(target.bus, target.rule);
  const tags = { ...rule.tags };
  change(tags);
  const tagged = { ...rule, tags };
  await context.buses.putRule(tagged);
  routes.setRule(tagged);
}
