import { DEFAULT_EVENT_BUS } from "../../core/events/index.js";

/** The bus every account has, which PutEvents uses when an entry names none. */
export const DEFAULT_BUS = DEFAULT_EVENT_BUS;

/** A bus named by name or by ARN (arn:aws:events:…:event-bus/NAME). */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === "") return DEFAULT_BUS;
  const marker = ":event-bus/";
  const at = nameOrArn.indexOf(marker);
  return nameOrArn.startsWith("arn:") && at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}

/** A rule's ARN as AWS writes it: rules of the default bus carry no bus segment. */
export function ruleArnOf(
  place: { readonly region: string; readonly account: string },
  bus: string,
  rule: string,
): string {
  return `arn:aws:events:${place.region}:${place.account}:rule/${bus === DEFAULT_BUS ? "" : `${bus}/`}${rule}`;
}

/** An event bus's ARN. */
export function busArnOf(place: { readonly region: string; readonly account: string }, bus: string): string {
  return `arn:aws:events:${place.region}:${place.account}:event-bus/${bus}`;
}

/** An archive's ARN. */
export function archiveArnOf(
  place: { readonly region: string; readonly account: string },
  archive: string,
): string {
  return `arn:aws:events:${place.region}:${place.account}:archive/${archive}`;
}

/** A replay's ARN. */
export function replayArnOf(
  place: { readonly region: string; readonly account: string },
  replay: string,
): string {
  return `arn:aws:events:${place.region}:${place.account}:replay/${replay}`;
}
