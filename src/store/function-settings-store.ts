/**
 * The Lambda part of the Store port: the settings of functions that outlive a process — event source mappings
 * and event invoke configs, whether an app declared them or Lambda's API made or changed them. Functions
 * themselves are not stored: their code and settings come from the app that runs them. The store keeps
 * plain data and interprets none of it; runtime/pollers and runtime/functions give it meaning.
 */

/** A mapping's settings as the registry resolved them (every member stated). */
export interface StoredMappingSettings {
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly maximumConcurrency?: number;
  readonly enabled: boolean;
  readonly filterPatterns: readonly string[];
  readonly reportBatchItemFailures: boolean;
}

/** What an app declared a mapping to be, when it last started. */
export interface DeclaredMapping {
  readonly queueName: string;
  readonly functionName: string;
  readonly settings: StoredMappingSettings;
}

/** An event source mapping (queue → function). */
export interface StoredEventSourceMapping {
  readonly uuid: string;
  readonly queueName: string;
  readonly functionName: string;
  readonly settings: StoredMappingSettings;
  /** When it was created or last changed, in milliseconds since the epoch. */
  readonly lastModifiedMs: number;
  /** The app declaration it stands for; absent for a mapping made over Lambda's API. */
  readonly declared?: DeclaredMapping;
}

/** A destination of asynchronous invocations: a resource by kind and name. */
export interface StoredDestination {
  readonly kind: "queue" | "bus" | "function";
  readonly name: string;
}

/** A function's asynchronous invocation settings, every member stated. */
export interface StoredAsyncSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  readonly onSuccess?: StoredDestination;
  readonly onFailure?: StoredDestination;
}

/** A function's event invoke config as Lambda's API last set it. */
export interface StoredEventInvokeConfig {
  readonly functionName: string;
  readonly settings: StoredAsyncSettings;
  /** The settings the function's app declared when the config was set: a changed app definition wins over it. */
  readonly declared: StoredAsyncSettings;
  readonly lastModifiedMs: number;
}

/** The function settings store port. Every write is durable when its promise resolves. */
export interface FunctionSettingsStore {
  /** Creates or replaces the mapping of that UUID. */
  putEventSourceMapping(mapping: StoredEventSourceMapping): Promise<void>;
  /** Deletes a mapping; returns whether there was one. */
  deleteEventSourceMapping(uuid: string): Promise<boolean>;
  /** Every mapping, in the order they were first stored. */
  listEventSourceMappings(): Promise<StoredEventSourceMapping[]>;
  /** Creates or replaces the event invoke config of a function. */
  putEventInvokeConfig(config: StoredEventInvokeConfig): Promise<void>;
  getEventInvokeConfig(functionName: string): Promise<StoredEventInvokeConfig | undefined>;
  /** Deletes a function's event invoke config; returns whether there was one. */
  deleteEventInvokeConfig(functionName: string): Promise<boolean>;
}
