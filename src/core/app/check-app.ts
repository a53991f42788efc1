import { DEFAULT_EVENT_BUS, EVENTBRIDGE_LIMITS } from "../events/index.js";
import type { AppDefinition } from "./app-definition.js";
import { AppDefinitionError, type AppWarning } from "./app-definition-error.js";
import { resolveFunctions } from "./check-functions.js";
import { resolveEventSourceMappings } from "./check-mappings.js";
import { checkDeadLetters, resolveQueues } from "./check-queues.js";
import { resolveRules } from "./check-rules.js";
import { Findings, memberPath, readMap, readObject, readString } from "./findings.js";
import type { AppNames } from "./references.js";
import type { ResolvedApp, ResolvedBus } from "./resolved-app.js";
import { checkAppName, checkBusName } from "./resource-names.js";

const APP_MEMBERS = ["name", "buses", "queues", "functions", "rules", "eventSourceMappings"] as const;

/** A valid app, resolved, and what `checkApp` advises against in it. */
export interface CheckedApp {
  readonly app: ResolvedApp;
  readonly warnings: readonly AppWarning[];
}

/**
 * Checks an app definition as AWS would check each of its resources — names, references, ranges, patterns,
 * schedules, target inputs, Lambda's rules for queues feeding functions — and resolves it with every default
 * applied. Reads the definition as untrusted (an app file may be plain JavaScript). Throws
 * {@link AppDefinitionError} listing every problem, each with its path in the definition.
 * @example
 * const { app, warnings } = checkApp(definition);
 * app.functions["send-email"]?.timeoutSeconds; // 3, Lambda's default
 * for (const warning of warnings) log.warn(`${warning.path}: ${warning.message}`);
 */
export function checkApp(definition: AppDefinition): CheckedApp {
  const findings = new Findings();
  const root = readObject(findings, "", definition, APP_MEMBERS, "app") ?? {};
  if (root.name === undefined) findings.problem("name", "is required");
  const name = readString(findings, "name", root.name) ?? "";
  if (root.name !== undefined) checkAppName(findings, "name", name);
  const busDefinitions = readMap(findings, "buses", root.buses) ?? {};
  const queueDefinitions = readMap(findings, "queues", root.queues) ?? {};
  const functionDefinitions = readMap(findings, "functions", root.functions) ?? {};
  const ruleDefinitions = readMap(findings, "rules", root.rules) ?? {};

  const buses = resolveBuses(findings, busDefinitions);
  const queues = resolveQueues(findings, queueDefinitions);
  const declaredQueues = new Set(Object.keys(queueDefinitions));
  checkDeadLetters(findings, declaredQueues, queues);
  const names: AppNames = {
    queues: declaredQueues,
    functions: new Set(Object.keys(functionDefinitions)),
    buses: new Set([DEFAULT_EVENT_BUS, ...Object.keys(busDefinitions)]),
    resolvedQueues: queues,
  };
  const functions = resolveFunctions(findings, functionDefinitions, names);
  const rules = resolveRules(findings, ruleDefinitions, names);
  const eventSourceMappings = resolveEventSourceMappings(
    findings,
    root.eventSourceMappings,
    names,
    functions,
  );

  if (findings.problems.length > 0) throw new AppDefinitionError(name, findings.problems);
  const app: ResolvedApp = {
    name,
    buses: Object.fromEntries(buses),
    queues: Object.fromEntries(queues),
    functions: Object.fromEntries(functions),
    rules: Object.fromEntries(rules),
    eventSourceMappings,
  };
  return deepFreeze({ app, warnings: findings.warnings });
}

function resolveBuses(
  findings: Findings,
  definitions: Readonly<Record<string, unknown>>,
): Map<string, ResolvedBus> {
  const buses = new Map<string, ResolvedBus>([[DEFAULT_EVENT_BUS, { name: DEFAULT_EVENT_BUS }]]);
  for (const [name, definition] of Object.entries(definitions)) {
    const path = memberPath("buses", name);
    checkBusName(findings, path, name);
    const bus = readObject(findings, path, definition, ["description"]);
    if (bus === undefined || name === DEFAULT_EVENT_BUS) continue;
    const description = readString(findings, memberPath(path, "description"), bus.description);
    const maxLength = EVENTBRIDGE_LIMITS.descriptionMaxLength;
    if (description !== undefined && description.length > maxLength) {
      findings.problem(
        memberPath(path, "description"),
        `is ${description.length} characters; EventBridge allows ${maxLength}`,
      );
    }
    buses.set(name, { name, ...(description === undefined ? {} : { description }) });
  }
  return buses;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
