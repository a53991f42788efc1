import { splitArn } from "../arn.js";

/** What a rule target's ARN points at, among the target kinds Switchyard delivers to. */
export type TargetKind =
  | { readonly kind: "queue"; readonly name: string; readonly region: string; readonly accountId: string }
  | { readonly kind: "function"; readonly name: string; readonly region: string; readonly accountId: string }
  | { readonly kind: "bus"; readonly name: string; readonly region: string; readonly accountId: string };

/**
 * Reads a target ARN: an SQS queue (`arn:aws:sqs:REGION:ACCOUNT:NAME`), a Lambda function
 * (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`) or an event bus
 * (`arn:aws:events:REGION:ACCOUNT:event-bus/NAME`); undefined for any other ARN.
 */
export function parseTargetArn(arn: string): TargetKind | undefined {
  const parts = splitArn(arn);
  if (parts === undefined) return undefined;
  const place = { region: parts.region, accountId: parts.accountId };
  switch (parts.service) {
    case "sqs":
      return parts.resource.includes(":") ? undefined : { kind: "queue", name: parts.resource, ...place };
    case "lambda": {
      const [type, name, qualifier, ...extra] = parts.resource.split(":");
      if (type !== "function" || name === undefined || name === "" || qualifier === "" || extra.length > 0)
        return undefined;
      return { kind: "function", name, ...place };
    }
    case "events": {
      const prefix = "event-bus/";
      if (!parts.resource.startsWith(prefix) || parts.resource.length === prefix.length) return undefined;
      return { kind: "bus", name: parts.resource.slice(prefix.length), ...place };
    }
    default:
      return undefined;
  }
}
