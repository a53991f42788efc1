/**
 * bench/bus: the benchmark of the bus, one question a file, run in one go on one machine so the
 * systems are compared side by side — throughput (bus-throughput.ts: Switchyard NORMAL / FULL, BullMQ,
 * pg-boss), publish → receive latency at a steady 1,000 events/s (bus-latency.ts), and restart → first
 * message with 1,000,000 queued plus disk bytes per message (bus-restart.ts). Ends with the figures
 * against the targets.
 */
import { reportBusLatency, TARGET_P99_MS } from "./bus-latency.js";
import { reportBusRestart, TARGET_BYTES_PER_MESSAGE, TARGET_RESTART_MS } from "./bus-restart.js";
import { reportBusThroughput } from "./bus-throughput.js";
import { printTable } from "./support/measure.js";

/** The end-to-end targets, one target, events/s. */
const TARGET_EVENTS_PER_SECOND = { normal: 25_000, full: 10_000 } as const;

/** Runs every bus question and prints how the figures compare with the targets. */
export async function reportBus(): Promise<unknown> {
  const throughput = await reportBusThroughput();
  const latency = await reportBusLatency();
  const restart = await reportBusRestart();

  const rows: Record<string, string | number>[] = [];
  const verdict = (met: boolean) => (met ? "met" : "missed");
  for (const durability of ["normal", "full"] as const) {
    const system = `Switchyard ${durability.toUpperCase()}`;
    const rate = throughput.results.find((r) => r.system === system && r.targets === 1)?.eventsPerSecond;
    const target = TARGET_EVENTS_PER_SECOND[durability];
    rows.push({
      figure: `${system} events/s end to end, 1 target`,
      measured: rate === undefined ? "—" : Math.round(rate),
      target: `≥ ${target.toLocaleString("en-US")}`,
      verdict: rate === undefined ? "—" : verdict(rate >= target),
    });
  }
  for (const durability of ["normal", "full"] as const) {
    const system = `Switchyard ${durability.toUpperCase()}`;
    const p99 = latency.results.find((r) => r.system === system)?.p99Ms;
    rows.push({
      figure: `${system} p99 publish → receive at 1,000/s, ms`,
      measured: p99 === undefined ? "—" : Number(p99.toFixed(2)),
      target: `≤ ${TARGET_P99_MS}`,
      verdict: p99 === undefined ? "—" : verdict(p99 <= TARGET_P99_MS),
    });
  }
  for (const cache of ["warm", "cold"] as const) {
    const worst = Math.max(...restart[cache].map((p) => p.firstMessageMs));
    rows.push({
      figure: `restart → first message, ${restart.messages.toLocaleString("en-US")} queued, page cache ${cache} (worst), ms`,
      measured: Number(worst.toFixed(1)),
      target: `≤ ${TARGET_RESTART_MS}`,
      verdict: verdict(worst <= TARGET_RESTART_MS),
    });
  }
  rows.push({
    figure: `disk bytes per queued ${restart.messageBytes}-byte message`,
    measured: Number(restart.bytesPerMessage.toFixed(1)),
    target: `≤ ${TARGET_BYTES_PER_MESSAGE}`,
    verdict: verdict(restart.bytesPerMessage <= TARGET_BYTES_PER_MESSAGE),
  });
  printTable("bench/bus — against the issue's targets", rows);
  return { throughput, latency, restart };
}
