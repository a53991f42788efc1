import { createEnvelope, envelopeAsJson, validatePutEventsEntries } from "../core/events/index.js";
import { compileEventPattern, createRuleSet } from "../core/patterns/index.js";
import { compileTargetInput } from "../core/transform/index.js";

/** A rule to route with, as an app declares it. */
export interface RoutingRule {
  readonly name: string;
  readonly eventPattern: Record<string, unknown>;
  readonly target: string;
  readonly inputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string };
}

/** One delivery the routing produced. */
export interface RoutedDelivery {
  readonly eventId: string;
  readonly detailType: string;
  readonly rule: string;
  readonly target: string;
  readonly body: string;
}

const ACCOUNT = "000000000000";
const REGION = "us-east-1";

/**
 * Validates PutEvents entries, builds their envelopes and routes them through the rules: the pure part
 * of the bus, without storage. Used by `switchyard start` until the durable runtime exists.
 */
export function routeEntries(
  rules: readonly RoutingRule[],
  entries: readonly unknown[],
  now: Date,
): RoutedDelivery[] {
  const ruleSet = createRuleSet<string>();
  const transforms = new Map(
    rules.map((rule) => {
      ruleSet.add(rule.name, compileEventPattern(JSON.stringify(rule.eventPattern)));
      const transform = compileTargetInput({ Id: rule.target, InputTransformer: rule.inputTransformer });
      return [rule.name, { rule, transform }] as const;
    }),
  );
  const deliveries: RoutedDelivery[] = [];
  for (const [index, outcome] of validatePutEventsEntries(entries).entries()) {
    if (!outcome.ok) throw new Error(`entry ${index + 1}: ${outcome.ErrorCode} ${outcome.ErrorMessage}`);
    const envelope = createEnvelope(outcome.entry, {
      id: `demo-${index + 1}`,
      account: ACCOUNT,
      region: REGION,
      now,
    });
    for (const name of ruleSet.match(envelope).sort()) {
      const routed = transforms.get(name);
      if (routed === undefined) continue;
      const result = routed.transform(envelopeAsJson(envelope), {
        ruleArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/${name}`,
        ruleName: name,
        ingestionTime: now.toISOString(),
      });
      if (!result.delivered) continue;
      deliveries.push({
        eventId: envelope.id,
        detailType: envelope["detail-type"],
        rule: name,
        target: routed.rule.target,
        body: result.body,
      });
    }
  }
  return deliveries;
}
