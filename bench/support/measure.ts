/** Runs `work` repeatedly for about `millis` and returns operations per second (after a warm-up). */
export function opsPerSecond(work: (i: number) => void, millis: number, warmupOps = 2000): number {
  for (let i = 0; i < warmupOps; i++) work(i);
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(millis) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 500; i++) work(ops++);
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
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
