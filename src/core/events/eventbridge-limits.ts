import type { IntegerRange } from "../queues/index.js";

/** The bus every account has: an app never declares it, and a rule without `bus` is on it. */
export const DEFAULT_EVENT_BUS = "default";

/**
 * EventBridge's limits on buses, rules and targets: CreateEventBus Name 1–256 of `[/\.\-_A-Za-z0-9]`, "Custom
 * event bus names can't contain the / character"; Rule Name 1–64 of `[\.\-_A-Za-z0-9]`, Description and
 * ScheduleExpression lengths (API_Rule); target Id 1–64 of `[\.\-_A-Za-z0-9]` (API_Target); five targets a
 * rule (EventBridge quotas); RetryPolicy ranges (API_RetryPolicy).
 */
export const EVENTBRIDGE_LIMITS = Object.freeze({
  busNameMaxLength: 256,
  ruleNameMaxLength: 64,
  descriptionMaxLength: 512,
  scheduleExpressionMaxLength: 256,
  targetIdMaxLength: 64,
  targetsPerRuleMax: 5,
  maximumRetryAttempts: Object.freeze({ min: 0, max: 185 }),
  maximumEventAgeSeconds: Object.freeze({ min: 60, max: 86_400 }),
} satisfies Record<string, IntegerRange | number>);

/** The characters of a custom bus name: the CreateEventBus pattern without the partner buses' `/`. */
export const BUS_NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;

/** The characters of a rule name and of a target id (PutRule Name, Target Id). */
export const RULE_NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;

/**
 * EventBridge's defaults: a rule is enabled; a target's RetryPolicy retries "for 24 hours and up to 185 times"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 */
export const RULE_DEFAULTS = Object.freeze({
  enabled: true,
  maximumRetryAttempts: 185,
  maximumEventAgeSeconds: 86_400,
});
