import { isAbsolute, resolve } from "node:path";
import {
  ENVIRONMENT_KEY_PATTERN,
  FUNCTION_DEFAULTS,
  FUNCTION_LIMITS,
  FUNCTION_NAME_PATTERN,
  RESERVED_ENVIRONMENT_KEYS,
} from "../../core/app/index.js";
import { ValidationError } from "../../core/errors.js";
import { FunctionConfigurationError } from "./function-configuration-error.js";

/** A function as an app declares it; `resolveFunctionDefinition` checks it and fills in Lambda's defaults. */
export interface FunctionDefinitionOptions {
  /** The function's name: 1–64 letters, digits, hyphens and underscores. */
  readonly name: string;
  /** Lambda's handler setting: `path/to/module.exportName` (nested: `module.a.b`), relative to `baseDirectory`. */
  readonly handler: string;
  /** Where handler paths start: what Lambda unpacks the deployment package into (`/var/task`). */
  readonly baseDirectory: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
  /** Reported in the context, the environment and REPORT lines; not enforced. */
  readonly memorySizeMb?: number;
  /** At most this many invocations run at once; 0 throttles every invocation. */
  readonly reservedConcurrency?: number;
}

/** A checked function definition with every default applied. */
export interface FunctionDefinition {
  readonly name: string;
  readonly handler: string;
  /** Absolute. */
  readonly baseDirectory: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly reservedConcurrency: number | undefined;
}

// CreateFunction's FunctionName pattern, as its ValidationException quotes it; a definition names the
// function by its plain name, so only the name part of the pattern can match here.
const FUNCTION_NAME_PATTERN_TEXT =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
const HANDLER = /^\S+$/;

/**
 * Checks a definition against Lambda's constraints and applies its defaults. Shape and range problems
 * are one ValidationError listing each ("2 validation errors detected: …; …"), in Lambda's words;
 * reserved environment keys, an environment over 4 KB and an over-large reservation are
 * FunctionConfigurationErrors (Lambda's InvalidParameterValueException).
 * @example
 * const definition = resolveFunctionDefinition({ name: "place-order", handler: "orders.place", baseDirectory: "dist" });
 * definition.timeoutSeconds; // 3
 */
export function resolveFunctionDefinition(options: FunctionDefinitionOptions): FunctionDefinition {
  const problems: string[] = [];
  const { name, handler } = options;
  const timeoutSeconds = options.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds;
  const memorySizeMb = options.memorySizeMb ?? FUNCTION_DEFAULTS.memorySizeMb;
  const environment = { ...options.environment };

  if (name.length < 1)
    problems.push(constraint(name, "functionName", "Member must have length greater than or equal to 1"));
  if (name.length > FUNCTION_LIMITS.nameMaxLength) {
    problems.push(
      constraint(
        name,
        "functionName",
        `Member must have length less than or equal to ${FUNCTION_LIMITS.nameMaxLength}`,
      ),
    );
  }
  if (name.length > 0 && !FUNCTION_NAME_PATTERN.test(name)) {
    problems.push(
      constraint(
        name,
        "functionName",
        `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN_TEXT}`,
      ),
    );
  }
  if (handler.length > FUNCTION_LIMITS.handlerMaxLength) {
    problems.push(
      constraint(
        handler,
        "handler",
        `Member must have length less than or equal to ${FUNCTION_LIMITS.handlerMaxLength}`,
      ),
    );
  }
  if (!HANDLER.test(handler)) {
    problems.push(constraint(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+"));
  }
  checkRange(problems, timeoutSeconds, "timeout", FUNCTION_LIMITS.timeoutSeconds);
  checkRange(problems, memorySizeMb, "memorySize", FUNCTION_LIMITS.memorySizeMb);
  if (options.reservedConcurrency !== undefined) {
    checkRange(problems, options.reservedConcurrency, "reservedConcurrentExecutions", { min: 0 });
  }
  if (Object.keys(environment).some((key) => !ENVIRONMENT_KEY_PATTERN.test(key))) {
    // Lambda names neither the key nor the value here: variables may hold secrets.
    problems.push(
      "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: " +
        "[Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    );
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
    throw new ValidationError(`${count} detected: ${problems.join("; ")}`, { function: name });
  }

  const reserved = Object.keys(environment).filter((key) => RESERVED_ENVIRONMENT_KEYS.has(key));
  if (reserved.length > 0) {
    throw new FunctionConfigurationError(
      "Lambda was unable to configure your environment variables because the environment variables you have " +
        "provided contains reserved keys that are currently not supported for modification. Reserved keys used " +
        `in this request: ${reserved.join(", ")}`,
      { function: name, keys: reserved },
    );
  }
  const measured = JSON.stringify(environment);
  if (Buffer.byteLength(measured) > FUNCTION_LIMITS.environmentMaxBytes) {
    throw new FunctionConfigurationError(
      "Lambda was unable to configure your environment variables because the environment variables you have " +
        `provided exceeded the 4KB limit. String measured: ${measured}`,
      { function: name },
    );
  }
  const maxReservation = FUNCTION_LIMITS.accountConcurrency - FUNCTION_LIMITS.unreservedConcurrencyMinimum;
  if (options.reservedConcurrency !== undefined && options.reservedConcurrency > maxReservation) {
    throw new FunctionConfigurationError(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution " +
        `below its minimum value of [${FUNCTION_LIMITS.unreservedConcurrencyMinimum}].`,
      { function: name, reservedConcurrency: options.reservedConcurrency },
    );
  }

  return Object.freeze({
    name,
    handler,
    baseDirectory: isAbsolute(options.baseDirectory) ? options.baseDirectory : resolve(options.baseDirectory),
    environment: Object.freeze(environment),
    timeoutSeconds,
    memorySizeMb,
    reservedConcurrency: options.reservedConcurrency,
  });
}

function constraint(value: string | number, member: string, rule: string): string {
  return `Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`;
}

function checkRange(
  problems: string[],
  value: number,
  member: string,
  range: { readonly min: number; readonly max?: number },
): void {
  // Lambda's members are integers; its JSON protocol refuses a fraction before any range check, in words
  // of its own that do not fit a definition, so that one reason is Switchyard's.
  if (!Number.isInteger(value)) {
    problems.push(constraint(value, member, "Member must be an integer"));
  } else if (value < range.min) {
    problems.push(constraint(value, member, `Member must have value greater than or equal to ${range.min}`));
  } else if (range.max !== undefined && value > range.max) {
    problems.push(constraint(value, member, `Member must have value less than or equal to ${range.max}`));
  }
}
