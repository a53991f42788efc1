/** The message a queue accepted under a deduplication id, as a duplicate answer names it. */
export interface AcceptedMessage {
  readonly messageId: string;
  readonly sequence: number;
  readonly sentAtMs: number;
}

/**
 * The deduplication ids one queue accepted, for recognising a FIFO resend. A record outlives its
 * message: SQS keeps tracking the id after the message is received and deleted.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html
 */
export class DeduplicationWindow {
  /** Insertion order is acceptance order, so the records that fall out of the window lead. */
  private readonly accepted = new Map<string, AcceptedMessage>();

  /** The message accepted under `deduplicationId` after `sinceMs`, if any; forgets older records. */
  find(deduplicationId: string, sinceMs: number): AcceptedMessage | undefined {
    this.forgetUntil(sinceMs);
    const earlier = this.accepted.get(deduplicationId);
    return earlier !== undefined && earlier.sentAtMs > sinceMs ? earlier : undefined;
  }

  /** Records an accepted message; it replaces an older record of the same id, whose window has ended. */
  remember(deduplicationId: string, message: AcceptedMessage): void {
    // Deleting first moves the id to the end, keeping the map in acceptance order.
    this.accepted.delete(deduplicationId);
    this.accepted.set(deduplicationId, message);
  }

  /**
   * Drops the leading records sent at or before `sinceMs`. The window's start only moves forward with the
   * clock, so such a record can never make a message a duplicate again; stopping at the first younger
   * record keeps each call cheap (a send time out of order merely delays its removal).
   */
  private forgetUntil(sinceMs: number): void {
    for (const [deduplicationId, message] of this.accepted) {
      if (message.sentAtMs > sinceMs) return;
      this.accepted.delete(deduplicationId);
    }
  }
}
