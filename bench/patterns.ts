/**
 * bench/patterns: how fast the RuleSet routes events as the number of rules grows, next to a loop that
 * asks every rule in turn (both parse the event JSON text per event, as PutEvents must).
 */
import { compileEventPattern, createRuleSet } from "../src/core/patterns/index.js";
import { heapUsedAfterGc, interleavedOpsPerSecond, opsPerSecond, printTable } from "./support/measure.js";
import { naiveMatches } from "./support/naive-matcher.js";
import { createRandom } from "./support/random.js";
import { shopEventText, shopRulePattern, simpleRulePattern } from "./support/shop-data.js";

const RULE_COUNTS = [10, 100, 1_000, 10_000] as const;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 2000);

export interface PatternsResult {
  rules: number;
  ruleSetEventsPerSecond: number;
  loopEventsPerSecond: number;
  speedup: number;
  compileMicrosPerRule: number;
  addMicrosPerRule: number;
  matchesPerEvent: number;
}

export function runPatternsBenchmark(): {
  results: PatternsResult[];
  simpleRuleBytes: number;
  slowdown10To10k: number;
} {
  const random = createRandom(42);
  // As text arrives from a socket: decoded from bytes into a flat string. JSON.stringify's own result is a
  // rope (a V8 cons string) that every read must step through, which made the scan about 10% slower than on
  // a request body's text.
  const events = Array.from({ length: 4096 }, (_, i) =>
    Buffer.from(shopEventText(random, i)).toString("utf8"),
  );
  const averageBytes = events.reduce((sum, e) => sum + Buffer.byteLength(e), 0) / events.length;
  console.log(
    `events: ${events.length} shop events, ${averageBytes.toFixed(0)} bytes on average (JSON text, parsed per event)`,
  );

  // Memory first, on a quiet heap. The set is dropped before the timed rows: ten thousand rules nobody
  // matches against, kept alive, made every row about 6% slower (a larger heap for the collector to keep).
  const simpleRuleBytes = measureSimpleRuleBytes();

  // Warm the compiler up so the first row's compile time is not the JIT's.
  const warmRandom = createRandom(3);
  for (let i = 0; i < 2000; i++) compileEventPattern(JSON.stringify(shopRulePattern(warmRandom, i)));

  // Every row's rule set is built first; their matching is then timed in turns (interleavedOpsPerSecond), so
  // the ratio between rows is not at the mercy of which second the shared host was busy.
  const rows = RULE_COUNTS.map((count) => {
    const ruleRandom = createRandom(7);
    const texts = Array.from({ length: count }, (_, i) => JSON.stringify(shopRulePattern(ruleRandom, i)));

    // Compile time per rule, averaged over at least 1,000 rules so small rows are not one timer tick.
    const timedTexts =
      count >= 1000 ? texts : Array.from({ length: 1000 }, (_, i) => texts[i % count] as string);
    let start = process.hrtime.bigint();
    for (const text of timedTexts) compileEventPattern(text);
    const compileMicrosPerRule = Number(process.hrtime.bigint() - start) / 1000 / timedTexts.length;
    const compiled = texts.map((text) => compileEventPattern(text));

    start = process.hrtime.bigint();
    const ruleSet = createRuleSet<number>();
    for (const [id, pattern] of compiled.entries()) ruleSet.add(id, pattern);
    const addMicrosPerRule = Number(process.hrtime.bigint() - start) / 1000 / count;

    let matches = 0;
    for (const text of events) matches += ruleSet.matchJson(text).length;
    return { count, compiled, ruleSet, compileMicrosPerRule, addMicrosPerRule, matches };
  });

  const ruleSetRates = interleavedOpsPerSecond(
    rows.map(({ ruleSet }) => (i: number) => {
      ruleSet.matchJson(events[i & 4095] as string);
    }),
    MEASURE_MS,
  );

  const results = rows.map((row, r): PatternsResult => {
    // The loop: parse the event, then ask every rule in turn.
    const loopEventsPerSecond = opsPerSecond(
      (i) => {
        const event: unknown = JSON.parse(events[i & 4095] as string);
        for (const pattern of row.compiled) naiveMatches(pattern, event);
      },
      MEASURE_MS,
      Math.max(5, Math.floor(20_000 / row.count)),
    );
    const ruleSetEventsPerSecond = ruleSetRates[r] as number;
    return {
      rules: row.count,
      ruleSetEventsPerSecond,
      loopEventsPerSecond,
      speedup: ruleSetEventsPerSecond / loopEventsPerSecond,
      compileMicrosPerRule: row.compileMicrosPerRule,
      addMicrosPerRule: row.addMicrosPerRule,
      matchesPerEvent: row.matches / events.length,
    };
  });

  const first = results[0] as PatternsResult;
  const last = results[results.length - 1] as PatternsResult;
  return {
    results,
    simpleRuleBytes,
    slowdown10To10k: first.ruleSetEventsPerSecond / last.ruleSetEventsPerSecond,
  };
}

/** What a RuleSet holds per simple rule, compiled pattern included (10,000 rules). */
function measureSimpleRuleBytes(): number {
  const simpleRandom = createRandom(11);
  const simpleTexts = Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify(simpleRulePattern(simpleRandom, i)),
  );
  const before = heapUsedAfterGc();
  const simpleSet = createRuleSet<number>();
  for (const [id, text] of simpleTexts.entries()) simpleSet.add(id, compileEventPattern(text));
  const bytes = (heapUsedAfterGc() - before) / simpleTexts.length;
  if (simpleSet.size !== simpleTexts.length) throw new Error("rule set lost rules");
  return bytes;
}

export function reportPatterns(): unknown {
  const { results, simpleRuleBytes, slowdown10To10k } = runPatternsBenchmark();
  printTable(
    "bench/patterns — events/s on one core (parse + match)",
    results.map((r) => ({
      rules: r.rules,
      "RuleSet ev/s": Math.round(r.ruleSetEventsPerSecond),
      "per-rule loop ev/s": Math.round(r.loopEventsPerSecond),
      "RuleSet ÷ loop": Number(r.speedup.toFixed(1)),
      "compile µs/rule": Number(r.compileMicrosPerRule.toFixed(1)),
      "add µs/rule": Number(r.addMicrosPerRule.toFixed(1)),
      "matches/event": Number(r.matchesPerEvent.toFixed(2)),
    })),
  );
  console.log(`slowdown from 10 to 10,000 rules: ${slowdown10To10k.toFixed(2)}×`);
  console.log(`memory per simple rule (10,000 rules): ${Math.round(simpleRuleBytes)} bytes`);
  return { results, simpleRuleBytes, slowdown10To10k };
}
