import type {
  ResolvedAsyncInvocation,
  ResolvedEventSourceMapping,
  ResourceRef,
} from "../../core/app/index.js";
import type {
  StoredAsyncSettings,
  StoredEventSourceMapping,
  StoredMappingSettings,
} from "../../store/function-settings-store.js";

/**
 * What a starting app does with the mappings on record: which to run again as stored, which to record anew
 * first, which to forget, and which declarations have no record yet.
 */
export interface MappingRestorePlan {
  /** Run again under their UUIDs; `changed` ones are recorded first (the app changed its declaration). */
  readonly restore: readonly { readonly record: StoredEventSourceMapping; readonly changed: boolean }[];
  /** Declarations with no mapping on record: created as new. */
  readonly create: readonly ResolvedEventSourceMapping[];
  /** Mappings an earlier start of the app declared that it declares no more. */
  readonly forget: readonly string[];
}

/**
 * Matches an app's mapping declarations with the mappings on record, so that a restart keeps every mapping's
 * UUID and what Lambda's API changed, while the app definition stays the source of what it declares:
 * - a declared mapping found on record as declared the same way runs as recorded (API changes included);
 * - one whose declaration changed since takes the new declaration (the definition is newer than the change);
 * - a recorded declaration the app no longer makes is forgotten;
 * - a mapping made over the API runs again as recorded, when its function is one of this app's.
 * Records of other apps' functions are left alone.
 */
export function planMappingRestore(
  declarations: readonly ResolvedEventSourceMapping[],
  records: readonly StoredEventSourceMapping[],
  functionNames: ReadonlySet<string>,
  nowMs: number,
): MappingRestorePlan {
  const restore: { record: StoredEventSourceMapping; changed: boolean }[] = [];
  const create: ResolvedEventSourceMapping[] = [];
  const forget: string[] = [];
  const unmatched = new Set(declarations);
  for (const record of records) {
    const { declared } = record;
    if (declared === undefined) {
      if (functionNames.has(record.functionName)) restore.push({ record, changed: false });
      continue;
    }
    if (!functionNames.has(declared.functionName)) continue;
    const declaration = [...unmatched].find(
      (d) => d.queue === declared.queueName && d.function === declared.functionName,
    );
    if (declaration === undefined) {
      forget.push(record.uuid);
      continue;
    }
    unmatched.delete(declaration);
    const settings = declaredSettings(declaration);
    if (sameMappingSettings(settings, declared.settings)) {
      restore.push({ record, changed: false });
    } else {
      const now = { queueName: declaration.queue, functionName: declaration.function, settings };
      restore.push({ record: { ...record, ...now, lastModifiedMs: nowMs, declared: now }, changed: true });
    }
  }
  create.push(...unmatched);
  return { restore, create, forget };
}

/** The settings a declaration states, as stored. */
export function declaredSettings(declaration: ResolvedEventSourceMapping): StoredMappingSettings {
  return {
    batchSize: declaration.batchSize,
    maximumBatchingWindowSeconds: declaration.maximumBatchingWindowSeconds,
    ...(declaration.maximumConcurrency === undefined
      ? {}
      : { maximumConcurrency: declaration.maximumConcurrency }),
    enabled: declaration.enabled,
    filterPatterns: declaration.filterPatterns,
    reportBatchItemFailures: declaration.reportBatchItemFailures,
  };
}

function sameMappingSettings(a: StoredMappingSettings, b: StoredMappingSettings): boolean {
  return (
    a.batchSize === b.batchSize &&
    a.maximumBatchingWindowSeconds === b.maximumBatchingWindowSeconds &&
    a.maximumConcurrency === b.maximumConcurrency &&
    a.enabled === b.enabled &&
    a.reportBatchItemFailures === b.reportBatchItemFailures &&
    a.filterPatterns.length === b.filterPatterns.length &&
    a.filterPatterns.every((pattern, i) => pattern === b.filterPatterns[i])
  );
}

/** Whether two sets of asynchronous invocation settings say the same. */
export function sameAsyncSettings(a: StoredAsyncSettings, b: ResolvedAsyncInvocation): boolean {
  return (
    a.maximumRetryAttempts === b.maximumRetryAttempts &&
    a.maximumEventAgeSeconds === b.maximumEventAgeSeconds &&
    sameDestination(a.onSuccess, b.onSuccess) &&
    sameDestination(a.onFailure, b.onFailure)
  );
}

function sameDestination(a: ResourceRef | undefined, b: ResourceRef | undefined): boolean {
  return a?.kind === b?.kind && a?.name === b?.name;
}
