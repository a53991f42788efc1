import { splitArn } from "../arn.js";
import { ErrorCode, QueueRequestError } from "../errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { QUEUE_ATTRIBUTE_LIMITS } from "./queue-attribute-limits.js";
import { invalidAttributeValueError, invalidParameterValueError } from "./queue-attribute-values.js";

/** A source queue's RedrivePolicy: where its messages go after too many receives. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** A dead-letter queue's RedriveAllowPolicy: which source queues may name it as their dead-letter queue. */
export type RedriveAllowPolicy =
  | { readonly redrivePermission: "allowAll" | "denyAll" }
  | { readonly redrivePermission: "byQueue"; readonly sourceQueueArns: readonly string[] };

/** An SQS queue ARN taken apart. */
export interface SqsQueueArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly queueName: string;
}

const REDRIVE_POLICY = "RedrivePolicy";
const REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
const REDRIVE_POLICY_KEYS = ["deadLetterTargetArn", "maxReceiveCount"];
const REDRIVE_ALLOW_POLICY_KEYS = ["redrivePermission", "sourceQueueArns"];
const REDRIVE_PERMISSIONS = ["allowAll", "denyAll", "byQueue"] as const;
const INTEGER = /^-?\d+$/;

/**
 * Reads a RedrivePolicy value as SQS does (CreateQueue / SetQueueAttributes reference; SQS Developer Guide,
 * "Using dead-letter queues"): a JSON object with exactly `deadLetterTargetArn`, an SQS queue ARN, and
 * `maxReceiveCount` from 1 to 1000, given as a number or, as SQS also accepts, a numeric string. Whether the
 * target exists and is of the source's type needs the store: see `deadLetterTargetError`.
 * @example
 * parseRedrivePolicy('{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"5"}');
 * // { deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:dlq", maxReceiveCount: 5 }
 */
export function parseRedrivePolicy(raw: string): RedrivePolicy {
  const document = parseJsonObject(raw);
  // AWS's own wording for a RedrivePolicy that is not a JSON object, as Terraform prints it from SQS.
  if (document === undefined) {
    throw invalidAttributeValueError(REDRIVE_POLICY, raw, "Redrive policy is not a valid JSON map.");
  }
  const invalid = (reason: string) => invalidParameterValueError(REDRIVE_POLICY, raw, reason);
  // The mandatory members are checked maxReceiveCount first: `{}` is refused for its maxReceiveCount.
  for (const key of ["maxReceiveCount", "deadLetterTargetArn"]) {
    if (!(key in document)) throw invalid(`Redrive policy does not contain mandatory attribute: ${key}.`);
  }
  const maxReceiveCount = readMaxReceiveCount(document.maxReceiveCount);
  if (maxReceiveCount === undefined) {
    const { min, max } = QUEUE_ATTRIBUTE_LIMITS.maxReceiveCount;
    throw invalid(
      `Invalid value for maxReceiveCount: ${showJson(document.maxReceiveCount)}, ` +
        `valid values are from ${String(min)} to ${String(max)} both inclusive.`,
    );
  }
  const target = document.deadLetterTargetArn;
  const arn = typeof target === "string" ? splitArn(target) : undefined;
  if (typeof target !== "string" || arn === undefined)
    throw invalid("Invalid value for deadLetterTargetArn.");
  if (arn.service !== "sqs") throw invalid("Only SQS queues are valid resources for deadLetterTargetArn.");
  if (Object.keys(document).some((key) => !REDRIVE_POLICY_KEYS.includes(key))) {
    throw invalid("Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].");
  }
  return { deadLetterTargetArn: target, maxReceiveCount };
}

/**
 * A RedrivePolicy as GetQueueAttributes returns it: compact JSON, `maxReceiveCount` a number even when it was
 * set as a string (the cause of Terraform's well-known perpetual redrive_policy diff).
 */
export function formatRedrivePolicy(policy: RedrivePolicy): string {
  return JSON.stringify({
    deadLetterTargetArn: policy.deadLetterTargetArn,
    maxReceiveCount: policy.maxReceiveCount,
  });
}

/**
 * Reads a RedriveAllowPolicy value as SQS does (SQS Developer Guide, "Configuring a dead-letter queue redrive
 * allow policy"): `redrivePermission` allowAll, denyAll or byQueue; `sourceQueueArns` (1 to 10 queue ARNs)
 * with byQueue and only with byQueue.
 */
export function parseRedriveAllowPolicy(raw: string): RedriveAllowPolicy {
  const document = parseJsonObject(raw);
  const permission = document?.redrivePermission;
  const sources = document?.sourceQueueArns;
  const redrivePermission = REDRIVE_PERMISSIONS.find((known) => known === permission);
  if (
    document === undefined ||
    redrivePermission === undefined ||
    Object.keys(document).some((key) => !REDRIVE_ALLOW_POLICY_KEYS.includes(key)) ||
    (sources !== undefined && !isStringList(sources))
  ) {
    throw invalidAttributeValueError(
      REDRIVE_ALLOW_POLICY,
      raw,
      "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.",
    );
  }
  const invalid = (reason: string) =>
    invalidParameterValueError(
      REDRIVE_ALLOW_POLICY,
      raw,
      `Amazon SQS can't create the redrive allow policy. ${reason}`,
    );
  if (redrivePermission !== "byQueue") {
    if (sources !== undefined) {
      throw invalid("To specify one or more source queue ARNs, you must set redrivePermission to byQueue.");
    }
    return { redrivePermission };
  }
  if (sources === undefined || sources.length === 0) {
    throw invalid(
      "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.",
    );
  }
  const max = QUEUE_ATTRIBUTE_LIMITS.sourceQueueArnsMax;
  if (sources.length > max) {
    throw invalid(`The maximum number of source queue ARNs you can specify is ${String(max)}.`);
  }
  return { redrivePermission, sourceQueueArns: sources };
}

/** A RedriveAllowPolicy as GetQueueAttributes returns it: compact JSON. */
export function formatRedriveAllowPolicy(policy: RedriveAllowPolicy): string {
  return JSON.stringify(policy);
}

/** Takes an SQS queue ARN apart (`arn:aws:sqs:us-east-1:123456789012:orders`); undefined for anything else. */
export function parseSqsQueueArn(arn: string): SqsQueueArn | undefined {
  const parts = splitArn(arn);
  // A queue name never holds a colon: "sqs:…:a:b" names no queue.
  if (parts === undefined || parts.service !== "sqs" || parts.resource.includes(":")) return undefined;
  return {
    partition: parts.partition,
    region: parts.region,
    accountId: parts.accountId,
    queueName: parts.resource,
  };
}

/** Why a syntactically valid RedrivePolicy still cannot be set: its target, looked up in the store. */
export const DeadLetterTargetProblem = {
  DoesNotExist: "DoesNotExist",
  NotSameQueueType: "NotSameQueueType",
  SourceNotAllowed: "SourceNotAllowed",
} as const;
/** A reason a dead-letter target is refused. */
export type DeadLetterTargetProblem = (typeof DeadLetterTargetProblem)[keyof typeof DeadLetterTargetProblem];

/**
 * The error SQS answers when a RedrivePolicy names a queue that does not exist, or one of the other kind
 * (standard vs FIFO). `rawRedrivePolicy` is the attribute value exactly as the request gave it.
 */
export function deadLetterTargetError(
  rawRedrivePolicy: string,
  problem: Exclude<DeadLetterTargetProblem, typeof DeadLetterTargetProblem.SourceNotAllowed>,
): QueueRequestError {
  // "source.." with two periods is how SQS spells it.
  const reason =
    problem === DeadLetterTargetProblem.DoesNotExist
      ? "Dead letter target does not exist."
      : "Dead-letter queue must be same type of queue as the source..";
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${rawRedrivePolicy} for parameter ${REDRIVE_POLICY} is invalid. Reason: ${reason}`,
    { attribute: REDRIVE_POLICY, value: rawRedrivePolicy, problem },
  );
}

/**
 * Whether a dead-letter queue's RedriveAllowPolicy lets the queue `sourceQueueArn` name it in its RedrivePolicy.
 * No policy is allowAll, SQS's default (SQS Developer Guide, "Using dead-letter queues": "allowAll – (Default)
 * Any source queues in this AWS account in the same Region can specify this queue as the dead-letter queue").
 * @example
 * allowsDeadLetterSource({ redrivePermission: "byQueue", sourceQueueArns: [ordersArn] }, ordersArn); // true
 */
export function allowsDeadLetterSource(
  policy: RedriveAllowPolicy | undefined,
  sourceQueueArn: string,
): boolean {
  if (policy === undefined) return true;
  switch (policy.redrivePermission) {
    case "allowAll":
      return true;
    case "denyAll":
      return false;
    case "byQueue":
      return policy.sourceQueueArns.includes(sourceQueueArn);
  }
}

/**
 * The error for a RedrivePolicy whose dead-letter queue's RedriveAllowPolicy (denyAll, or byQueue without this
 * source) refuses the source queue `sourceQueueArn`. SQS refuses the CreateQueue or SetQueueAttributes as it
 * refuses the other unusable targets, InvalidParameterValue on the RedrivePolicy; AWS publishes no wording for
 * this reason, so the reason names the two queues.
 */
export function deadLetterSourceNotAllowedError(
  rawRedrivePolicy: string,
  deadLetterTargetArn: string,
  sourceQueueArn: string,
): QueueRequestError {
  return new QueueRequestError(
    ErrorCode.InvalidParameterValue,
    `Value ${rawRedrivePolicy} for parameter ${REDRIVE_POLICY} is invalid. Reason: ` +
      `The ${REDRIVE_ALLOW_POLICY} of ${deadLetterTargetArn} does not allow ${sourceQueueArn} as a source queue.`,
    {
      attribute: REDRIVE_POLICY,
      value: rawRedrivePolicy,
      problem: DeadLetterTargetProblem.SourceNotAllowed,
      deadLetterTargetArn,
      sourceQueueArn,
    },
  );
}

function parseJsonObject(raw: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readMaxReceiveCount(value: JsonValue | undefined): number | undefined {
  const count =
    typeof value === "number"
      ? value
      : typeof value === "string" && INTEGER.test(value)
        ? Number(value)
        : Number.NaN;
  const { min, max } = QUEUE_ATTRIBUTE_LIMITS.maxReceiveCount;
  return Number.isInteger(count) && count >= min && count <= max ? count : undefined;
}

function isStringList(value: JsonValue): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function showJson(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
