/**
 * The shape every system of bench/bus is driven through — Switchyard, BullMQ, pg-boss — so the throughput
 * and latency questions put the same load on each and time it the same way.
 */

/**
 * One benchmark event, about 110 bytes of JSON whose detail carries its number. The peers carry it as
 * their job's data; Switchyard delivers it inside EventBridge's envelope, about 300 bytes.
 */
export interface BenchEvent {
  readonly source: string;
  readonly "detail-type": string;
  readonly detail: { readonly seq: number; readonly orderId: string; readonly total: number };
}

/** The event numbered `seq`, the same for every system. */
export function benchEvent(seq: number): BenchEvent {
  return {
    source: "shop.orders",
    "detail-type": "OrderCreated",
    detail: { seq, orderId: `ord-${String(seq).padStart(8, "0")}`, total: 99.5 },
  };
}

/** Called by a consumer the moment it holds a message, before it acknowledges it. */
export type OnReceive = (seq: number, queueIndex: number) => void;

/**
 * A system that fans each published event out to `targets` queues and consumes them. `publish` resolves
 * once the system has acknowledged the events; `startConsumers` starts the pollers or workers of every
 * queue, which hand every error they meet to `onError`; `close` stops them and removes every trace of
 * the run.
 */
export interface BusSystem {
  /** The label in the tables. */
  readonly name: string;
  /** What one publish and one receive are for this system, printed beside the figures. */
  readonly work: string;
  publish(events: readonly BenchEvent[]): Promise<void>;
  startConsumers(onReceive: OnReceive, onError: (error: unknown) => void): void;
  close(): Promise<void>;
}

/** How a system is set up: the queues an event reaches and who consumes them. */
export interface BusSystemOptions {
  readonly targets: number;
  /** Pollers or workers per queue. */
  readonly consumersPerQueue: number;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `count` copies of a consumer loop until `stop()`. A loop that throws hands the error to `onError`
 * and ends; the others go on.
 */
export function startLoops(
  count: number,
  loop: (index: number, isStopping: () => boolean) => Promise<void>,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let stopping = false;
  const isStopping = () => stopping;
  const running = Array.from({ length: count }, (_, index) => loop(index, isStopping).catch(onError));
  return {
    async stop() {
      stopping = true;
      // Switchyard's long-poll timers are unref'd, so a process whose only pending work is a poll about
      // to time out would exit with the poll unsettled; this timer keeps it up until the polls return.
      const keepAlive = setInterval(() => {}, 1000);
      try {
        await Promise.all(running);
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}
