import type { CompiledPattern, LeafValue } from "../../src/core/patterns/index.js";
import { matcherAccepts } from "../../src/core/patterns/matchers.js";

/** The leaf values at a path of a parsed event (arrays flattened, dotted keys ignored). */
function valuesAt(value: unknown, path: readonly string[], depth: number, out: LeafValue[]): void {
  if (Array.isArray(value)) {
    for (const item of value) valuesAt(item, path, depth, out);
    return;
  }
  if (depth === path.length) {
    if (value === null || typeof value !== "object") out.push(value as LeafValue);
    return;
  }
  if (value === null || typeof value !== "object") return;
  valuesAt((value as Record<string, unknown>)[path[depth] as string], path, depth + 1, out);
}

/**
 * The baseline of bench/patterns: one rule at a time, every field looked up in the parsed event and
 * every matcher tried — what a router without an automaton does.
 */
export function naiveMatches(pattern: CompiledPattern, event: unknown): boolean {
  const values: LeafValue[] = [];
  return pattern.subRules.some((subRule) =>
    subRule.fields.every((field) => {
      values.length = 0;
      valuesAt(event, field.path, 0, values);
      if (values.length === 0) return field.allowsAbsence;
      return values.some((value) => field.matchers.some((matcher) => matcherAccepts(matcher, value)));
    }),
  );
}
