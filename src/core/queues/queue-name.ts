import { ErrorCode, QueueRequestError } from "../errors.js";

/** The suffix every FIFO queue name ends with, and only FIFO queue names may. */
export const FIFO_QUEUE_NAME_SUFFIX = ".fifo";

/** The longest queue name SQS accepts, `.fifo` suffix included. */
export const QUEUE_NAME_MAX_LENGTH = 80;

const NAME_CHARACTERS = /^[A-Za-z0-9_-]+$/;

// SQS's answers, as AWS returns them: the standard one from boto/botocore#3058 (a standard queue named
// "messages.fifo"), the FIFO one from pulumi/pulumi-aws-native#794 and aws-cloudformation/
// cloudformation-coverage-roadmap#280 (a FIFO name without the suffix, or over 80 characters with it).
const STANDARD_NAME_MESSAGE =
  "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
const FIFO_NAME_MESSAGE =
  "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, " +
  "must end with .fifo suffix and be 1 to 80 in length.";

/** What kind of queue a name is checked for. */
export interface QueueNameOptions {
  readonly fifo: boolean;
}

/**
 * Checks a CreateQueue `QueueName` as SQS does: 1 to 80 alphanumerics, hyphens and underscores; a FIFO
 * queue's name ends in `.fifo` (counted in the 80) and a standard queue's name may not contain a dot at all.
 * Throws SQS's InvalidParameterValue otherwise.
 * @example
 * validateQueueName("orders.fifo", { fifo: true }); // passes
 * validateQueueName("orders.fifo", { fifo: false }); // throws InvalidParameterValue
 */
export function validateQueueName(name: string, options: QueueNameOptions): void {
  if (options.fifo) {
    const base = name.endsWith(FIFO_QUEUE_NAME_SUFFIX) ? name.slice(0, -FIFO_QUEUE_NAME_SUFFIX.length) : "";
    if (name.length > QUEUE_NAME_MAX_LENGTH || !NAME_CHARACTERS.test(base)) {
      throw nameError(FIFO_NAME_MESSAGE, name, true);
    }
    return;
  }
  if (name.length > QUEUE_NAME_MAX_LENGTH || !NAME_CHARACTERS.test(name)) {
    throw nameError(STANDARD_NAME_MESSAGE, name, false);
  }
}

/** Whether a queue name has the FIFO suffix (a name validated for its kind says which kind it is). */
export function isFifoQueueName(name: string): boolean {
  return name.endsWith(FIFO_QUEUE_NAME_SUFFIX);
}

function nameError(message: string, name: string, fifo: boolean): QueueRequestError {
  return new QueueRequestError(ErrorCode.InvalidParameterValue, message, { queueName: name, fifo });
}
