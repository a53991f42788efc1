import {
  createScheduledEvent,
  nextFireAfter,
  parseScheduleExpression,
  type Schedule,
} from "../../core/schedules/index.js";
import type { RuleRecord } from "../../store/bus-store.js";
import type { TimerHandle } from "../clock.js";
import { DEFAULT_BUS, ruleArnOf } from "./bus-names.js";
import { FanOut, type FanOutContext } from "./fan-out.js";

// Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a later fire is reached in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** One scheduled rule's timer. */
interface Armed {
  readonly rule: RuleRecord;
  readonly schedule: Schedule;
  /** The fire time the timer waits for. */
  nextMs: number;
  timer: TimerHandle;
}

/**
 * Fires the enabled scheduled rules of the default bus (EventBridge runs schedules on the default bus
 * only): at each fire time the rule's targets receive a "Scheduled Event" from aws.events, as a PutEvents
 * delivery is made (one transaction, dead-letter queues on failure). Rate schedules count from the rule's
 * last change (creation, update or enabling); cron schedules are UTC. Fires missed while Switchyard was
 * stopped are not made up, as AWS makes none up for a disabled rule.
 */
export class RuleScheduler {
  readonly #context: FanOutContext;
  readonly #armed = new Map<string, Armed>();
  readonly #onError: (error: unknown) => void;
  #stopped = false;

  constructor(context: FanOutContext, onError: (error: unknown) => void) {
    this.#context = context;
    this.#onError = onError;
  }

  /** Arms, re-arms or disarms a rule after any change to it (the one call the bus service makes). */
  update(rule: RuleRecord): void {
    this.remove(rule.name, rule.bus);
    if (this.#stopped || rule.bus !== DEFAULT_BUS || rule.state !== "ENABLED") return;
    if (rule.scheduleExpression === undefined) return;
    const schedule = parseScheduleExpression(rule.scheduleExpression);
    const nextMs = nextFireAfter(schedule, this.#context.clock.nowMs(), rule.updatedAtMs);
    if (nextMs === undefined) return;
    const armed: Armed = { rule, schedule, nextMs, timer: this.#arm(rule.name, nextMs) };
    this.#armed.set(rule.name, armed);
  }

  /** Disarms a rule (deleted, or moved off a schedule). */
  remove(rule: string, bus: string = DEFAULT_BUS): void {
    if (bus !== DEFAULT_BUS) return;
    const armed = this.#armed.get(rule);
    if (armed === undefined) return;
    this.#context.clock.cancel(armed.timer);
    this.#armed.delete(rule);
  }

  /** Disarms everything; nothing fires after this. */
  stop(): void {
    this.#stopped = true;
    for (const name of [...this.#armed.keys()]) this.remove(name);
  }

  #arm(rule: string, nextMs: number): TimerHandle {
    const delayMs = Math.min(Math.max(0, nextMs - this.#context.clock.nowMs()), LONGEST_TIMER_MS);
    return this.#context.clock.schedule(delayMs, () => void this.#wake(rule));
  }

  async #wake(name: string): Promise<void> {
    const armed = this.#armed.get(name);
    if (armed === undefined) return;
    const nowMs = this.#context.clock.nowMs();
    if (nowMs < armed.nextMs) {
      armed.timer = this.#arm(name, armed.nextMs);
      return;
    }
    const fireMs = armed.nextMs;
    const following = nextFireAfter(armed.schedule, Math.max(nowMs, fireMs), armed.rule.updatedAtMs);
    if (following === undefined) this.#armed.delete(name);
    else {
      armed.nextMs = following;
      armed.timer = this.#arm(name, following);
    }
    try {
      const fanOut = new FanOut(this.#context);
      const event = createScheduledEvent({
        id: this.#context.ids.messageId(),
        account: this.#context.account,
        region: this.#context.region,
        ruleArn: ruleArnOf(this.#context, DEFAULT_BUS, name),
        fireTimeMs: fireMs,
      });
      await fanOut.deliverToRule({ bus: DEFAULT_BUS, event }, name);
      await fanOut.commit();
    } catch (error) {
      this.#onError(error);
    }
  }
}
