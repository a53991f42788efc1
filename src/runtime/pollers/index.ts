export {
  type BatchFailureReason,
  BatchFailureReason as BatchFailureReasons,
  type BatchOutcome,
  readBatchOutcome,
} from "./batch-outcome.js";
export {
  createEventSourceMapping,
  type EventSourceMapping,
  type EventSourceMappingOptions,
  EventSourceMappingState,
} from "./event-source-mapping.js";
export {
  EventSourceMappingConflictError,
  EventSourceMappingInUseError,
  EventSourceMappingNotFoundError,
  InvalidEventSourceMappingError,
  MappedFunctionNotFoundError,
} from "./mapping-errors.js";
export {
  type CreateEventSourceMappingInput,
  createEventSourceMappingRegistry,
  type EventSourceMappingConfiguration,
  type EventSourceMappingRegistry,
  type EventSourceMappingRegistryOptions,
  type UpdateEventSourceMappingInput,
} from "./mapping-registry.js";
export {
  changeMappingSettings,
  checkQueueKind,
  type MappingSettings,
  type MappingSettingsChange,
  type MappingSettingsInput,
  POLLER_LIMITS,
  resolveMappingSettings,
} from "./mapping-settings.js";
export type {
  MappingActivity,
  MappingInvocationReport,
  MappingListeners,
  MappingQueueService,
  MappingStats,
} from "./poller-context.js";
export { createQueueWaits, type QueueWaits } from "./queue-waits.js";
export { compileRecordFilter, type RecordFilter } from "./record-filter.js";
export {
  type RecordSource,
  type SqsEvent,
  type SqsRecord,
  type SqsRecordMessageAttribute,
  toSqsRecord,
} from "./sqs-event.js";
