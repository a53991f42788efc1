/**
 * `npm run bench [name…]`: runs the named benchmarks (patterns, bus, functions and api by default), prints a
 * table per question and writes the figures as JSON to bench/results/<name>.json. `bus` runs every bus question;
 * `bus-throughput`, `bus-latency` and `bus-restart` run one of them. `functions` runs every functions question;
 * `functions-throughput`, `functions-overhead` and `functions-latency` run one of them. `api` runs the
 * endpoint's questions; `api-sqs` and `api-events` run one side of them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { reportApi } from "./api.js";
import { reportApiEvents } from "./api-events.js";
import { reportApiSqs } from "./api-sqs.js";
import { reportBus } from "./bus.js";
import { reportBusLatency } from "./bus-latency.js";
import { reportBusRestart } from "./bus-restart.js";
import { reportBusThroughput } from "./bus-throughput.js";
import { reportFunctions } from "./functions.js";
import { reportFunctionsLatency } from "./functions-latency.js";
import { reportFunctionsOverhead } from "./functions-overhead.js";
import { reportFunctionsThroughput } from "./functions-throughput.js";
import { reportPatterns } from "./patterns.js";

const benchmarks: Record<string, () => unknown | Promise<unknown>> = {
  patterns: reportPatterns,
  bus: reportBus,
  "bus-throughput": reportBusThroughput,
  "bus-latency": reportBusLatency,
  "bus-restart": reportBusRestart,
  functions: reportFunctions,
  "functions-throughput": reportFunctionsThroughput,
  "functions-overhead": reportFunctionsOverhead,
  "functions-latency": reportFunctionsLatency,
  api: reportApi,
  "api-sqs": reportApiSqs,
  "api-events": reportApiEvents,
};
/** What `npm run bench` runs: the parts of `bus`, `functions` and `api` are in them already. */
const DEFAULT_BENCHMARKS = ["patterns", "bus", "functions", "api"];

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
