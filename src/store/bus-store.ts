/**
 * The bus part of the Store port: event buses, their rules and the rules' targets, as EventBridge's
 * PutRule/PutTargets define them. The matching and delivery rules live in runtime/bus; the store keeps
 * the definitions durable. Calls naming a missing bus or rule reject and change nothing.
 */

/** An event bus. */
export interface BusRecord {
  readonly name: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
}

/** A rule on a bus: an event pattern and/or a schedule expression, enabled or not. */
export interface RuleRecord {
  readonly bus: string;
  readonly name: string;
  /** The EventPattern as given (JSON text), already validated by the runtime. */
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly state: "ENABLED" | "DISABLED";
  readonly description?: string;
  readonly roleArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** A target of a rule, with AWS's member names for what it holds. */
export interface TargetRecord {
  readonly bus: string;
  readonly rule: string;
  readonly id: string;
  readonly arn: string;
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
  readonly retryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly deadLetterArn?: string;
  /** SQS FIFO targets: the MessageGroupId to send with. */
  readonly sqsMessageGroupId?: string;
}

/** The bus store port. */
export interface BusStore {
  /** Creates the bus, or replaces its record when it exists. */
  putBus(bus: BusRecord): Promise<void>;
  getBus(name: string): Promise<BusRecord | undefined>;
  listBuses(prefix?: string): Promise<BusRecord[]>;
  /** Deletes a bus with its rules and targets; returns whether it existed. */
  deleteBus(name: string): Promise<boolean>;

  /** Creates or replaces a rule (its targets stay); a missing bus rejects (ResourceNotFoundError "Event bus X does not exist."). */
  putRule(rule: RuleRecord): Promise<void>;
  getRule(bus: string, name: string): Promise<RuleRecord | undefined>;
  /** The bus's rules by name order, optionally those whose name starts with `prefix`. */
  listRules(bus: string, prefix?: string): Promise<RuleRecord[]>;
  /** Deletes a rule and its targets; returns whether it existed. */
  deleteRule(bus: string, name: string): Promise<boolean>;

  /** Adds or replaces targets of a rule by id, in one transaction; a missing rule rejects (ResourceNotFoundError "Rule X does not exist on EventBus Y."). */
  putTargets(targets: readonly TargetRecord[]): Promise<void>;
  /** Removes targets by id; returns the ids that existed. */
  removeTargets(bus: string, rule: string, ids: readonly string[]): Promise<string[]>;
  /** A rule's targets by id order. */
  listTargets(bus: string, rule: string): Promise<TargetRecord[]>;
  /** Every rule with its targets, for loading a bus's matcher at start-up. */
  loadBus(bus: string): Promise<{ rule: RuleRecord; targets: TargetRecord[] }[]>;
}
