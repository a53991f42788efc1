/**
 * `npm run bench [name…]`: runs the named benchmarks (patterns and bus by default), prints a table per
 * question and writes the figures as JSON to bench/results/<name>.json. `bus` runs every bus question;
 * `bus-throughput`, `bus-latency` and `bus-restart` run one of them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { reportBus } from "./bus.js";
import { reportBusLatency } from "./bus-latency.js";
import { reportBusRestart } from "./bus-restart.js";
import { reportBusThroughput } from "./bus-throughput.js";
import { reportPatterns } from "./patterns.js";

const benchmarks: Record<string, () => unknown | Promise<unknown>> = {
  patterns: reportPatterns,
  bus: reportBus,
  "bus-throughput": reportBusThroughput,
  "bus-latency": reportBusLatency,
  "bus-restart": reportBusRestart,
};
/** What `npm run bench` runs: the parts of `bus` are in `bus` already. */
const DEFAULT_BENCHMARKS = ["patterns", "bus"];

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : DEFAULT_BENCHMARKS;
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "results");
mkdirSync(resultsDir, { recursive: true });
for (const name of names) {
  const run = benchmarks[name];
  if (run === undefined)
    throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(", ")}`);
  const figures = await run();
  const json = JSON.stringify(
    { benchmark: name, date: new Date().toISOString(), node: process.version, figures },
    null,
    2,
  );
  writeFileSync(join(resultsDir, `${name}.json`), `${json}\n`);
  console.log(`\n${name} JSON: ${join("bench", "results", `${name}.json`)}`);
}
