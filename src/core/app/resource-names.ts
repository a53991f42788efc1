import {
  BUS_NAME_PATTERN,
  DEFAULT_EVENT_BUS,
  EVENTBRIDGE_LIMITS,
  RULE_NAME_PATTERN,
} from "../events/index.js";
import type { Findings } from "./findings.js";
import { FUNCTION_LIMITS, FUNCTION_NAME_PATTERN } from "./lambda-limits.js";

// Queue names are checked by core/queues' validateQueueName, with SQS's own messages.

const APP_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
const APP_NAME_MAX_LENGTH = 64;

function checkName(
  findings: Findings,
  path: string,
  name: string,
  pattern: RegExp,
  maxLength: number,
  rule: string,
): void {
  if (name.length === 0 || name.length > maxLength || !pattern.test(name)) {
    findings.problem(path, `${JSON.stringify(name)} is not a valid name: ${rule}, 1 to ${maxLength} of them`);
  }
}

/** Checks an app's name: letters, digits, hyphens and underscores (it names files and Terraform resources). */
export function checkAppName(findings: Findings, path: string, name: string): void {
  checkName(findings, path, name, APP_NAME_PATTERN, APP_NAME_MAX_LENGTH, "letters, digits, - and _");
}

/** Checks a bare Lambda function name, as CreateFunction's FunctionName. */
export function checkFunctionName(findings: Findings, path: string, name: string): void {
  const rule = "Lambda function names are letters, digits, - and _";
  checkName(findings, path, name, FUNCTION_NAME_PATTERN, FUNCTION_LIMITS.nameMaxLength, rule);
}

/** Checks a rule name, as PutRule's Name. */
export function checkRuleName(findings: Findings, path: string, name: string): void {
  const rule = "EventBridge rule names are letters, digits, ., - and _";
  checkName(findings, path, name, RULE_NAME_PATTERN, EVENTBRIDGE_LIMITS.ruleNameMaxLength, rule);
}

/** Checks a custom bus name, as CreateEventBus's Name: no "/" (partner buses only), never "default". */
export function checkBusName(findings: Findings, path: string, name: string): void {
  if (name === DEFAULT_EVENT_BUS) {
    findings.problem(
      path,
      'the "default" bus always exists and is never declared (EventBridge: you can\'t use the name default for a custom event bus)',
    );
    return;
  }
  const rule = "custom event bus names are letters, digits, ., - and _";
  checkName(findings, path, name, BUS_NAME_PATTERN, EVENTBRIDGE_LIMITS.busNameMaxLength, rule);
}

/** Whether a text is a valid target id (PutTargets' Target Id). */
export function isValidTargetId(id: string): boolean {
  return id.length > 0 && id.length <= EVENTBRIDGE_LIMITS.targetIdMaxLength && RULE_NAME_PATTERN.test(id);
}

/** Checks a target id given explicitly. */
export function checkTargetId(findings: Findings, path: string, id: string): void {
  const rule = "target ids are letters, digits, ., - and _";
  checkName(findings, path, id, RULE_NAME_PATTERN, EVENTBRIDGE_LIMITS.targetIdMaxLength, rule);
}
