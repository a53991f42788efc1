/**
 * The queue part of the Store port: every byte of a queue's durable state (its definition and its
 * messages) goes through these calls. Nothing above the store knows what holds them; the SQS rules
 * (which attribute means what, when a message moves to its dead-letter queue, what a receipt handle
 * looks like) live in runtime/queues, and the store keeps only the state and the few rules that must be
 * atomic with it. Every call that resolves has committed. Calls naming a queue that does not exist
 * reject with QueueDoesNotExistError and change nothing.
 */

/** A queue as stored: its name, kind and the attributes the runtime resolved, as SQS spells them. */
export interface QueueRecord {
  readonly name: string;
  readonly fifo: boolean;
  /** SQS attribute names to their string values (VisibilityTimeout, RedrivePolicy, …). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** A message to enqueue; the store adds its sequence number. */
export interface NewMessage {
  readonly messageId: string;
  readonly body: string;
  /** The message attributes as JSON text, in the runtime's format (null: none). */
  readonly messageAttributes: string | null;
  /** System attributes (AWSTraceHeader, SenderId, DeadLetterQueueSourceArn, …) as JSON text. */
  readonly systemAttributes: string | null;
  readonly sentAtMs: number;
  /** When it may first be received: sent plus its delay. */
  readonly visibleAtMs: number;
  /** When retention drops it: from its original enqueue time, also after a move. */
  readonly expiresAtMs: number;
  readonly groupId: string | null;
  readonly deduplicationId: string | null;
  /** Carried over when a message moves between queues; 0 for a new message. */
  readonly receiveCount: number;
  readonly firstReceivedAtMs: number | null;
}

/** A message as stored. */
export interface StoredMessage extends NewMessage {
  /** Enqueue order within its queue, strictly increasing. */
  readonly sequence: number;
  /** Changes on every receive; a receipt handle is valid only with the latest one. */
  readonly receiptToken: string | null;
}

/** One message to add to one queue. */
export interface Enqueue {
  readonly queue: string;
  readonly message: NewMessage;
  /**
   * For FIFO queues: drop the message when the queue accepted one with the same deduplication id
   * after this instant (SQS's five-minute window).
   */
  readonly deduplicateSinceMs?: number;
}

/** What happened to one Enqueue: stored, or recognised as a duplicate of an earlier message. */
export type EnqueueOutcome =
  | { readonly stored: true; readonly sequence: number }
  | {
      readonly stored: false;
      readonly duplicateOf: { readonly messageId: string; readonly sequence: number };
    };

/** A receive: which messages to take and until when they stay hidden. */
export interface ClaimRequest {
  readonly queue: string;
  readonly nowMs: number;
  readonly max: number;
  readonly hiddenUntilMs: number;
  /** New receipt tokens, one per claimed message (randomness stays outside the store). */
  readonly tokens: () => string;
  /**
   * A message already received this many times is moved to `deadLetterQueue` instead of being
   * claimed (SQS redrive: the receive that would exceed maxReceiveCount moves it).
   */
  readonly redrive?: {
    readonly maxReceiveCount: number;
    readonly deadLetterQueue: string;
    /**
     * The system attributes the moved message carries in the dead-letter queue (the runtime adds
     * DeadLetterQueueSourceArn); kept as they were when absent.
     */
    readonly deadLetterSystemAttributes?: (message: StoredMessage) => string | null;
  };
}

/** The result of a claim: the messages received, and those moved (as now stored in the dead-letter queue). */
export interface ClaimResult {
  readonly messages: readonly StoredMessage[];
  readonly deadLettered: readonly StoredMessage[];
}

/** A message named by a receipt handle: its queue, sequence and the token it was received with. */
export interface MessageRef {
  readonly queue: string;
  readonly sequence: number;
  readonly receiptToken: string;
}

/**
 * The outcome of acting on a receipt: done; no such message (any more); a token that is not the
 * message's latest; or (changeVisibility only) a message that is not in flight.
 */
export type ReceiptOutcome = "done" | "gone" | "stale" | "not-in-flight";

/** Counts SQS reports as ApproximateNumberOf…, and the age of the oldest message. */
export interface QueueCounts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /**
   * The send time of the first message in enqueue order: the oldest, but for a message moved in from
   * another queue, which keeps its send time (the age is approximate, as SQS's own is).
   */
  readonly oldestSentAtMs: number | null;
}

/** The queue store port. */
export interface QueueStore {
  /** Creates the queue, or replaces its record when it exists (the runtime checks what may change). */
  putQueue(queue: QueueRecord): Promise<void>;
  getQueue(name: string): Promise<QueueRecord | undefined>;
  /** Queues by name order, optionally those whose name starts with `prefix`. */
  listQueues(prefix?: string): Promise<QueueRecord[]>;
  /** Deletes a queue and all its messages; returns whether it existed. */
  deleteQueue(name: string): Promise<boolean>;

  /**
   * Adds messages, to one or several queues, in one transaction; outcomes in request order. A missing
   * queue rejects the whole call (QueueDoesNotExistError) and stores nothing.
   */
  enqueue(items: readonly Enqueue[]): Promise<EnqueueOutcome[]>;
  /**
   * Receives: takes up to `max` messages that are visible and unexpired, hides them until
   * `hiddenUntilMs`, counts the receive and gives each a new token. Standard queues: in the order they
   * became visible. FIFO queues: groups with a message in flight are skipped; the others are served
   * oldest group first, as many of a group's messages as fit, in sequence order (SQS FIFO delivery).
   */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** Deletes a received message, if the token is its latest. */
  ack(ref: MessageRef): Promise<ReceiptOutcome>;
  /**
   * Changes when a received message becomes visible again, if the token is its latest and it is still
   * in flight at `nowMs` (hidden, not yet visible again).
   */
  changeVisibility(ref: MessageRef, visibleAtMs: number, nowMs: number): Promise<ReceiptOutcome>;
  /** Deletes every message of a queue; returns how many. (Calls on a missing queue reject.) */
  purge(queue: string): Promise<number>;
  /** Drops messages whose retention has ended (at most `limit`); returns how many. */
  expire(queue: string, nowMs: number, limit: number): Promise<number>;
  /**
   * Moves up to `limit` visible messages, oldest first, to another queue (redrive back from a
   * dead-letter queue): same id, body, attributes and retention; visible at `nowMs`, receive count reset.
   */
  move(from: string, to: string, limit: number, nowMs: number): Promise<number>;
  counts(queue: string, nowMs: number): Promise<QueueCounts>;
  /**
   * The next moment after `nowMs` a hidden (delayed or in-flight) message becomes visible, or null:
   * what a long poll sleeps until when nothing is visible yet.
   */
  nextVisibleAtMs(queue: string, nowMs: number): Promise<number | null>;
}
