/**
 * `npm run bench [name…]`: runs the benchmarks (all by default), prints a table per question and writes
 * the figures as JSON to bench/results/<name>.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { reportBus } from "./bus.js";
import { reportPatterns } from "./patterns.js";

const benchmarks: Record<string, () => unknown | Promise<unknown>> = {
  patterns: reportPatterns,
  bus: reportBus,
};

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
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
