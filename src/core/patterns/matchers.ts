import { type IpRange, ipInRange } from "./cidr.js";
import { comparableKey, exactNumberKey, isComparable } from "./comparable-number.js";
import { type WildcardPattern, wildcardMatches } from "./wildcard.js";

/** A value at a leaf of an event: what a matcher is asked about. */
export type LeafValue = string | number | boolean | null;

/**
 * One compiled condition on one field. A field's list of matchers is an OR; `exists: false` is the only
 * matcher satisfied by the absence of a value, every other one needs a leaf value at the field.
 */
export type Matcher =
  | { readonly kind: "exact-string"; readonly value: string }
  | { readonly kind: "exact-number"; readonly key: number | string }
  | { readonly kind: "exact-literal"; readonly value: boolean | null }
  | { readonly kind: "prefix"; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: "suffix"; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: "equals-ignore-case"; readonly value: string }
  | { readonly kind: "wildcard"; readonly pattern: WildcardPattern }
  | {
      readonly kind: "numeric";
      readonly lower: number;
      readonly lowerOpen: boolean;
      readonly upper: number;
      readonly upperOpen: boolean;
    }
  | { readonly kind: "cidr"; readonly range: IpRange }
  | { readonly kind: "exists"; readonly exists: boolean }
  | {
      readonly kind: "anything-but";
      readonly strings: ReadonlySet<string>;
      readonly numbers: ReadonlySet<number | string>;
    }
  | { readonly kind: "anything-but-prefix"; readonly values: readonly string[] }
  | { readonly kind: "anything-but-suffix"; readonly values: readonly string[] }
  | { readonly kind: "anything-but-ignore-case"; readonly values: ReadonlySet<string> }
  | { readonly kind: "anything-but-wildcard"; readonly patterns: readonly WildcardPattern[] };

/** Case folding for equals-ignore-case: both sides are compared in lower case. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}

/**
 * Whether one leaf value satisfies one matcher. AWS's rules, checked against its answers: string
 * operators see only strings; numeric sees only numbers inside the comparable range; every
 * anything-but form matches any present value it does not exclude — null and numbers included.
 */
export function matcherAccepts(matcher: Matcher, value: LeafValue): boolean {
  switch (matcher.kind) {
    case "exact-string":
      return value === matcher.value;
    case "exact-number":
      return typeof value === "number" && exactNumberKey(value) === matcher.key;
    case "exact-literal":
      return value === matcher.value;
    case "prefix":
      return (
        typeof value === "string" && (matcher.ignoreCase ? foldCase(value) : value).startsWith(matcher.value)
      );
    case "suffix":
      return (
        typeof value === "string" && (matcher.ignoreCase ? foldCase(value) : value).endsWith(matcher.value)
      );
    case "equals-ignore-case":
      return typeof value === "string" && foldCase(value) === matcher.value;
    case "wildcard":
      return typeof value === "string" && wildcardMatches(matcher.pattern, value);
    case "numeric":
      return typeof value === "number" && numericAccepts(matcher, value);
    case "cidr":
      return typeof value === "string" && ipInRange(matcher.range, value);
    case "exists":
      return matcher.exists;
    case "anything-but":
      if (typeof value === "string") return !matcher.strings.has(value);
      if (typeof value === "number") return !matcher.numbers.has(exactNumberKey(value));
      return true;
    case "anything-but-prefix":
      return typeof value !== "string" || !matcher.values.some((prefix) => value.startsWith(prefix));
    case "anything-but-suffix":
      return typeof value !== "string" || !matcher.values.some((suffix) => value.endsWith(suffix));
    case "anything-but-ignore-case":
      return typeof value !== "string" || !matcher.values.has(foldCase(value));
    case "anything-but-wildcard":
      return (
        typeof value !== "string" || !matcher.patterns.some((pattern) => wildcardMatches(pattern, value))
      );
  }
}

function numericAccepts(matcher: Extract<Matcher, { kind: "numeric" }>, value: number): boolean {
  if (!isComparable(value)) return false;
  const key = comparableKey(value);
  if (matcher.lowerOpen ? key <= matcher.lower : key < matcher.lower) return false;
  return matcher.upperOpen ? key < matcher.upper : key <= matcher.upper;
}

/**
 * A short, unambiguous text for a matcher (values JSON-quoted), so equal conditions of different rules
 * share automaton states; it is kept per rule, hence compact.
 */
export function matcherKey(matcher: Matcher): string {
  switch (matcher.kind) {
    case "exact-string":
      return `s${JSON.stringify(matcher.value)}`;
    case "exact-number":
      return `n${JSON.stringify(matcher.key)}`;
    case "exact-literal":
      return `l${String(matcher.value)}`;
    case "prefix":
    case "suffix":
      return `${matcher.kind}${matcher.ignoreCase ? "~" : ""}${JSON.stringify(matcher.value)}`;
    case "equals-ignore-case":
      return `eic${JSON.stringify(matcher.value)}`;
    case "wildcard":
      return `wildcard${JSON.stringify(matcher.pattern.text)}`;
    case "numeric":
      return `numeric${matcher.lowerOpen ? "(" : "["}${matcher.lower},${matcher.upper}${matcher.upperOpen ? ")" : "]"}`;
    case "cidr":
      return `cidr${matcher.range.family}:${matcher.range.first}-${matcher.range.last}`;
    case "exists":
      return `exists:${matcher.exists}`;
    case "anything-but":
      return `anything-but${JSON.stringify([...matcher.strings].sort())}${JSON.stringify([...matcher.numbers].sort())}`;
    case "anything-but-prefix":
    case "anything-but-suffix":
      return `${matcher.kind}${JSON.stringify(matcher.values)}`;
    case "anything-but-ignore-case":
      return `anything-but-eic${JSON.stringify([...matcher.values].sort())}`;
    case "anything-but-wildcard":
      return `anything-but-wildcard${JSON.stringify(matcher.patterns.map((p) => p.text).sort())}`;
  }
}
