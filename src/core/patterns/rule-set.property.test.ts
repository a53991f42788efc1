import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type CompiledPattern, compileEventPattern, DEFAULT_MAX_PATTERN_LENGTH } from "./compile-pattern.js";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";
import type { Matcher } from "./matchers.js";
import { event, isPlainObject, type Json, matchValue, patternText, words } from "./pattern-arbitraries.js";
import { referenceMatches } from "./reference-matcher.js";
import { RuleSet } from "./rule-set.js";

/*
 * RuleSet (the automaton) against referenceMatches (a slow, direct reading of the same compiled
 * pattern), over random rule sets and events drawn from one small vocabulary, plus robustness of the
 * compiler and matcher on arbitrary input. Operator semantics themselves live in operators.test.ts
 * and the conformance corpus: both sides here share matcherAccepts.
 */

function tryCompile(text: string): CompiledPattern | undefined {
  try {
    return compileEventPattern(text);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return undefined;
    throw error;
  }
}

/** The ids whose pattern the reference says the event matches, sorted. */
function sortedIds(rules: ReadonlyMap<string, CompiledPattern>, input: unknown): string[] {
  return [...rules]
    .filter(([, compiled]) => referenceMatches(compiled, input))
    .map(([id]) => id)
    .sort();
}

function matchedIds(ruleSet: RuleSet<string>, input: unknown): string[] {
  return ruleSet.match(input).sort();
}

function ruleSetOf(rules: ReadonlyMap<string, CompiledPattern>): RuleSet<string> {
  const ruleSet = new RuleSet<string>();
  for (const [id, compiled] of rules) ruleSet.add(id, compiled);
  return ruleSet;
}

/**
 * The same JSON written two ways: compact, and indented with every "o" as the escape \u006f (an "o"
 * can only be inside a string in JSON: no keyword or number has one).
 */
function spellings(value: unknown): string[] {
  return [JSON.stringify(value), JSON.stringify(value, null, 2).replaceAll("o", "\\u006f")];
}

/**
 * A few patterns that rules draw from, so that several ids often hold the same pattern and share all
 * their automaton states: removing one of them must not disturb the others.
 */
const patternPool = fc.array(patternText, { minLength: 1, maxLength: 8 });

/** Compiles pool entries, leaving `undefined` where the pattern is invalid. */
function compilePool(texts: readonly string[]): (CompiledPattern | undefined)[] {
  return texts.map(tryCompile);
}

type Operation =
  | { readonly kind: "add"; readonly id: number; readonly pick: number }
  | { readonly kind: "remove"; readonly id: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), id: fc.nat(9), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), id: fc.nat(9) }) },
);

/** A matcher's kind, refined where one kind covers forms worth telling apart. */
function variantOf(matcher: Matcher): string {
  switch (matcher.kind) {
    case "prefix":
    case "suffix":
      return matcher.ignoreCase ? `${matcher.kind}-ignore-case` : matcher.kind;
    case "exists":
      return `exists-${matcher.exists}`;
    case "cidr":
      return `cidr-v${matcher.range.family}`;
    case "numeric":
      return Number.isFinite(matcher.lower) && Number.isFinite(matcher.upper) ? "numeric-range" : "numeric";
    default:
      return matcher.kind;
  }
}

const ALL_VARIANTS = [
  "anything-but",
  "anything-but-ignore-case",
  "anything-but-prefix",
  "anything-but-suffix",
  "anything-but-wildcard",
  "cidr-v4",
  "cidr-v6",
  "equals-ignore-case",
  "exact-literal",
  "exact-number",
  "exact-string",
  "exists-false",
  "exists-true",
  "numeric",
  "numeric-range",
  "prefix",
  "prefix-ignore-case",
  "suffix",
  "suffix-ignore-case",
  "wildcard",
];

describe("RuleSet agrees with the reference matcher", () => {
  test("the generators make valid patterns of every matcher kind, and events they often match", () => {
    const texts = fc.sample(patternText, { numRuns: 1000, seed: 7 });
    const events = fc.sample(event, { numRuns: 1000, seed: 11 });
    const pairs = texts.flatMap((text, i) => {
      const compiled = tryCompile(text);
      return compiled === undefined ? [] : [{ compiled, input: events[i] }];
    });
    const variants = new Set<string>();
    for (const { compiled } of pairs) {
      for (const { fields } of compiled.subRules) {
        for (const field of fields) for (const matcher of field.matchers) variants.add(variantOf(matcher));
      }
    }
    const matched = pairs.filter(({ compiled, input }) => referenceMatches(compiled, input));
    // Pairs where each field on its own is satisfied but the sub-rule is not: array consistency decides.
    const decidedByConsistency = pairs.filter(
      ({ compiled, input }) =>
        !referenceMatches(compiled, input) &&
        compiled.subRules.some(({ fields }) =>
          fields.every((field) => referenceMatches({ text: "", subRules: [{ fields: [field] }] }, input)),
        ),
    );
    expect(pairs.length / texts.length).toBeGreaterThan(0.8);
    expect([...variants].sort()).toEqual(ALL_VARIANTS);
    expect(pairs.some(({ compiled }) => compiled.subRules.length >= 4)).toBe(true);
    expect(matched.length / pairs.length).toBeGreaterThan(0.1);
    expect(matched.length / pairs.length).toBeLessThan(0.9);
    expect(decidedByConsistency.length).toBeGreaterThanOrEqual(4);
  });

  test("a RuleSet of random rules returns exactly the ids the reference matches", () => {
    fc.assert(
      fc.property(
        patternPool,
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.array(event, { minLength: 1, maxLength: 4 }),
        (texts, picks, events) => {
          const pool = compilePool(texts);
          const rules = new Map<string, CompiledPattern>();
          picks.forEach((pick, i) => {
            const compiled = pool[pick % pool.length];
            if (compiled !== undefined) rules.set(`r${i}`, compiled);
          });
          const ruleSet = ruleSetOf(rules);
          for (const input of events) {
            const expected = sortedIds(rules, input);
            expect(matchedIds(ruleSet, input)).toEqual(expected);
            for (const text of spellings(input)) expect(ruleSet.matchJson(text).sort()).toEqual(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test("many rules on one field: the value indexes of one state agree with the reference", () => {
    // Equality, affix, range, wildcard and cidr conditions pile up in one FieldTransitions here.
    fc.assert(
      fc.property(
        fc.array(fc.array(matchValue, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 40 }),
        fc.array(event, { minLength: 1, maxLength: 4 }),
        (lists, events) => {
          const rules = new Map<string, CompiledPattern>();
          lists.forEach((values, i) => {
            const compiled = tryCompile(JSON.stringify({ detail: { items: { price: values } } }));
            if (compiled !== undefined) rules.set(`r${i}`, compiled);
          });
          const ruleSet = ruleSetOf(rules);
          for (const input of events) expect(matchedIds(ruleSet, input)).toEqual(sortedIds(rules, input));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a RuleSet of hundreds of rules agrees too, before and after half of them are removed", () => {
    // Large sets are where an automaton reorganises itself (shared states, re-planned field orders).
    fc.assert(
      fc.property(
        fc.array(patternText, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 256, maxLength: 600 }),
        fc.array(event, { minLength: 1, maxLength: 3 }),
        (texts, picks, events) => {
          const pool = compilePool(texts);
          const ruleSet = new RuleSet<string>();
          const rules = new Map<string, number>();
          picks.forEach((pick, i) => {
            const compiled = pool[pick % pool.length];
            if (compiled === undefined) return;
            rules.set(`r${i}`, pick % pool.length);
            ruleSet.add(`r${i}`, compiled);
          });
          const check = () => {
            for (const input of events) {
              const poolMatches = pool.map(
                (compiled) => compiled !== undefined && referenceMatches(compiled, input),
              );
              const expected = [...rules].filter(([, at]) => poolMatches[at]).map(([id]) => id);
              expect(matchedIds(ruleSet, input)).toEqual(expected.sort());
            }
          };
          check();
          for (const [id] of [...rules].filter((_, i) => i % 2 === 0)) {
            ruleSet.remove(id);
            rules.delete(id);
          }
          check();
        },
      ),
      { numRuns: 40 },
    );
  });

  test("while rules are added, removed, re-added and replaced under the same id it keeps agreeing", () => {
    fc.assert(
      fc.property(
        patternPool,
        fc.array(operation, { minLength: 1, maxLength: 40 }),
        fc.array(event, { minLength: 1, maxLength: 3 }),
        (texts, operations, events) => {
          const pool = compilePool(texts);
          const rules = new Map<string, CompiledPattern>();
          const ruleSet = new RuleSet<string>();
          operations.forEach((op, step) => {
            const id = `r${op.id}`;
            if (op.kind === "remove") {
              expect(ruleSet.remove(id)).toBe(rules.delete(id));
            } else {
              const compiled = pool[op.pick % pool.length];
              if (compiled === undefined) return;
              rules.set(id, compiled);
              ruleSet.add(id, compiled);
            }
            expect(ruleSet.size).toBe(rules.size);
            for (const known of rules.keys()) expect(ruleSet.has(known)).toBe(true);
            const input = events[step % events.length];
            expect(matchedIds(ruleSet, input)).toEqual(sortedIds(rules, input));
          });
          for (const input of events) expect(matchedIds(ruleSet, input)).toEqual(sortedIds(rules, input));
          // Emptying the set must leave nothing behind that still matches.
          for (const id of rules.keys()) expect(ruleSet.remove(id)).toBe(true);
          expect(ruleSet.size).toBe(0);
          for (const input of events) expect(ruleSet.match(input)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("match never throws on arbitrary JSON events and agrees with the reference; so does matchJson on objects", () => {
    fc.assert(
      fc.property(fc.array(patternText, { minLength: 1, maxLength: 10 }), fc.jsonValue(), (texts, input) => {
        const rules = new Map<string, CompiledPattern>();
        texts.forEach((text, i) => {
          const compiled = tryCompile(text);
          if (compiled !== undefined) rules.set(`r${i}`, compiled);
        });
        const ruleSet = ruleSetOf(rules);
        const matched = matchedIds(ruleSet, input);
        expect(matched).toEqual(sortedIds(rules, input));
        if (isPlainObject(input)) expect(ruleSet.matchJson(JSON.stringify(input)).sort()).toEqual(matched);
      }),
      { numRuns: 300 },
    );
  });
});

describe("compileEventPattern on arbitrary text", () => {
  const expectReturnsOrRejects = (text: string) => {
    let compiled: CompiledPattern | undefined;
    try {
      compiled = compileEventPattern(text);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventPatternError);
      expect((error as InvalidEventPatternError).code).toBe("InvalidEventPattern");
      expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: ./);
      return;
    }
    expect(compiled.text).toBe(text);
    expect(compiled.subRules.length).toBeGreaterThan(0);
    for (const subRule of compiled.subRules) expect(subRule.fields.length).toBeGreaterThan(0);
  };

  // Pattern-shaped JSON: keys from the vocabulary and operator names, values of any JSON type.
  const patternKeys = words(
    "detail a.b $or prefix suffix anything-but numeric exists cidr equals-ignore-case wildcard",
  );
  const patternLike = fc.letrec<{ node: Json }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...patternKeys), tie("node"), { maxKeys: 3, noNullPrototype: true }),
    ),
  })).node;

  // Valid patterns with one character inserted or deleted somewhere.
  const mutatedPattern = fc
    .tuple(
      patternText,
      fc.nat(),
      fc.constantFrom("", "{", "}", "[", "]", '"', ",", ":", "\\", "*", "0", "-", "."),
    )
    .map(([text, at, insert]) => {
      const position = at % (text.length + 1);
      return insert === ""
        ? text.slice(0, position) + text.slice(position + 1)
        : text.slice(0, position) + insert + text.slice(position);
    });

  test("whitespace and escapes in pattern text do not change what it compiles to", () => {
    fc.assert(
      fc.property(patternText, (text) => {
        const compiled = tryCompile(text);
        const [, respelled] = spellings(JSON.parse(text));
        if (
          compiled === undefined ||
          respelled === undefined ||
          respelled.length > DEFAULT_MAX_PATTERN_LENGTH
        )
          return;
        expect(compileEventPattern(respelled).subRules).toEqual(compiled.subRules);
      }),
      { numRuns: 300 },
    );
  });

  test("returns a pattern or throws InvalidEventPatternError, never another error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.string(),
          fc.string({ unit: "binary" }),
          patternLike.map((value) => JSON.stringify(value)),
          mutatedPattern,
        ),
        expectReturnsOrRejects,
      ),
      { numRuns: 2000 },
    );
  });
});
