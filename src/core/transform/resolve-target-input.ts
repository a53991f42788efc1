import { ErrorCode } from "../errors.js";
import { type ParsedInputTemplate, parseInputTemplate } from "./input-template.js";
import { InvalidTargetInputError, type TargetInputErrorCode } from "./invalid-target-input-error.js";
import { type JsonPath, parseJsonPath } from "./json-path.js";
import { predefinedVariableSource } from "./predefined-variables.js";
import { TARGET_INPUT_LIMITS } from "./target-input-limits.js";

/** A target's `InputTransformer`, with AWS's member names. */
export interface InputTransformer {
  readonly InputPathsMap?: Readonly<Record<string, string>>;
  readonly InputTemplate: string;
}

/** The input settings of one PutTargets `Target`, with AWS's member names. */
export interface TargetInputSettings {
  readonly Id: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformer;
}

/** Where the target sits in the PutTargets request, for AWS's constraint messages. */
export interface ValidateTargetInputOptions {
  /** 1-based position of the target in `Targets`, as AWS writes it in `targets.1.member…`; defaults to 1. */
  readonly targetPosition?: number;
}

/** Validated input settings, parsed once: what a target receives for each matched event. */
export type ResolvedTargetInput =
  | { readonly kind: "event" }
  | { readonly kind: "constant"; readonly body: string }
  | { readonly kind: "path"; readonly path: JsonPath }
  | {
      readonly kind: "transformer";
      readonly template: ParsedInputTemplate;
      readonly paths: ReadonlyMap<string, JsonPath>;
    };

interface ConstraintViolation {
  readonly code: TargetInputErrorCode;
  readonly member: string;
  readonly value: string;
  readonly constraint: string;
}

const KEY_PATTERN = new RegExp(`^${TARGET_INPUT_LIMITS.inputPathsMapKeyPattern}$`);
const MAX_LENGTH = (max: number): string => `Member must have length less than or equal to ${max}`;
const MIN_LENGTH = (min: number): string => `Member must have length greater than or equal to ${min}`;

/** Java's `Map.toString()`, which AWS's constraint messages use to echo a map. */
function javaMapText(map: Readonly<Record<string, string>>): string {
  return `{${Object.entries(map)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ")}}`;
}

/**
 * The model constraints AWS checks before anything else, reported together in its "N validation errors
 * detected" form. The two messages the corpus records are business-rule messages (below); the wording of these
 * constraint messages follows AWS's usual request-validation format and is not recorded in the corpus.
 */
function constraintViolations(settings: TargetInputSettings, position: number): ConstraintViolation[] {
  const limits = TARGET_INPUT_LIMITS;
  const at = `targets.${position}.member`;
  const violations: ConstraintViolation[] = [];
  const { Input, InputPath, InputTransformer } = settings;
  if (Input !== undefined && Input.length > limits.inputMaxLength) {
    violations.push({
      code: ErrorCode.Validation,
      member: `${at}.input`,
      value: Input,
      constraint: MAX_LENGTH(limits.inputMaxLength),
    });
  }
  if (InputPath !== undefined && InputPath.length > limits.inputPathMaxLength) {
    violations.push({
      code: ErrorCode.InvalidInputPath,
      member: `${at}.inputPath`,
      value: InputPath,
      constraint: MAX_LENGTH(limits.inputPathMaxLength),
    });
  }
  if (InputTransformer === undefined) return violations;

  const template: unknown = InputTransformer.InputTemplate;
  const templateMember = `${at}.inputTransformer.inputTemplate`;
  if (typeof template !== "string") {
    violations.push({
      code: ErrorCode.InvalidInputTransformer,
      member: templateMember,
      value: "null",
      constraint: "Member must not be null",
    });
  } else if (
    template.length < limits.inputTemplateMinLength ||
    template.length > limits.inputTemplateMaxLength
  ) {
    violations.push({
      code: ErrorCode.InvalidInputTransformer,
      member: templateMember,
      value: template,
      constraint:
        template.length < limits.inputTemplateMinLength
          ? MIN_LENGTH(limits.inputTemplateMinLength)
          : MAX_LENGTH(limits.inputTemplateMaxLength),
    });
  }

  const map = InputTransformer.InputPathsMap ?? {};
  const entries = Object.entries(map);
  const mapMember = `${at}.inputTransformer.inputPathsMap`;
  const mapViolation = (constraint: string): void => {
    violations.push({
      code: ErrorCode.InvalidInputTransformer,
      member: mapMember,
      value: javaMapText(map),
      constraint,
    });
  };
  if (entries.length > limits.inputPathsMapMaxEntries)
    mapViolation(MAX_LENGTH(limits.inputPathsMapMaxEntries));

  // The key pattern has no `.`, so it is also what rejects keys named like the reserved `aws.events.*`
  // variables ("The keys cannot start with 'AWS.'", API_InputTransformer).
  const keyConstraints = new Set<string>();
  for (const [key] of entries) {
    if (key.length > limits.inputPathsMapKeyMaxLength)
      keyConstraints.add(MAX_LENGTH(limits.inputPathsMapKeyMaxLength));
    if (key.length < limits.inputPathsMapKeyMinLength)
      keyConstraints.add(MIN_LENGTH(limits.inputPathsMapKeyMinLength));
    if (!KEY_PATTERN.test(key)) {
      keyConstraints.add(`Member must satisfy regular expression pattern: ${limits.inputPathsMapKeyPattern}`);
    }
  }
  if (keyConstraints.size > 0)
    mapViolation(`Map keys must satisfy constraint: [${[...keyConstraints].join(", ")}]`);
  if (entries.some(([, path]) => path.length > limits.inputPathMaxLength)) {
    mapViolation(`Map value must satisfy constraint: [${MAX_LENGTH(limits.inputPathMaxLength)}]`);
  }
  return violations;
}

function throwViolations(violations: readonly ConstraintViolation[], targetId: string): never {
  const [first] = violations;
  const count = violations.length;
  const details = violations
    .map((v) => `Value '${v.value}' at '${v.member}' failed to satisfy constraint: ${v.constraint}`)
    .join("; ");
  throw new InvalidTargetInputError(
    first?.code ?? ErrorCode.Validation,
    `${count} validation error${count === 1 ? "" : "s"} detected: ${details}`,
    { targetId, members: violations.map((v) => v.member) },
  );
}

function resolveTransformer(targetId: string, transformer: InputTransformer): ResolvedTargetInput {
  const map = transformer.InputPathsMap ?? {};
  const template = parseInputTemplate(transformer.InputTemplate);

  // Recorded AWS message (corpus: test_put_events_with_input_transformer_missing_keys).
  for (const name of template.placeholderNames) {
    if (!Object.hasOwn(map, name) && predefinedVariableSource(name) === undefined) {
      throw new InvalidTargetInputError(
        ErrorCode.InvalidInputTransformer,
        `InputTemplate for target ${targetId} contains invalid placeholder ${name}.`,
        { targetId, placeholder: name },
      );
    }
  }

  // "The placeholder cannot be used as an object key" (API_InputTransformer). Message not recorded by AWS.
  const [keyPlaceholder] = template.objectKeyPlaceholders;
  if (keyPlaceholder !== undefined) {
    throw new InvalidTargetInputError(
      ErrorCode.InvalidInputTransformer,
      `InputTemplate for target ${targetId} uses placeholder ${keyPlaceholder} as an object key, which is not allowed.`,
      { targetId, placeholder: keyPlaceholder },
    );
  }

  const paths = new Map<string, JsonPath>();
  for (const [key, text] of Object.entries(map)) {
    const parsed = parseJsonPath(text);
    if (!parsed.ok) {
      throw new InvalidTargetInputError(
        ErrorCode.InvalidInputTransformer,
        `InputPathsMap for target ${targetId} has an invalid JSON path for key ${key}: ${parsed.reason}.`,
        { targetId, key, path: text },
      );
    }
    paths.set(key, parsed.path);
  }
  return { kind: "transformer", template, paths };
}

/**
 * Validates a target's input settings as PutTargets does and parses them once, or throws
 * {@link InvalidTargetInputError} with AWS's message.
 */
export function resolveTargetInput(
  settings: TargetInputSettings,
  options: ValidateTargetInputOptions = {},
): ResolvedTargetInput {
  const targetId = settings.Id;
  const violations = constraintViolations(settings, options.targetPosition ?? 1);
  if (violations.length > 0) throwViolations(violations, targetId);

  const { Input, InputPath, InputTransformer } = settings;
  const given = [Input, InputPath, InputTransformer].filter((value) => value !== undefined).length;
  if (given > 1) {
    // Recorded AWS message (corpus: test_put_event_input_path_and_input_transformer).
    throw new InvalidTargetInputError(
      ErrorCode.Validation,
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`,
      { targetId },
    );
  }

  if (Input !== undefined) {
    // "Valid JSON text passed to the target" (API_Target). Message not recorded by AWS.
    try {
      JSON.parse(Input);
    } catch (cause) {
      throw new InvalidTargetInputError(
        ErrorCode.Validation,
        `Input for target ${targetId} is not valid JSON.`,
        {
          targetId,
          reason: cause instanceof Error ? cause.message : String(cause),
        },
      );
    }
    return { kind: "constant", body: Input };
  }

  if (InputPath !== undefined) {
    const parsed = parseJsonPath(InputPath);
    if (!parsed.ok) {
      // Message not recorded by AWS.
      throw new InvalidTargetInputError(
        ErrorCode.InvalidInputPath,
        `InputPath for target ${targetId} is not a valid JSON path: ${parsed.reason}.`,
        { targetId, path: InputPath },
      );
    }
    return { kind: "path", path: parsed.path };
  }

  if (InputTransformer !== undefined) return resolveTransformer(targetId, InputTransformer);
  return { kind: "event" };
}

/**
 * Checks a target's input settings as PutTargets does; throws {@link InvalidTargetInputError} with AWS's
 * message when AWS would reject them.
 *
 * @example
 * validateTargetInput({ Id: "audit", InputPath: "$.detail", InputTransformer: { InputTemplate: '"x"' } });
 * // throws: "Only one of Input, InputPath, or InputTransformer must be provided for target audit."
 */
export function validateTargetInput(
  settings: TargetInputSettings,
  options: ValidateTargetInputOptions = {},
): void {
  resolveTargetInput(settings, options);
}
