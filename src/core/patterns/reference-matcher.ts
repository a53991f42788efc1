import type { CompiledPattern, FieldCondition } from "./compile-pattern.js";
import { type LeafValue, type Matcher, matcherAccepts } from "./matchers.js";

/** One array element a leaf was reached through: the array instance (by identity) and the element index. */
type ArrayStep = readonly [array: readonly unknown[], index: number];

/** A scalar of the event at a field path, with the array elements it was reached through. */
interface Leaf {
  readonly value: LeafValue;
  readonly trail: readonly ArrayStep[];
}

/**
 * The slow, obviously-correct reading of a compiled pattern that the property tests hold RuleSet to;
 * test-only. It shares nothing with the automaton but `matcherAccepts`: leaves are found by walking
 * the event afresh for every field, and a sub-rule is a backtracking search over its fields in order,
 * where every chosen leaf must agree on the element of each array it shares with the leaves chosen
 * before it (EventBridge's array-consistent matching of arrays of objects).
 * @example referenceMatches(compileEventPattern('{"a": {"b": ["x"], "c": [1]}}'), {"a": [{"b": "x"}, {"c": 1}]}); // false
 */
export function referenceMatches(compiled: CompiledPattern, event: unknown): boolean {
  return compiled.subRules.some((subRule) => fieldsMatch(subRule.fields, 0, [], event));
}

function fieldsMatch(
  fields: readonly FieldCondition[],
  at: number,
  chosen: readonly (readonly ArrayStep[])[],
  event: unknown,
): boolean {
  const field = fields[at];
  if (field === undefined) return true;
  const fitting = leavesAt(event, field.path, []).filter((leaf) =>
    chosen.every((trail) => consistent(trail, leaf.trail)),
  );
  const valueMatchers = field.matchers.filter((matcher) => !isAbsence(matcher));
  const byValue = fitting.some(
    (leaf) =>
      valueMatchers.some((matcher) => matcherAccepts(matcher, leaf.value)) &&
      fieldsMatch(fields, at + 1, [...chosen, leaf.trail], event),
  );
  if (byValue) return true;
  const byAbsence = field.matchers.some(isAbsence) && fitting.length === 0;
  return byAbsence && fieldsMatch(fields, at + 1, chosen, event);
}

function isAbsence(matcher: Matcher): boolean {
  return matcher.kind === "exists" && !matcher.exists;
}

/**
 * Every scalar at `path`: arrays at any level are transparent (each element continues at the same
 * path), and an event key with dots stands for several segments ("a.b" is a, then b).
 */
function leavesAt(value: unknown, path: readonly string[], trail: readonly ArrayStep[]): Leaf[] {
  if (Array.isArray(value)) {
    return value.flatMap((element, index) => leavesAt(element, path, [...trail, [value, index]]));
  }
  if (path.length === 0) return isLeafValue(value) ? [{ value, trail }] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const segments = key.split(".");
    const leads = segments.every((segment, i) => path[i] === segment);
    return leads ? leavesAt(child, path.slice(segments.length), trail) : [];
  });
}

function isLeafValue(value: unknown): value is LeafValue {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** Two trails agree when every array instance they both pass through is at the same index in both. */
function consistent(a: readonly ArrayStep[], b: readonly ArrayStep[]): boolean {
  return a.every(([array, index]) =>
    b.every(([other, otherIndex]) => other !== array || otherIndex === index),
  );
}
