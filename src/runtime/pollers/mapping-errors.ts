import { ErrorCode, ResourceNotFoundError, SwitchyardError } from "../../core/errors.js";

/** A mapping setting Lambda refuses with InvalidParameterValueException (a bad filter, a FIFO rule, a missing queue). */
export class InvalidEventSourceMappingError extends SwitchyardError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.InvalidParameterValue, message, { context });
  }
}

/**
 * A second mapping of the same queue and function: Lambda's ResourceConflictException (HTTP 409), in its words,
 * naming the mapping that exists.
 */
export class EventSourceMappingConflictError extends SwitchyardError {
  constructor(queueArn: string, functionName: string, existingUuid: string) {
    super(
      ErrorCode.ResourceConflict,
      `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${functionName} ") already exists. ` +
        `Please update or delete the existing mapping with UUID ${existingUuid}`,
      { context: { queueArn, functionName, existingUuid } },
    );
  }
}

/** A UUID no mapping has: Lambda's ResourceNotFoundException for Get / Update / DeleteEventSourceMapping. */
export class EventSourceMappingNotFoundError extends ResourceNotFoundError {
  constructor(uuid: string) {
    super("The resource you requested does not exist.", { uuid });
  }
}

/** A mapping to a function the runtime does not know: Lambda's ResourceNotFoundException "Function not found: ARN". */
export class MappedFunctionNotFoundError extends ResourceNotFoundError {
  constructor(functionArn: string) {
    super(`Function not found: ${functionArn}`, { functionArn });
  }
}

/**
 * An update or delete of a mapping that is being deleted: Lambda's ResourceInUseException ("you tried to delete an event
 * source mapping currently UPDATING", API_UpdateEventSourceMapping). AWS publishes no wording; this one names the
 * mapping.
 */
export class EventSourceMappingInUseError extends SwitchyardError {
  constructor(uuid: string) {
    super(ErrorCode.ResourceInUse, `The event source mapping ${uuid} is being deleted.`, {
      context: { uuid },
    });
  }
}
