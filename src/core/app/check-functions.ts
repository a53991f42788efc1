import { utf8ByteLength } from "../events/index.js";
import {
  type Findings,
  isRecord,
  memberPath,
  readInteger,
  readObject,
  readString,
  show,
} from "./findings.js";
import {
  ENVIRONMENT_KEY_PATTERN,
  FUNCTION_DEFAULTS,
  FUNCTION_LIMITS,
  RESERVED_ENVIRONMENT_KEYS,
} from "./lambda-limits.js";
import { type AppNames, readResourceRef } from "./references.js";
import type {
  ResolvedAsyncInvocation,
  ResolvedFunction,
  ResolvedHandler,
  ResourceRef,
} from "./resolved-app.js";
import { checkFunctionName } from "./resource-names.js";

const FUNCTION_MEMBERS = [
  "handler",
  "timeoutSeconds",
  "memorySizeMb",
  "environment",
  "reservedConcurrency",
  "async",
] as const;
const ASYNC_MEMBERS = ["maximumRetryAttempts", "maximumEventAgeSeconds", "onSuccess", "onFailure"] as const;
const DESTINATION_KINDS = ["queue", "bus", "function"] as const;
const HANDLER = /^\S+$/;

/** Resolves every function of `functions`, Lambda's defaults applied. */
export function resolveFunctions(
  findings: Findings,
  functions: Readonly<Record<string, unknown>>,
  names: AppNames,
): Map<string, ResolvedFunction> {
  const resolved = new Map<string, ResolvedFunction>();
  for (const [name, definition] of Object.entries(functions)) {
    const resolvedFunction = resolveFunction(findings, name, definition, names);
    if (resolvedFunction !== undefined) resolved.set(name, resolvedFunction);
  }
  return resolved;
}

function resolveFunction(
  findings: Findings,
  name: string,
  definition: unknown,
  names: AppNames,
): ResolvedFunction | undefined {
  const path = memberPath("functions", name);
  checkFunctionName(findings, path, name);
  const fn = readObject(findings, path, definition, FUNCTION_MEMBERS);
  if (fn === undefined) return undefined;
  const limits = FUNCTION_LIMITS;
  const at = (member: string) => memberPath(path, member);
  const handler = readHandler(findings, at("handler"), fn.handler);
  const timeoutSeconds = readInteger(
    findings,
    at("timeoutSeconds"),
    fn.timeoutSeconds,
    limits.timeoutSeconds,
    "Lambda Timeout",
    FUNCTION_DEFAULTS.timeoutSeconds,
  );
  const memorySizeMb = readInteger(
    findings,
    at("memorySizeMb"),
    fn.memorySizeMb,
    limits.memorySizeMb,
    "Lambda MemorySize",
    FUNCTION_DEFAULTS.memorySizeMb,
  );
  const reservedConcurrency = readInteger(
    findings,
    at("reservedConcurrency"),
    fn.reservedConcurrency,
    limits.reservedConcurrency,
    "Lambda ReservedConcurrentExecutions",
    undefined,
  );
  const environment = readEnvironment(findings, at("environment"), fn.environment);
  const async = readAsyncInvocation(findings, at("async"), fn.async, names);
  if (handler === undefined) return undefined;
  return {
    name,
    handler,
    timeoutSeconds,
    memorySizeMb,
    environment,
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
    async,
  };
}

/**
 * A handler as Lambda's Node.js runtime reads it: the module is everything up to the first "." after the last
 * "/", the export the rest ("handlers/orders.place" is export `place` of module `handlers/orders`).
 */
function readHandler(findings: Findings, path: string, value: unknown): ResolvedHandler | undefined {
  if (value === undefined) return findings.problem(path, 'is required: "path/to/module.exportName"');
  const text = readString(findings, path, value);
  if (text === undefined) return undefined;
  if (!HANDLER.test(text) || text.length > FUNCTION_LIMITS.handlerMaxLength) {
    return findings.problem(
      path,
      `${show(text)} is not valid: Lambda's Handler is 1 to ${FUNCTION_LIMITS.handlerMaxLength} characters without spaces`,
    );
  }
  const directoryEnd = text.lastIndexOf("/") + 1;
  const base = text.slice(directoryEnd);
  const dot = base.indexOf(".");
  if (dot <= 0 || dot === base.length - 1) {
    return findings.problem(path, `${show(text)} is not "path/to/module.exportName"`);
  }
  return { text, modulePath: text.slice(0, directoryEnd + dot), exportName: base.slice(dot + 1) };
}

function readEnvironment(findings: Findings, path: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    findings.problem(path, `must be an object of strings; got ${show(value)}`);
    return {};
  }
  const environment: Record<string, string> = {};
  let sizeBytes = 0;
  for (const [key, entry] of Object.entries(value)) {
    const at = memberPath(path, key);
    if (!ENVIRONMENT_KEY_PATTERN.test(key)) {
      findings.problem(
        at,
        "is not a valid name: Lambda takes a letter, then letters, digits and _ (2 or more)",
      );
    } else if (RESERVED_ENVIRONMENT_KEYS.has(key)) {
      findings.problem(at, "is reserved: Lambda sets it itself and refuses it in a function's configuration");
    }
    if (typeof entry !== "string") {
      findings.problem(at, `must be a string; got ${show(entry)}`);
      continue;
    }
    environment[key] = entry;
    sizeBytes += utf8ByteLength(key) + utf8ByteLength(entry);
  }
  if (sizeBytes > FUNCTION_LIMITS.environmentMaxBytes) {
    findings.problem(
      path,
      `takes ${sizeBytes} bytes; Lambda allows ${FUNCTION_LIMITS.environmentMaxBytes} in all, names and values`,
    );
  }
  return environment;
}

function readAsyncInvocation(
  findings: Findings,
  path: string,
  value: unknown,
  names: AppNames,
): ResolvedAsyncInvocation {
  const defaults = {
    maximumRetryAttempts: FUNCTION_DEFAULTS.maximumRetryAttempts,
    maximumEventAgeSeconds: FUNCTION_DEFAULTS.maximumEventAgeSeconds,
  };
  if (value === undefined) return defaults;
  const settings = readObject(findings, path, value, ASYNC_MEMBERS);
  if (settings === undefined) return defaults;
  const at = (member: string) => memberPath(path, member);
  const onSuccess = readDestination(findings, at("onSuccess"), settings.onSuccess, names);
  const onFailure = readDestination(findings, at("onFailure"), settings.onFailure, names);
  return {
    maximumRetryAttempts: readInteger(
      findings,
      at("maximumRetryAttempts"),
      settings.maximumRetryAttempts,
      FUNCTION_LIMITS.maximumRetryAttempts,
      "Lambda MaximumRetryAttempts",
      defaults.maximumRetryAttempts,
    ),
    maximumEventAgeSeconds: readInteger(
      findings,
      at("maximumEventAgeSeconds"),
      settings.maximumEventAgeSeconds,
      FUNCTION_LIMITS.maximumEventAgeSeconds,
      "Lambda MaximumEventAgeInSeconds",
      defaults.maximumEventAgeSeconds,
    ),
    ...(onSuccess === undefined ? {} : { onSuccess }),
    ...(onFailure === undefined ? {} : { onFailure }),
  };
}

function readDestination(
  findings: Findings,
  path: string,
  value: unknown,
  names: AppNames,
): ResourceRef | undefined {
  if (value === undefined) return undefined;
  const destination = readObject(findings, path, value, DESTINATION_KINDS);
  if (destination === undefined) return undefined;
  const ref = readResourceRef(findings, path, destination, DESTINATION_KINDS, names);
  if (ref?.kind === "queue" && names.resolvedQueues.get(ref.name)?.attributes.fifo === true) {
    // Lambda takes the setting and then fails every delivery to it (DestinationDeliveryFailures): "When using
    // an Amazon SQS queue as a destination, FIFO queues cannot be used" (AWS::Lambda::EventInvokeConfig).
    return findings.problem(
      path,
      `queue ${JSON.stringify(ref.name)} is FIFO; Lambda sends invocation records only to standard queues`,
    );
  }
  return ref;
}
