import type { StoredMappingSettings } from "../../store/function-settings-store.js";
import { functionArn } from "../functions/index.js";
import type { EventSourceMappingState } from "./event-source-mapping.js";
import type { MappingSettings } from "./mapping-settings.js";

/** A mapping as Get/List/Create/Update/DeleteEventSourceMapping answer it (API_EventSourceMappingConfiguration). */
export interface EventSourceMappingConfiguration {
  readonly UUID: string;
  readonly BatchSize: number;
  readonly MaximumBatchingWindowInSeconds: number;
  readonly EventSourceArn: string;
  readonly FunctionArn: string;
  /** Seconds since the epoch, milliseconds as the fraction, as the JSON protocol carries it. */
  readonly LastModified: number;
  readonly State: EventSourceMappingState;
  readonly StateTransitionReason: "USER_INITIATED";
  readonly FunctionResponseTypes: readonly "ReportBatchItemFailures"[];
  readonly FilterCriteria?: { readonly Filters: readonly { readonly Pattern: string }[] };
  readonly ScalingConfig?: { readonly MaximumConcurrency: number };
  readonly EventSourceMappingArn: string;
}

/** What a mapping's configuration is made of. */
export interface MappingView {
  readonly uuid: string;
  readonly queueName: string;
  readonly functionName: string;
  readonly settings: MappingSettings;
  readonly lastModifiedMs: number;
  /** The state to answer: a transition under way, else the running mapping's own. */
  readonly state: EventSourceMappingState;
}

/** Where mappings live: their account and Region, and their queues' ARNs. */
export interface MappingPlacement {
  readonly account: string;
  readonly region: string;
  queueArn(queueName: string): string;
}

/** A mapping in Lambda's configuration shape. */
export function mappingConfiguration(
  mapping: MappingView,
  placement: MappingPlacement,
): EventSourceMappingConfiguration {
  const { settings } = mapping;
  return {
    UUID: mapping.uuid,
    BatchSize: settings.batchSize,
    MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowSeconds,
    EventSourceArn: placement.queueArn(mapping.queueName),
    FunctionArn: functionArn(placement, mapping.functionName),
    LastModified: mapping.lastModifiedMs / 1000,
    State: mapping.state,
    StateTransitionReason: "USER_INITIATED",
    FunctionResponseTypes: settings.reportBatchItemFailures ? ["ReportBatchItemFailures"] : [],
    ...(settings.filterPatterns.length === 0
      ? {}
      : { FilterCriteria: { Filters: settings.filterPatterns.map((Pattern) => ({ Pattern })) } }),
    ...(settings.maximumConcurrency === undefined
      ? {}
      : { ScalingConfig: { MaximumConcurrency: settings.maximumConcurrency } }),
    EventSourceMappingArn: `arn:aws:lambda:${placement.region}:${placement.account}:event-source-mapping:${mapping.uuid}`,
  };
}

/** Checked settings as stored, and as input again (for a mapping made from them). */
export function storedSettings(settings: MappingSettings): StoredMappingSettings {
  return {
    batchSize: settings.batchSize,
    maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds,
    ...(settings.maximumConcurrency === undefined ? {} : { maximumConcurrency: settings.maximumConcurrency }),
    enabled: settings.enabled,
    filterPatterns: settings.filterPatterns,
    reportBatchItemFailures: settings.reportBatchItemFailures,
  };
}
