import type { ResolvedQueueAttributes } from "../queues/index.js";

/** A resource an app refers to by name: a queue, a function or a bus. */
export interface ResourceRef {
  readonly kind: "queue" | "function" | "bus";
  readonly name: string;
}

/** An event bus, the default one included. */
export interface ResolvedBus {
  readonly name: string;
  readonly description?: string;
}

/** A queue's redrive: its dead-letter queue, by name, and the receives before a message moves there. */
export interface ResolvedDeadLetter {
  readonly queue: string;
  readonly maxReceiveCount: number;
}

/** A queue with every SQS attribute resolved as CreateQueue would. */
export interface ResolvedQueue {
  readonly name: string;
  readonly attributes: ResolvedQueueAttributes;
  readonly deadLetter?: ResolvedDeadLetter;
}

/** A handler reference taken apart as Lambda's Node.js runtime reads it. */
export interface ResolvedHandler {
  /** The handler as written: "handlers/orders.place". */
  readonly text: string;
  /** The module path, relative to the app file, without extension: "handlers/orders". */
  readonly modulePath: string;
  /** The exported name, dotted when it reaches into an export: "place". */
  readonly exportName: string;
}

/** A function's asynchronous invocation settings, defaults applied. */
export interface ResolvedAsyncInvocation {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  readonly onSuccess?: ResourceRef;
  readonly onFailure?: ResourceRef;
}

/** A function with every default applied. */
export interface ResolvedFunction {
  readonly name: string;
  readonly handler: ResolvedHandler;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
  /** Undefined: the function draws on the account's unreserved concurrency. */
  readonly reservedConcurrency?: number;
  readonly async: ResolvedAsyncInvocation;
}

/** A target's input transformer, with our names. */
export interface ResolvedInputTransformer {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

/** A rule target with its id and retry policy resolved; at most one of the input settings is set. */
export interface ResolvedTarget {
  readonly id: string;
  readonly resource: ResourceRef;
  /** The constant input as JSON text (PutTargets' Input). */
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: ResolvedInputTransformer;
  readonly messageGroupId?: string;
  readonly retryPolicy: {
    readonly maximumRetryAttempts: number;
    readonly maximumEventAgeSeconds: number;
  };
  readonly deadLetterQueue?: string;
}

/** A rule with its bus and state resolved; its pattern as the JSON text PutRule takes. */
export interface ResolvedRule {
  readonly name: string;
  readonly bus: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly enabled: boolean;
  readonly description?: string;
  readonly targets: readonly ResolvedTarget[];
}

/** An event source mapping with Lambda's defaults applied; filter patterns as JSON texts. */
export interface ResolvedEventSourceMapping {
  readonly queue: string;
  readonly function: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** Undefined: no limit but the function's own concurrency. */
  readonly maximumConcurrency?: number;
  readonly enabled: boolean;
  readonly filterPatterns: readonly string[];
  readonly reportBatchItemFailures: boolean;
}

/** An app that passed `checkApp`: every reference resolves and every default is applied. Frozen. */
export interface ResolvedApp {
  readonly name: string;
  /** Every bus, "default" included. */
  readonly buses: Readonly<Record<string, ResolvedBus>>;
  readonly queues: Readonly<Record<string, ResolvedQueue>>;
  readonly functions: Readonly<Record<string, ResolvedFunction>>;
  readonly rules: Readonly<Record<string, ResolvedRule>>;
  readonly eventSourceMappings: readonly ResolvedEventSourceMapping[];
}
