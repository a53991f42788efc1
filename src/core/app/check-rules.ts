import { DEFAULT_EVENT_BUS, EVENTBRIDGE_LIMITS, RULE_DEFAULTS } from "../events/index.js";
import { InvalidScheduleExpressionError, parseScheduleExpression } from "../schedules/index.js";
import { resolveTargets } from "./check-targets.js";
import { type Findings, memberPath, readBoolean, readObject, readString } from "./findings.js";
import { readEventPattern } from "./read-event-pattern.js";
import { type AppNames, checkDeclared } from "./references.js";
import type { ResolvedRule } from "./resolved-app.js";
import { checkRuleName } from "./resource-names.js";

const RULE_MEMBERS = ["bus", "eventPattern", "schedule", "enabled", "description", "targets"] as const;

/** Resolves every rule of `rules`, its targets included. */
export function resolveRules(
  findings: Findings,
  rules: Readonly<Record<string, unknown>>,
  names: AppNames,
): Map<string, ResolvedRule> {
  const resolved = new Map<string, ResolvedRule>();
  for (const [name, definition] of Object.entries(rules)) {
    const rule = resolveRule(findings, name, definition, names);
    if (rule !== undefined) resolved.set(name, rule);
  }
  return resolved;
}

function resolveRule(
  findings: Findings,
  name: string,
  definition: unknown,
  names: AppNames,
): ResolvedRule | undefined {
  const path = memberPath("rules", name);
  const at = (member: string) => memberPath(path, member);
  checkRuleName(findings, path, name);
  const rule = readObject(findings, path, definition, RULE_MEMBERS);
  if (rule === undefined) return undefined;
  const bus = readString(findings, at("bus"), rule.bus) ?? DEFAULT_EVENT_BUS;
  checkDeclared(findings, at("bus"), names, "bus", bus);
  const eventPattern =
    rule.eventPattern === undefined
      ? undefined
      : readEventPattern(findings, at("eventPattern"), rule.eventPattern);
  const scheduleExpression = readSchedule(findings, at("schedule"), rule.schedule, bus);
  if (rule.eventPattern === undefined && rule.schedule === undefined) {
    findings.problem(
      path,
      "needs an eventPattern or a schedule (EventBridge: Parameter(s) EventPattern or ScheduleExpression must be specified.)",
    );
  }
  const description = readString(findings, at("description"), rule.description);
  if (description !== undefined && description.length > EVENTBRIDGE_LIMITS.descriptionMaxLength) {
    findings.problem(
      at("description"),
      `is ${description.length} characters; EventBridge allows ${EVENTBRIDGE_LIMITS.descriptionMaxLength}`,
    );
  }
  const enabled = readBoolean(findings, at("enabled"), rule.enabled, RULE_DEFAULTS.enabled);
  const targets = resolveTargets(findings, at("targets"), rule.targets, names);
  return {
    name,
    bus,
    ...(eventPattern === undefined ? {} : { eventPattern }),
    ...(scheduleExpression === undefined ? {} : { scheduleExpression }),
    enabled,
    ...(description === undefined ? {} : { description }),
    targets,
  };
}

/** A ScheduleExpression as PutRule checks it: its length, its syntax (core/schedules), and its bus. */
function readSchedule(findings: Findings, path: string, value: unknown, bus: string): string | undefined {
  const expression = readString(findings, path, value);
  if (expression === undefined) return undefined;
  const maxLength = EVENTBRIDGE_LIMITS.scheduleExpressionMaxLength;
  if (expression.length > maxLength) {
    return findings.problem(path, `is ${expression.length} characters; EventBridge allows ${maxLength}`);
  }
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (!(error instanceof InvalidScheduleExpressionError)) throw error;
    // AWS's message says nothing more; the reason says which part was wrong.
    return findings.problem(path, `${error.message} (${JSON.stringify(expression)}: ${error.reason})`);
  }
  if (bus !== DEFAULT_EVENT_BUS) {
    return findings.problem(path, "ScheduleExpression is supported only on the default event bus.");
  }
  return expression;
}
