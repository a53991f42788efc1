import { ErrorCode, QueueRequestError } from "../errors.js";

/**
 * A queue's server-side encryption: none, SSE-SQS (SqsManagedSseEnabled) or SSE-KMS (KmsMasterKeyId). SQS
 * keeps them exclusive. Switchyard encrypts nothing; it keeps the settings so GetQueueAttributes answers them.
 */
export type QueueEncryption =
  | { readonly type: "none" }
  | { readonly type: "sqsManaged" }
  | { readonly type: "kms"; readonly kmsMasterKeyId: string };

/** What one CreateQueue or SetQueueAttributes asks of encryption; undefined where it says nothing. */
export interface QueueEncryptionChange {
  /** KmsMasterKeyId as given: a key turns SSE-KMS on, "" turns it off. */
  readonly kmsMasterKeyId: string | undefined;
  readonly sqsManagedSseEnabled: boolean | undefined;
}

/**
 * The encryption a queue has after a request: a KMS key switches to SSE-KMS, SqsManagedSseEnabled true to
 * SSE-SQS, false switches SSE-SQS off. Asking for both at once is SQS's InvalidAttributeName.
 */
export function changeQueueEncryption(
  current: QueueEncryption,
  change: QueueEncryptionChange,
): QueueEncryption {
  const { kmsMasterKeyId, sqsManagedSseEnabled } = change;
  if (sqsManagedSseEnabled === true && kmsMasterKeyId !== undefined && kmsMasterKeyId !== "") {
    // AWS's answer, recorded by LocalStack's AWS-validated snapshot test_sse_kms_and_sqs_are_mutually_exclusive.
    throw new QueueRequestError(
      ErrorCode.InvalidAttributeName,
      "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.",
      { kmsMasterKeyId, sqsManagedSseEnabled },
    );
  }
  let next = current;
  if (kmsMasterKeyId !== undefined) {
    if (kmsMasterKeyId !== "") next = { type: "kms", kmsMasterKeyId };
    else if (next.type === "kms") next = { type: "none" };
  }
  if (sqsManagedSseEnabled === true) next = { type: "sqsManaged" };
  if (sqsManagedSseEnabled === false && next.type === "sqsManaged") next = { type: "none" };
  return next;
}
