/**
 * The app definition: what an app file declares. AWS's concepts with camelCase names and units in the names;
 * every default is AWS's and stated once, in the limits files, applied by `checkApp`.
 *
 * The type parameters are the names the app declares — Q its queues, F its functions, B its buses — so that
 * `defineApp` can refuse, at compile time, a reference to something not declared. A definition built at run
 * time (typed plain `AppDefinition`) takes any names; `checkApp` checks every reference either way.
 */

/** A custom event bus. The "default" bus always exists and is never declared. */
export interface BusDefinition {
  /** What the bus is for (EventBridge's Description, at most 512 characters). */
  readonly description?: string;
}

/** Where a queue's messages go after too many receives: SQS's RedrivePolicy, by queue name. */
export interface DeadLetterDefinition<Q extends string = string> {
  /** The dead-letter queue, declared in `queues`; of the same kind (standard or FIFO) as its source. */
  readonly queue: Q;
  /** Receives before a message moves to the dead-letter queue, 1 to 1000. */
  readonly maxReceiveCount: number;
}

/** An SQS queue; its key in `queues` is its name (ending in ".fifo" for a FIFO queue). */
export interface QueueDefinition<Q extends string = string> {
  /** Whether the queue is FIFO; by default, whether its name ends in ".fifo". */
  readonly fifo?: boolean;
  /** How long a received message stays hidden (SQS's VisibilityTimeout). */
  readonly visibilityTimeoutSeconds?: number;
  /** How long SQS keeps a message (MessageRetentionPeriod). */
  readonly messageRetentionPeriodSeconds?: number;
  /** How long a new message stays invisible (DelaySeconds). */
  readonly delaySeconds?: number;
  /** The largest message the queue accepts (MaximumMessageSize). */
  readonly maximumMessageSizeBytes?: number;
  /** How long a ReceiveMessage waits for messages by default (ReceiveMessageWaitTimeSeconds). */
  readonly receiveMessageWaitTimeSeconds?: number;
  /** FIFO only: deduplicate by a SHA-256 of the body (ContentBasedDeduplication). */
  readonly contentBasedDeduplication?: boolean;
  /** The queue's dead-letter queue and when messages move there. */
  readonly deadLetter?: DeadLetterDefinition<Q>;
}

/** Where a function's asynchronous invocation record goes: a standard queue, a bus or a function. */
export type DestinationDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> =
  | { readonly queue: Q; readonly bus?: never; readonly function?: never }
  | { readonly bus: B | "default"; readonly queue?: never; readonly function?: never }
  | { readonly function: F; readonly queue?: never; readonly bus?: never };

/** How Lambda runs a function's asynchronous invocations (PutFunctionEventInvokeConfig). */
export interface AsyncInvocationDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> {
  /** Retries after a failed invocation, 0 to 2. */
  readonly maximumRetryAttempts?: 0 | 1 | 2;
  /** How old an event may get before Lambda drops it, 60 to 21,600. */
  readonly maximumEventAgeSeconds?: number;
  /** Where the record of a successful invocation goes. */
  readonly onSuccess?: DestinationDefinition<Q, F, B>;
  /** Where the record of an invocation that failed for good goes. */
  readonly onFailure?: DestinationDefinition<Q, F, B>;
}

/** A Lambda function; its key in `functions` is its name. */
export interface FunctionDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> {
  /** "path/to/module.exportName", the module path relative to the app file, as Lambda's Handler. */
  readonly handler: string;
  /** How long one invocation may run, 1 to 900. */
  readonly timeoutSeconds?: number;
  /** The memory Lambda would give the function, 128 to 10,240 (reported, not enforced). */
  readonly memorySizeMb?: number;
  /** Environment variables, 4 KB in all; Lambda's reserved names are refused. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrent invocations reserved for the function, and its ceiling; 0 stops it. */
  readonly reservedConcurrency?: number;
  /** Retries, maximum event age and destinations of asynchronous invocations. */
  readonly async?: AsyncInvocationDefinition<Q, F, B>;
}

/** The input transformer of a target, with our names (AWS's InputPathsMap and InputTemplate). */
export interface InputTransformerDefinition {
  /** Variables for the template, each a JSON path into the event. */
  readonly inputPathsMap?: Readonly<Record<string, string>>;
  /** The text sent, with `<variable>` placeholders. */
  readonly inputTemplate: string;
}

/** What every target may say besides its destination. */
export interface TargetSettings<Q extends string = string> {
  /** The target's id in its rule; by default the name of its queue, function or bus. */
  readonly id?: string;
  /** A constant JSON value sent instead of the event (AWS's Input, as its JSON text). */
  readonly input?: unknown;
  /** The part of the event sent, a JSON path (InputPath). */
  readonly inputPath?: string;
  /** A template filled from the event (InputTransformer). */
  readonly inputTransformer?: InputTransformerDefinition;
  /** How long and how often EventBridge retries a failed delivery (RetryPolicy). */
  readonly retryPolicy?: {
    /** Retries, 0 to 185. */
    readonly maximumRetryAttempts?: number;
    /** How old an event may get while retried, 60 to 86,400. */
    readonly maximumEventAgeSeconds?: number;
  };
  /** A standard queue for events that could not be delivered (DeadLetterConfig). */
  readonly deadLetterQueue?: Q;
}

/** Where a rule sends matching events: a queue, a function or a bus, plus the target's settings. */
export type TargetDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> = (
  | {
      readonly queue: Q;
      /** The message group of every message sent; required for a FIFO queue (SqsParameters). */
      readonly messageGroupId?: string;
      readonly function?: never;
      readonly bus?: never;
    }
  | { readonly function: F; readonly queue?: never; readonly bus?: never; readonly messageGroupId?: never }
  | {
      readonly bus: B | "default";
      readonly queue?: never;
      readonly function?: never;
      readonly messageGroupId?: never;
    }
) &
  TargetSettings<Q>;

/** An EventBridge rule; its key in `rules` is its name. */
export interface RuleDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> {
  /** The bus the rule watches; "default" when left out. */
  readonly bus?: B | "default";
  /** The events the rule matches, an EventBridge event pattern. */
  readonly eventPattern?: Readonly<Record<string, unknown>>;
  /** `rate(...)` or `cron(...)`, in UTC; only on the default bus. */
  readonly schedule?: string;
  /** Whether the rule matches and fires; true when left out. */
  readonly enabled?: boolean;
  /** What the rule is for, at most 512 characters. */
  readonly description?: string;
  /** Where matching events go, 1 to 5 targets. */
  readonly targets: readonly TargetDefinition<Q, F, B>[];
}

/** A Lambda event source mapping: a function fed by a queue. */
export interface EventSourceMappingDefinition<Q extends string = string, F extends string = string> {
  /** The queue polled. */
  readonly queue: Q;
  /** The function invoked with each batch. */
  readonly function: F;
  /** Records per batch, 1 to 10,000 (10 for a FIFO queue; above 10 needs a batching window). */
  readonly batchSize?: number;
  /** How long Lambda gathers records before invoking, 0 to 300; standard queues only. */
  readonly maximumBatchingWindowSeconds?: number;
  /** The most concurrent invocations this mapping makes, 2 to 1,000 (ScalingConfig). */
  readonly maximumConcurrency?: number;
  /** Whether the mapping polls; true when left out. */
  readonly enabled?: boolean;
  /** At most 5 event patterns on the message; a message matching none is deleted unseen (FilterCriteria). */
  readonly filterPatterns?: readonly Readonly<Record<string, unknown>>[];
  /** Whether the function reports failed records by id (FunctionResponseTypes ReportBatchItemFailures). */
  readonly reportBatchItemFailures?: boolean;
}

/** An app: its buses, queues, functions, rules and event source mappings. */
export interface AppDefinition<
  Q extends string = string,
  F extends string = string,
  B extends string = string,
> {
  /** The app's name: letters, digits, hyphens and underscores, at most 64. */
  readonly name: string;
  /** Custom event buses, by name. */
  readonly buses?: Readonly<Record<B, BusDefinition>>;
  /** SQS queues, by name. */
  readonly queues?: Readonly<Record<Q, QueueDefinition<NoInfer<Q>>>>;
  /** Lambda functions, by name. */
  readonly functions?: Readonly<Record<F, FunctionDefinition<NoInfer<Q>, NoInfer<F>, NoInfer<B>>>>;
  /** EventBridge rules, by name. */
  readonly rules?: Readonly<Record<string, RuleDefinition<NoInfer<Q>, NoInfer<F>, NoInfer<B>>>>;
  /** Which queues feed which functions. */
  readonly eventSourceMappings?: readonly EventSourceMappingDefinition<NoInfer<Q>, NoInfer<F>>[];
}

/**
 * Declares an app and gives it back unchanged: it exists for the types, so that an app file written inline gets
 * completion, and a reference to a queue, function or bus it does not declare is a compile error. `checkApp`
 * does the checks types cannot.
 * @example
 * export default defineApp({
 *   name: "shop",
 *   queues: { "send-email": { deadLetter: { queue: "send-email-dlq", maxReceiveCount: 3 } }, "send-email-dlq": {} },
 *   functions: { "send-email": { handler: "handlers/email.handler" } },
 *   rules: { "order-created": { eventPattern: { "detail-type": ["OrderCreated"] }, targets: [{ queue: "send-email" }] } },
 *   eventSourceMappings: [{ queue: "send-email", function: "send-email" }],
 * });
 */
export function defineApp<
  const Q extends string = never,
  const F extends string = never,
  const B extends string = never,
  const R extends Readonly<Record<string, RuleDefinition<NoInfer<Q>, NoInfer<F>, NoInfer<B>>>> = never,
  const M extends readonly EventSourceMappingDefinition<NoInfer<Q>, NoInfer<F>>[] = never,
>(
  definition: AppDefinition<Q, F, B> & { readonly rules?: R; readonly eventSourceMappings?: M },
): AppDefinition<Q, F, B> & { readonly rules?: R; readonly eventSourceMappings?: M } {
  return definition;
}
