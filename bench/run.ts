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

/**
 * Each benchmark's module is loaded when it runs, not before: the peers' clients (the AWS SDK, BullMQ,
 * pg-boss) resident in the heap made the pattern engine's matching about 6% slower, in a process that a
 * Switchyard server never resembles.
 */
const benchmarks: Record<string, () => Promise<unknown>> = {
  patterns: async () => (await import("./patterns.js")).reportPatterns(),
  bus: async () => (await import("./bus.js")).reportBus(),
  "bus-throughput": async () => (await import("./bus-throughput.js")).reportBusThroughput(),
  "bus-latency": async () => (await import("./bus-latency.js")).reportBusLatency(),
  "bus-restart": async () => (await import("./bus-restart.js")).reportBusRestart(),
  functions: async () => (await import("./functions.js")).reportFunctions(),
  "functions-throughput": async () => (await import("./functions-throughput.js")).reportFunctionsThroughput(),
  "functions-overhead": async () => (await import("./functions-overhead.js")).reportFunctionsOverhead(),
  "functions-latency": async () => (await import("./functions-latency.js")).reportFunctionsLatency(),
  api: async () => (await import("./api.js")).reportApi(),
  "api-sqs": async () => (await import("./api-sqs.js")).reportApiSqs(),
  "api-events": async () => (await import("./api-events.js")).reportApiEvents(),
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
