import { availableParallelism, loadavg } from "node:os";
/**
 * Runs `work` repeatedly for about `millis` (after a warm-up) and returns operations per second: the
 * median of five rounds, since one round on a shared 2-core machine swings by 20% or more.
 */
export function opsPerSecond(work: (i: number) => void, millis: number, warmupOps = 2000): number {
  for (let i = 0; i < warmupOps; i++) work(i);
  const rates: number[] = [];
  let ops = 0;
  for (let round = 0; round < 5; round++) {
    const roundStart = ops;
    const start = process.hrtime.bigint();
    const budget = BigInt(Math.ceil(millis / 5)) * 1_000_000n;
    let elapsed = 0n;
    while (elapsed < budget) {
      for (let i = 0; i < 200; i++) work(ops++);
      elapsed = process.hrtime.bigint() - start;
    }
    rates.push((ops - roundStart) / (Number(elapsed) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return rates[2] as number;
}

/**
 * Like opsPerSecond for several workloads at once, measured in turns: round r of every workload runs
 * before round r + 1 of any, so a slow spell of the shared host lands on all of them alike and their
 * ratios stay meaningful. Returns each workload's median round.
 */
export function interleavedOpsPerSecond(
  works: readonly ((i: number) => void)[],
  millisEach: number,
  rounds = 9,
  warmupOps = 2000,
): number[] {
  for (const work of works) for (let i = 0; i < warmupOps; i++) work(i);
  const rates: number[][] = works.map(() => []);
  const budget = BigInt(Math.ceil(millisEach / rounds)) * 1_000_000n;
  for (let round = 0; round < rounds; round++) {
    for (const [w, work] of works.entries()) {
      let ops = 0;
      const start = process.hrtime.bigint();
      let elapsed = 0n;
      while (elapsed < budget) {
        for (let i = 0; i < 200; i++) work(ops++);
        elapsed = process.hrtime.bigint() - start;
      }
      (rates[w] as number[]).push(ops / (Number(elapsed) / 1e9));
    }
  }
  return rates.map((list) => median(list));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Heap bytes in use after a full collection (run node with --expose-gc). */
export function heapUsedAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run the benchmarks with node --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const cell = (value: string | number | undefined) =>
    typeof value === "number"
      ? value.toLocaleString("en-US", { maximumFractionDigits: 2 })
      : String(value ?? "");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i] ?? 0)).join("  ");
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

/** The p-th percentile (nearest rank) of values sorted ascending. */
export function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The machine's cores and its load average before and after a benchmark: part of what its figures mean. */
export interface MachineLoad {
  readonly cpus: number;
  readonly loadAverageBefore: readonly number[];
  readonly loadAverageAfter: readonly number[];
}

/**
 * Notes the load average now; the returned function, called when the benchmark is done, prints the cores and
 * the load before and after, and returns them for the results' JSON.
 * @example
 * const machineLoad = watchMachineLoad();
 * // … the benchmark …
 * return { machine: machineLoad(), … };
 */
export function watchMachineLoad(): () => MachineLoad {
  const before = loadavg();
  return () => {
    const machine = { cpus: availableParallelism(), loadAverageBefore: before, loadAverageAfter: loadavg() };
    const fixed = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(", ");
    console.log(
      `${machine.cpus} CPUs; load average (1, 5, 15 min) before ${fixed(before)}, after ${fixed(machine.loadAverageAfter)}`,
    );
    return machine;
  };
}
