import { splitArn } from "../../core/arn.js";
import { ValidationError } from "../../core/errors.js";
import { EVENTBRIDGE_LIMITS, parseTargetArn } from "../../core/events/index.js";
import { parseSqsQueueArn } from "../../core/queues/index.js";
import { validateTargetInput } from "../../core/transform/index.js";
import type { TargetRecord } from "../../store/bus-store.js";

/** One target of PutTargets, with AWS's names (the subset Switchyard delivers to). */
export interface TargetInput {
  readonly Id: string;
  readonly Arn: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
}

/** RetryPolicy's ranges (API_RetryPolicy), by the member names AWS's messages use. */
const RETRY_LIMITS = {
  maximumRetryAttempts: EVENTBRIDGE_LIMITS.maximumRetryAttempts,
  maximumEventAgeInSeconds: EVENTBRIDGE_LIMITS.maximumEventAgeSeconds,
} as const;

/**
 * Checks one PutTargets target as EventBridge does, before anything is stored: its ARN, its input
 * (Input / InputPath / InputTransformer), its RetryPolicy ranges and its dead-letter queue's ARN.
 * `position` is the target's 1-based place in the request, as AWS's messages name it.
 */
export function checkTarget(target: TargetInput, position: number): void {
  validateTargetInput(target, { targetPosition: position });
  if (splitArn(target.Arn) === undefined) {
    throw new ValidationError(
      `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
      {
        target: target.Id,
      },
    );
  }
  const kind = parseTargetArn(target.Arn);
  if (kind === undefined) {
    throw new ValidationError(
      `Switchyard delivers to SQS queues, Lambda functions and event buses; target ${target.Id} names ${target.Arn}.`,
      { target: target.Id },
    );
  }
  if (kind.kind === "bus" && (target.Input ?? target.InputPath ?? target.InputTransformer) !== undefined) {
    // AWS forwards the event itself to a bus: Input, InputPath and InputTransformer do not apply there.
    throw new ValidationError(
      `Input, InputPath and InputTransformer are not supported for event bus targets (target ${target.Id}).`,
      { target: target.Id },
    );
  }
  const retry = target.RetryPolicy;
  if (retry !== undefined) {
    checkRange(retry.MaximumRetryAttempts, position, "maximumRetryAttempts");
    checkRange(retry.MaximumEventAgeInSeconds, position, "maximumEventAgeInSeconds");
  }
  const deadLetterArn = target.DeadLetterConfig?.Arn;
  if (deadLetterArn !== undefined && parseSqsQueueArn(deadLetterArn) === undefined) {
    throw new ValidationError(
      `Parameter DeadLetterConfig.Arn is not valid. Reason: ${deadLetterArn} is not the ARN of an SQS queue.`,
      { target: target.Id },
    );
  }
}

function checkRange(value: number | undefined, position: number, member: keyof typeof RETRY_LIMITS): void {
  if (value === undefined) return;
  const { min, max } = RETRY_LIMITS[member];
  const at = `Value '${value}' at 'targets.${position}.member.retryPolicy.${member}' failed to satisfy constraint:`;
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(
      `1 validation error detected: ${at} Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw new ValidationError(
      `1 validation error detected: ${at} Member must have value less than or equal to ${max}`,
    );
  }
}

/** A stored target in PutTargets' and ListTargetsByRule's shape. */
export function targetInputOf(record: TargetRecord): TargetInput {
  return {
    Id: record.id,
    Arn: record.arn,
    ...(record.input === undefined ? {} : { Input: record.input }),
    ...(record.inputPath === undefined ? {} : { InputPath: record.inputPath }),
    ...(record.inputTransformer === undefined ? {} : { InputTransformer: record.inputTransformer }),
    ...(record.retryPolicy === undefined ? {} : { RetryPolicy: record.retryPolicy }),
    ...(record.deadLetterArn === undefined ? {} : { DeadLetterConfig: { Arn: record.deadLetterArn } }),
    ...(record.sqsMessageGroupId === undefined
      ? {}
      : { SqsParameters: { MessageGroupId: record.sqsMessageGroupId } }),
  };
}
