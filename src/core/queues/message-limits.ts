/**
 * SQS's limits on one message and on a SendMessageBatch request, stated once: every check and every test
 * reads them from here. A queue's own MaximumMessageSize is the queue's attribute, not stated here.
 *
 * - DelaySeconds 0–900: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * - Up to 10 message attributes; a name and a data type are each "up to 256 characters":
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 * - MessageGroupId and MessageDeduplicationId: 1–128 alphanumeric and punctuation characters (API_SendMessage).
 * - 1–10 entries per batch, each Id at most 80 alphanumeric characters, hyphens and underscores:
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatchRequestEntry.html
 * - The batch's total payload is at most 1 MiB ("both 1 MiB 1,048,576 bytes", API_SendMessageBatch; raised
 *   from 256 KiB in August 2025). AWS answers "Batch requests cannot be longer than 1048576 bytes. You have
 *   sent 1048580 bytes." for ten 104,858-byte bodies (ballerina-platform module-ballerinax-aws.sqs tests
 *   run against AWS), so the limit itself is allowed.
 */
export const SEND_MESSAGE_LIMITS = Object.freeze({
  maxDelaySeconds: 900,
  maxMessageAttributes: 10,
  attributeNameMaxLength: 256,
  attributeDataTypeMaxLength: 256,
  fifoIdMaxLength: 128,
  maxBatchEntries: 10,
  batchEntryIdMaxLength: 80,
  batchRequestMaxBytes: 1_048_576,
});
