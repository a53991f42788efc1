import { isJsonObject, type JsonValue } from "../json.js";

/**
 * The JSONPath subset EventBridge documents for InputPath and InputPathsMap: `$`, dot notation, array
 * indices, wildcards (`*`) and — for InputPath — bracket notation (`$['a b']`).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html ("EventBridge does
 * not support all JSON Path syntax") and https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 * Anything else (recursive descent, filters, slices, unions, negative indices) is rejected rather than guessed.
 */
type PathStep =
  | { readonly kind: "member"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "wildcard" };

/** A compiled JSONPath: parse once, select many times. */
export interface JsonPath {
  readonly text: string;
  /** Whether the path has no wildcard, so it selects at most one value. */
  readonly definite: boolean;
  /**
   * A definite path gives the value it points at, or `undefined` when the event has nothing there; a path with
   * a wildcard gives the array of every match (possibly empty), as Jayway JsonPath does for indefinite paths.
   */
  select(root: JsonValue): JsonValue | undefined;
}

/** The outcome of parsing a JSONPath: the compiled path or why the text is not one. */
export type JsonPathParseResult =
  | { readonly ok: true; readonly path: JsonPath }
  | { readonly ok: false; readonly reason: string };

const MEMBER_NAME_END = /[.[\]\s()]/;

/** Parses a JSONPath of the subset EventBridge supports. */
export function parseJsonPath(text: string): JsonPathParseResult {
  const steps = parseSteps(text);
  if (typeof steps === "string") return { ok: false, reason: steps };
  const definite = steps.every((step) => step.kind !== "wildcard");
  const path: JsonPath = {
    text,
    definite,
    select: definite ? (root) => selectDefinite(steps, root) : (root) => selectAll(steps, root),
  };
  return { ok: true, path };
}

/** Returns the steps, or the reason the text is not a supported path. */
function parseSteps(text: string): PathStep[] | string {
  if (!text.startsWith("$")) return "a JSON path must start with $";
  const steps: PathStep[] = [];
  let i = 1;
  while (i < text.length) {
    const char = text[i];
    if (char === ".") {
      const next = text[i + 1];
      if (next === ".") return `recursive descent (..) at position ${i} is not supported`;
      if (next === "*") {
        steps.push({ kind: "wildcard" });
        i += 2;
        continue;
      }
      let end = i + 1;
      while (end < text.length && !MEMBER_NAME_END.test(text.charAt(end))) end++;
      if (end === i + 1) return `empty member name at position ${i + 1}`;
      if (end < text.length && text[end] === "(")
        return `function calls (at position ${end}) are not supported`;
      steps.push({ kind: "member", name: text.slice(i + 1, end) });
      i = end;
    } else if (char === "[") {
      const parsed = parseBracket(text, i);
      if (typeof parsed === "string") return parsed;
      steps.push(parsed.step);
      i = parsed.end;
    } else {
      return `unexpected character '${char}' at position ${i}`;
    }
  }
  return steps;
}

/** Parses `[n]`, `[*]`, `['name']` or `["name"]` starting at `open`; returns the step and the index after `]`. */
function parseBracket(text: string, open: number): { step: PathStep; end: number } | string {
  const first = text[open + 1];
  if (first === "*") {
    if (text[open + 2] !== "]") return `expected ] at position ${open + 2}`;
    return { step: { kind: "wildcard" }, end: open + 3 };
  }
  if (first === "'" || first === '"') {
    let name = "";
    let i = open + 2;
    while (i < text.length && text[i] !== first) {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      name += text.charAt(i);
      i++;
    }
    if (i >= text.length) return `unterminated quoted name starting at position ${open + 1}`;
    if (text[i + 1] !== "]") return `expected ] at position ${i + 1}`;
    return { step: { kind: "member", name }, end: i + 2 };
  }
  const digits = /^[0-9]+/.exec(text.slice(open + 1));
  if (digits === null) {
    return `unsupported bracket expression at position ${open} (only [index], [*] and ['name'] are supported)`;
  }
  const close = open + 1 + digits[0].length;
  if (text[close] !== "]") {
    return `unsupported bracket expression at position ${open} (only [index], [*] and ['name'] are supported)`;
  }
  const index = Number(digits[0]);
  if (!Number.isSafeInteger(index)) return `array index ${digits[0]} is too large`;
  return { step: { kind: "index", index }, end: close + 1 };
}

function child(value: JsonValue, step: PathStep): JsonValue | undefined {
  if (step.kind === "member") {
    return isJsonObject(value) && Object.hasOwn(value, step.name) ? value[step.name] : undefined;
  }
  if (step.kind === "index") return Array.isArray(value) ? value[step.index] : undefined;
  return undefined;
}

function selectDefinite(steps: readonly PathStep[], root: JsonValue): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const step of steps) {
    if (current === undefined) return undefined;
    current = child(current, step);
  }
  return current;
}

function selectAll(steps: readonly PathStep[], root: JsonValue): JsonValue[] {
  let frontier: JsonValue[] = [root];
  for (const step of steps) {
    const next: JsonValue[] = [];
    for (const value of frontier) {
      if (step.kind === "wildcard") {
        if (Array.isArray(value)) next.push(...value);
        else if (isJsonObject(value)) next.push(...Object.values(value));
      } else {
        const selected = child(value, step);
        if (selected !== undefined) next.push(selected);
      }
    }
    frontier = next;
  }
  return frontier;
}
