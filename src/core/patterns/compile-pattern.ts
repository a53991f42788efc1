import { isJsonObject } from "../json.js";
import { parseCidr } from "./cidr.js";
import { comparableKey, exactNumberKey, isComparable, OUT_OF_RANGE_REASON } from "./comparable-number.js";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";
import { foldCase, type Matcher, matcherKey } from "./matchers.js";
import { type PatternValue, readPatternText, UnrepresentableNumber } from "./pattern-json.js";
import { checkWildcardComplexity, parseWildcard } from "./wildcard.js";

/**
 * The default size quota for an event pattern: 2,048 characters (AWS "EventBridge quotas", Event
 * pattern size; adjustable to 4,096 on request, which `CompileOptions.maxPatternLength` mirrors).
 */
export const DEFAULT_MAX_PATTERN_LENGTH = 2048;

/**
 * How many AND-branches `$or` may expand a pattern into. AWS refuses patterns whose `$or` combinations
 * grow past its limit; each branch becomes its own path through the matcher.
 */
export const MAX_OR_COMBINATIONS = 1000;

/** A condition on one field: the event must have a leaf there satisfying one of `matchers`. */
export interface FieldCondition {
  /** Path segments; dotted keys are split, so `{"a.b": …}` and `{"a": {"b": …}}` are one field. */
  readonly path: readonly string[];
  readonly pathKey: string;
  readonly matchers: readonly Matcher[];
  /** Whether `exists: false` is among the matchers, i.e. absence also satisfies the field. */
  readonly allowsAbsence: boolean;
  /** A canonical text of the matcher list: equal conditions of different rules share automaton states. */
  readonly conditionKey: string;
}

/** One AND of field conditions; a pattern is the OR of its sub-rules (more than one only with `$or`). */
export interface SubRule {
  /** Value fields first, then fields absence can satisfy; each group sorted by path. */
  readonly fields: readonly FieldCondition[];
}

/** A validated event pattern, ready to match or to add to a RuleSet. */
export interface CompiledPattern {
  readonly text: string;
  readonly subRules: readonly SubRule[];
}

/** Options for compiling a pattern. */
export interface CompileOptions {
  readonly maxPatternLength?: number;
}

const MATCH_TYPES = new Set([
  "prefix",
  "suffix",
  "anything-but",
  "numeric",
  "exists",
  "cidr",
  "equals-ignore-case",
  "wildcard",
]);

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/**
 * Validates and compiles an EventBridge event pattern given as JSON text (as PutRule and
 * TestEventPattern receive it). Throws InvalidEventPatternError with AWS's reason on a bad pattern.
 * @example compileEventPattern('{"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}')
 */
export function compileEventPattern(text: string, options: CompileOptions = {}): CompiledPattern {
  const maxLength = options.maxPatternLength ?? DEFAULT_MAX_PATTERN_LENGTH;
  if (text.length > maxLength) {
    fail(`Event pattern size of ${text.length} characters exceeds the limit of ${maxLength}`);
  }
  const root = readPatternText(text);
  if (!isPatternObject(root)) fail("Filter is not an object");
  const set: BranchSet = { branches: [] };
  compileObject(root, [], set, false);
  const branches = set.branches;
  const subRules = branches.map((fields) => ({ fields: orderFields([...fields.values()]) }));
  for (const subRule of subRules) {
    for (const field of subRule.fields) {
      const wildcards = field.matchers.flatMap((m) =>
        m.kind === "wildcard" ? [m.pattern] : m.kind === "anything-but-wildcard" ? m.patterns : [],
      );
      if (wildcards.length > 0) checkWildcardComplexity(wildcards);
    }
  }
  return { text, subRules };
}

function isPatternObject(value: PatternValue): value is { [key: string]: PatternValue } {
  return isJsonObject(value) && !(value instanceof UnrepresentableNumber);
}

/**
 * Value fields by path, then the fields absence can satisfy: those are tested once every array element
 * a match relies on has been chosen. (A RuleSet may reorder value fields for speed; the answer is the
 * same whatever their order.)
 */
function orderFields(fields: FieldCondition[]): FieldCondition[] {
  return fields.sort((a, b) => {
    if (a.allowsAbsence !== b.allowsAbsence) return a.allowsAbsence ? 1 : -1;
    return a.pathKey < b.pathKey ? -1 : a.pathKey > b.pathKey ? 1 : 0;
  });
}

/** The AND-branches built so far; `$or` multiplies them. */
interface BranchSet {
  branches: Map<string, FieldCondition>[];
}

/**
 * Walks one object of the pattern, adding its fields to every branch; `$or` replaces the branches by
 * their product with its alternatives (fields after it are added to all of them, as AWS does).
 */
function compileObject(
  object: { [key: string]: PatternValue },
  path: readonly string[],
  set: BranchSet,
  insideOr: boolean,
): void {
  const keys = Object.keys(object);
  if (keys.length === 0) fail("Empty objects are not allowed");
  for (const key of keys) {
    const value = object[key] as PatternValue;
    if (key === "$or") {
      compileOr(value, path, set);
      continue;
    }
    if (insideOr && MATCH_TYPES.has(key)) {
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    const childPath = [...path, ...key.split(".")];
    if (isPatternObject(value)) {
      compileObject(value, childPath, set, insideOr);
    } else if (Array.isArray(value)) {
      const field = compileField(childPath, value);
      if (set.branches.length === 0) set.branches.push(new Map());
      for (const branch of set.branches) branch.set(field.pathKey, field);
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
}

function compileOr(value: PatternValue, path: readonly string[], set: BranchSet): void {
  if (!Array.isArray(value)) fail("It must be an Array followed with $or.");
  const before = set.branches.length === 0 ? [new Map<string, FieldCondition>()] : set.branches;
  const result: Map<string, FieldCondition>[] = [];
  for (const alternative of value) {
    if (!isPatternObject(alternative)) fail("Only JSON object is allowed in array of $or relationship.");
    const alternativeSet: BranchSet = { branches: before.map((branch) => new Map(branch)) };
    compileObject(alternative, path, alternativeSet, true);
    result.push(...alternativeSet.branches);
    if (result.length > MAX_OR_COMBINATIONS) {
      fail(`The $or combinations of this pattern exceed the limit of ${MAX_OR_COMBINATIONS}`);
    }
  }
  if (value.length < 2) fail("There must have at least 2 Objects in $or relationship.");
  set.branches = result;
}

function compileField(path: readonly string[], values: PatternValue[]): FieldCondition {
  if (values.length === 0) fail("Empty arrays are not allowed");
  const matchers = values.map(compileValue);
  return {
    path,
    pathKey: path.join("."),
    matchers,
    allowsAbsence: matchers.some((m) => m.kind === "exists" && !m.exists),
    conditionKey: matchers.map(matcherKey).join("|"),
  };
}

function compileValue(value: PatternValue): Matcher {
  if (typeof value === "string") return { kind: "exact-string", value };
  if (typeof value === "number") return { kind: "exact-number", key: exactNumberKey(value) };
  if (value instanceof UnrepresentableNumber) return { kind: "exact-number", key: value.text };
  if (value === null || typeof value === "boolean") return { kind: "exact-literal", value };
  if (Array.isArray(value)) fail("Match value must be String, number, true, false, or null");
  return compileOperator(value);
}

function compileOperator(expression: { [key: string]: PatternValue }): Matcher {
  const [name, ...extra] = Object.keys(expression);
  if (name === undefined) fail("Match expression name not found");
  const operand = expression[name] as PatternValue;
  const onlyOneKey = () => {
    if (extra.length > 0) fail("Only one key allowed in match expression");
  };
  switch (name) {
    case "prefix":
    case "suffix": {
      const matcher = compileAffix(name, operand);
      onlyOneKey();
      return matcher;
    }
    case "equals-ignore-case": {
      if (typeof operand !== "string") fail("equals-ignore-case match pattern must be a string");
      onlyOneKey();
      return { kind: "equals-ignore-case", value: foldCase(operand) };
    }
    case "wildcard": {
      if (typeof operand !== "string") fail("wildcard match pattern must be a string");
      onlyOneKey();
      return { kind: "wildcard", pattern: parseWildcard(operand) };
    }
    case "cidr": {
      // AWS answers a non-string CIDR with the prefix message; kept as AWS words it.
      if (typeof operand !== "string") fail("prefix match pattern must be a string");
      onlyOneKey();
      return { kind: "cidr", range: parseCidr(operand) };
    }
    case "exists": {
      if (typeof operand !== "boolean") fail("exists match pattern must be either true or false.");
      onlyOneKey();
      return { kind: "exists", exists: operand };
    }
    case "numeric": {
      if (!Array.isArray(operand)) fail("Value of numeric must be an array.");
      if (extra.length > 0) fail("Too many elements in numeric expression");
      return compileNumeric(operand);
    }
    case "anything-but": {
      const matcher = compileAnythingBut(operand);
      if (extra.length > 0) fail("Too many elements in numeric expression");
      return matcher;
    }
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

function compileAffix(name: "prefix" | "suffix", operand: PatternValue): Matcher {
  if (typeof operand === "string") return { kind: name, value: operand, ignoreCase: false };
  if (!isPatternObject(operand)) fail(`${name} match pattern must be a string`);
  const [inner, ...extra] = Object.keys(operand);
  if (inner !== "equals-ignore-case") fail(`Unsupported ${name} pattern: ${inner ?? ""}`);
  const value = operand[inner];
  if (typeof value !== "string") fail("equals-ignore-case match pattern must be a string");
  if (extra.length > 0) fail("Only one key allowed in match expression");
  return { kind: name, value: foldCase(value), ignoreCase: true };
}

function comparableOperand(value: PatternValue | undefined, operator: string): number {
  if (value instanceof UnrepresentableNumber) fail(OUT_OF_RANGE_REASON);
  if (typeof value !== "number") fail(`Value of ${operator === "=" ? "equals" : operator} must be numeric`);
  if (!isComparable(value)) fail(OUT_OF_RANGE_REASON);
  return comparableKey(value);
}

const LOWEST = Number.NEGATIVE_INFINITY;
const HIGHEST = Number.POSITIVE_INFINITY;

function compileNumeric(terms: PatternValue[]): Matcher {
  const [operator, operand, ...rest] = terms;
  if (typeof operator !== "string") fail(`Invalid member in numeric match: ${String(operator)}`);
  const numeric = (lower: number, lowerOpen: boolean, upper: number, upperOpen: boolean): Matcher => ({
    kind: "numeric",
    lower,
    lowerOpen,
    upper,
    upperOpen,
  });
  switch (operator) {
    case "=": {
      const key = comparableOperand(operand, operator);
      if (rest.length > 0) fail("Too many elements in numeric expression");
      return numeric(key, false, key, false);
    }
    case "<":
    case "<=": {
      const key = comparableOperand(operand, operator);
      if (rest.length > 0) fail("Too many elements in numeric expression");
      return numeric(LOWEST, true, key, operator === "<");
    }
    case ">":
    case ">=": {
      const lower = comparableOperand(operand, operator);
      if (rest.length === 0) return numeric(lower, operator === ">", HIGHEST, true);
      const [upperOperator, upperOperand, ...more] = rest;
      if (typeof upperOperator !== "string") fail(`Bad value in numeric range: ${String(upperOperator)}`);
      if (upperOperator !== "<" && upperOperator !== "<=")
        fail(`Bad numeric range operator: ${upperOperator}`);
      const upper = comparableOperand(upperOperand, upperOperator);
      if (more.length > 0) fail("Too many terms in numeric range expression");
      if (lower >= upper) fail("Bottom must be less than top");
      return numeric(lower, operator === ">", upper, upperOperator === "<");
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

const ANYTHING_BUT_SHAPE = "Value of anything-but must be an array or single string/number value.";
const ANYTHING_BUT_LIST = "Inside anything but list, start|null|boolean is not supported.";
const ANYTHING_BUT_IGNORE_CASE_LIST =
  "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";

function compileAnythingBut(operand: PatternValue): Matcher {
  if (typeof operand === "string")
    return { kind: "anything-but", strings: new Set([operand]), numbers: new Set() };
  if (typeof operand === "number") {
    return {
      kind: "anything-but",
      strings: new Set(),
      numbers: new Set([comparableOperand(operand, "anything-but")]),
    };
  }
  if (Array.isArray(operand)) return compileAnythingButList(operand);
  if (!isPatternObject(operand)) fail(ANYTHING_BUT_SHAPE);
  const [name, ...extra] = Object.keys(operand);
  if (name === undefined) fail("Anything-But expression name not found");
  const inner = operand[name] as PatternValue;
  const innerList = Array.isArray(inner) ? inner : [inner];
  let matcher: Matcher;
  switch (name) {
    case "prefix":
    case "suffix": {
      if (isPatternObject(inner)) fail(ANYTHING_BUT_SHAPE);
      const values = innerList.map((v) => {
        if (typeof v !== "string") fail("prefix/suffix match pattern must be a string");
        if (v === "") fail("Null prefix/suffix not allowed");
        return v;
      });
      if (values.length === 0) fail("Empty arrays are not allowed");
      matcher = { kind: name === "prefix" ? "anything-but-prefix" : "anything-but-suffix", values };
      break;
    }
    case "equals-ignore-case": {
      const values = innerList.map((v) => {
        if (typeof v !== "string") fail(ANYTHING_BUT_IGNORE_CASE_LIST);
        return foldCase(v);
      });
      if (values.length === 0) fail("Empty arrays are not allowed");
      matcher = { kind: "anything-but-ignore-case", values: new Set(values) };
      break;
    }
    case "wildcard": {
      const patterns = innerList.map((v) => {
        if (typeof v !== "string") fail("wildcard match pattern must be a string");
        return parseWildcard(v);
      });
      if (patterns.length === 0) fail("Empty arrays are not allowed");
      matcher = { kind: "anything-but-wildcard", patterns };
      break;
    }
    default:
      return fail(`Unsupported anything-but pattern: ${name}`);
  }
  if (extra.length > 0) fail("Only one key allowed in match expression");
  return matcher;
}

function compileAnythingButList(values: PatternValue[]): Matcher {
  const strings = new Set<string>();
  const numbers = new Set<number | string>();
  for (const value of values) {
    if (typeof value === "string") strings.add(value);
    else if (typeof value === "number") numbers.add(comparableOperand(value, "anything-but"));
    else fail(ANYTHING_BUT_LIST);
  }
  if (strings.size > 0 === numbers.size > 0) {
    fail("Inside anything but list, either all values are number or string, mixed type is not supported");
  }
  return { kind: "anything-but", strings, numbers };
}
