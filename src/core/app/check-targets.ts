import { EVENTBRIDGE_LIMITS, RULE_DEFAULTS } from "../events/index.js";
import { InvalidTargetInputError, validateTargetInput } from "../transform/index.js";
import {
  type Findings,
  indexPath,
  isRecord,
  jsonText,
  memberPath,
  readArray,
  readInteger,
  readObject,
  readString,
  show,
} from "./findings.js";
import { type AppNames, checkDeclared, readResourceRef } from "./references.js";
import type { ResolvedInputTransformer, ResolvedTarget, ResourceRef } from "./resolved-app.js";
import { checkTargetId, isValidTargetId } from "./resource-names.js";

const TARGET_KINDS = ["queue", "function", "bus"] as const;
const TARGET_MEMBERS = [
  ...TARGET_KINDS,
  "messageGroupId",
  "id",
  "input",
  "inputPath",
  "inputTransformer",
  "retryPolicy",
  "deadLetterQueue",
] as const;

/** Resolves a rule's targets: 1 to 5 of them, with ids unique in the rule. */
export function resolveTargets(
  findings: Findings,
  path: string,
  value: unknown,
  names: AppNames,
): ResolvedTarget[] {
  if (value === undefined) {
    findings.problem(path, `is required: 1 to ${EVENTBRIDGE_LIMITS.targetsPerRuleMax} targets`);
    return [];
  }
  const targets = readArray(findings, path, value) ?? [];
  const max = EVENTBRIDGE_LIMITS.targetsPerRuleMax;
  if (Array.isArray(value) && targets.length === 0) findings.problem(path, "is empty: a rule needs a target");
  if (targets.length > max) {
    // PutTargets past the quota answers LimitExceededException.
    findings.problem(path, `has ${targets.length} targets; EventBridge allows ${max} a rule`);
  }
  const resolved: ResolvedTarget[] = [];
  const positionOfId = new Map<string, number>();
  targets.forEach((definition, index) => {
    const targetPath = indexPath(path, index);
    const target = resolveTarget(findings, targetPath, definition, index, names);
    if (target === undefined) return;
    const first = positionOfId.get(target.id);
    if (first !== undefined) {
      findings.problem(
        targetPath,
        `has the id ${JSON.stringify(target.id)} of ${indexPath(path, first)}; target ids are unique in a rule ` +
          "(a target's default id is the name it sends to)",
      );
    } else {
      positionOfId.set(target.id, index);
    }
    resolved.push(target);
  });
  return resolved;
}

function resolveTarget(
  findings: Findings,
  path: string,
  definition: unknown,
  index: number,
  names: AppNames,
): ResolvedTarget | undefined {
  const target = readObject(findings, path, definition, TARGET_MEMBERS);
  if (target === undefined) return undefined;
  const at = (member: string) => memberPath(path, member);
  const resource = readResourceRef(findings, path, target, TARGET_KINDS, names);
  const id = readTargetId(findings, path, target.id, resource);
  // The id AWS's messages name even when the target's own is unusable: what it was given, or its position.
  const shownId =
    id ?? [target.id, ...TARGET_KINDS.map((kind) => target[kind])].find(isString) ?? `${index + 1}`;
  const input = readInput(findings, path, target, resource, shownId, index);
  const messageGroupId = readMessageGroupId(findings, path, target.messageGroupId, resource, shownId, names);
  const retryPolicy = readRetryPolicy(findings, at("retryPolicy"), target.retryPolicy);
  const deadLetterQueue = readTargetDeadLetter(
    findings,
    at("deadLetterQueue"),
    target.deadLetterQueue,
    names,
  );
  if (resource === undefined || id === undefined) return undefined;
  return {
    id,
    resource,
    ...input,
    ...(messageGroupId === undefined ? {} : { messageGroupId }),
    retryPolicy,
    ...(deadLetterQueue === undefined ? {} : { deadLetterQueue }),
  };
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function readTargetId(
  findings: Findings,
  path: string,
  value: unknown,
  resource: ResourceRef | undefined,
): string | undefined {
  if (value !== undefined) {
    const id = readString(findings, memberPath(path, "id"), value);
    if (id !== undefined) checkTargetId(findings, memberPath(path, "id"), id);
    return id;
  }
  if (resource === undefined) return undefined;
  if (!isValidTargetId(resource.name)) {
    return findings.problem(
      path,
      `needs an id: its default, the ${resource.kind} name ${JSON.stringify(resource.name)}, is longer than ` +
        `the ${EVENTBRIDGE_LIMITS.targetIdMaxLength} characters of a target id`,
    );
  }
  return resource.name;
}

type TargetInput = Pick<ResolvedTarget, "input" | "inputPath" | "inputTransformer">;

/** Input, InputPath or InputTransformer, checked by core/transform as PutTargets checks them. */
function readInput(
  findings: Findings,
  path: string,
  target: Readonly<Record<string, unknown>>,
  resource: ResourceRef | undefined,
  id: string,
  index: number,
): TargetInput {
  const at = (member: string) => memberPath(path, member);
  const input = target.input === undefined ? undefined : jsonText(findings, at("input"), target.input);
  const inputPath = readString(findings, at("inputPath"), target.inputPath);
  const inputTransformer = readInputTransformer(findings, at("inputTransformer"), target.inputTransformer);
  const settings: TargetInput = {
    ...(input === undefined ? {} : { input }),
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(inputTransformer === undefined ? {} : { inputTransformer }),
  };
  if (Object.keys(settings).length === 0) return settings;
  if (resource?.kind === "bus") {
    // EventBridge forwards the event itself to a bus; the runtime's PutTargets refuses these likewise.
    findings.problem(path, "Input, InputPath and InputTransformer are not supported for event bus targets.");
    return settings;
  }
  try {
    validateTargetInput(
      {
        Id: id,
        ...(input === undefined ? {} : { Input: input }),
        ...(inputPath === undefined ? {} : { InputPath: inputPath }),
        ...(inputTransformer === undefined
          ? {}
          : {
              InputTransformer: {
                InputPathsMap: inputTransformer.inputPathsMap,
                InputTemplate: inputTransformer.inputTemplate,
              },
            }),
      },
      { targetPosition: index + 1 },
    );
  } catch (error) {
    if (!(error instanceof InvalidTargetInputError)) throw error;
    findings.problem(path, error.message);
  }
  return settings;
}

function readInputTransformer(
  findings: Findings,
  path: string,
  value: unknown,
): ResolvedInputTransformer | undefined {
  if (value === undefined) return undefined;
  const transformer = readObject(findings, path, value, ["inputPathsMap", "inputTemplate"]);
  if (transformer === undefined) return undefined;
  const inputTemplate = readString(findings, memberPath(path, "inputTemplate"), transformer.inputTemplate);
  if (transformer.inputTemplate === undefined)
    findings.problem(memberPath(path, "inputTemplate"), "is required");
  const mapPath = memberPath(path, "inputPathsMap");
  const map = transformer.inputPathsMap ?? {};
  if (!isRecord(map)) return findings.problem(mapPath, `must be an object of JSON paths; got ${show(map)}`);
  const inputPathsMap: Record<string, string> = {};
  for (const [key, jsonPath] of Object.entries(map)) {
    if (typeof jsonPath === "string") inputPathsMap[key] = jsonPath;
    else findings.problem(memberPath(mapPath, key), `must be a JSON path string; got ${show(jsonPath)}`);
  }
  return inputTemplate === undefined ? undefined : { inputPathsMap, inputTemplate };
}

function readMessageGroupId(
  findings: Findings,
  path: string,
  value: unknown,
  resource: ResourceRef | undefined,
  id: string,
  names: AppNames,
): string | undefined {
  const messageGroupId = readString(findings, memberPath(path, "messageGroupId"), value);
  if (resource === undefined) return messageGroupId;
  if (resource.kind !== "queue") {
    if (messageGroupId !== undefined) {
      findings.problem(memberPath(path, "messageGroupId"), "applies only to queue targets");
    }
    return undefined;
  }
  if (messageGroupId === undefined && names.resolvedQueues.get(resource.name)?.attributes.fifo === true) {
    findings.problem(
      path,
      `FIFO queue ${JSON.stringify(resource.name)} needs a messageGroupId ` +
        `(EventBridge: Parameter(s) SqsParameters must be specified for target: ${id}.)`,
    );
  }
  return messageGroupId;
}

function readRetryPolicy(findings: Findings, path: string, value: unknown): ResolvedTarget["retryPolicy"] {
  const defaults = {
    maximumRetryAttempts: RULE_DEFAULTS.maximumRetryAttempts,
    maximumEventAgeSeconds: RULE_DEFAULTS.maximumEventAgeSeconds,
  };
  if (value === undefined) return defaults;
  const policy = readObject(findings, path, value, ["maximumRetryAttempts", "maximumEventAgeSeconds"]);
  if (policy === undefined) return defaults;
  return {
    maximumRetryAttempts: readInteger(
      findings,
      memberPath(path, "maximumRetryAttempts"),
      policy.maximumRetryAttempts,
      EVENTBRIDGE_LIMITS.maximumRetryAttempts,
      "EventBridge RetryPolicy MaximumRetryAttempts",
      defaults.maximumRetryAttempts,
    ),
    maximumEventAgeSeconds: readInteger(
      findings,
      memberPath(path, "maximumEventAgeSeconds"),
      policy.maximumEventAgeSeconds,
      EVENTBRIDGE_LIMITS.maximumEventAgeSeconds,
      "EventBridge RetryPolicy MaximumEventAgeInSeconds",
      defaults.maximumEventAgeSeconds,
    ),
  };
}

function readTargetDeadLetter(
  findings: Findings,
  path: string,
  value: unknown,
  names: AppNames,
): string | undefined {
  const queue = readString(findings, path, value);
  if (queue === undefined || !checkDeclared(findings, path, names, "queue", queue)) return undefined;
  if (names.resolvedQueues.get(queue)?.attributes.fifo === true) {
    // PutTargets' answer, as CloudTrail records it for a FIFO dead-letter queue.
    return findings.problem(
      path,
      `queue ${JSON.stringify(queue)}: SQS FIFO is not supported by Dead Letter Queues.`,
    );
  }
  return queue;
}
