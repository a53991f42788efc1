import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";

/**
 * The most NFA states a field's wildcard patterns may keep alive at once for any input. AWS rejects
 * rules above its limit with "Rule is too complex …" (AWS "Wildcard matching complexity"). Calibrated on
 * AWS's answers: six stars separated by one character (`*:*:*:*:*:event-bus/` then a star; 13 live
 * states) are rejected, while one star followed by five repeats of `/dir` is accepted.
 */
export const WILDCARD_COMPLEXITY_LIMIT = 12;

const TOO_COMPLEX =
  "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";
const STAR = -1;
const END = -2;
const OTHER = -3;
const MAX_EXPLORED_SETS = 5_000;

/** A wildcard pattern split at its unescaped `*`: literal pieces, matched in order. */
export interface WildcardPattern {
  readonly text: string;
  readonly segments: readonly string[];
}

/**
 * Parses a wildcard pattern: `*` matches any run of characters, `\*` a literal star, `\\` a literal
 * backslash; any other escape and two consecutive stars are invalid, as AWS rules them.
 */
export function parseWildcard(text: string): WildcardPattern {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "*") {
      if (text[i + 1] === "*")
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i + 1}`);
      segments.push(current);
      current = "";
    } else if (c === "\\") {
      const next = text[i + 1];
      if (next !== "*" && next !== "\\")
        throw new InvalidEventPatternError(`Invalid escape character at pos ${i + 1}`);
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  segments.push(current);
  return { text, segments };
}

/** Whether a string matches a parsed wildcard pattern (greedy left-to-right search is exact for `*`). */
export function wildcardMatches(pattern: WildcardPattern, value: string): boolean {
  const { segments } = pattern;
  const first = segments[0] ?? "";
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1] ?? "";
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let from = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? "";
    const at = value.indexOf(segment, from);
    if (at < 0 || at + segment.length > end) return false;
    from = at + segment.length;
  }
  return true;
}

/**
 * Rejects a field's wildcard patterns when, for some input, more than WILDCARD_COMPLEXITY_LIMIT states
 * of their combined NFA would be active at once: the cost that makes such rules slow to match. Stars
 * and repeated sequences after a star both multiply the live states, which is what AWS's message names.
 */
export function checkWildcardComplexity(patterns: readonly WildcardPattern[]): void {
  // Positions of all patterns in one numbering; each holds a star or a code point.
  const symbols: number[] = [];
  const starts: number[] = [];
  for (const pattern of patterns) {
    starts.push(symbols.length);
    pattern.segments.forEach((segment, index) => {
      if (index > 0) symbols.push(STAR);
      for (const char of segment) symbols.push(char.codePointAt(0) ?? 0);
    });
    symbols.push(END);
  }
  if (!symbols.includes(STAR)) return;
  const alphabet = new Set<number>([OTHER]);
  for (const symbol of symbols) if (symbol >= 0) alphabet.add(symbol);

  // A star may match nothing, so reaching it also reaches the position after it.
  const close = (positions: number[]): number[] => {
    const set = new Set<number>();
    for (let p of positions) {
      set.add(p);
      while (symbols[p] === STAR) set.add(++p);
    }
    return [...set].sort((a, b) => a - b);
  };
  const start = close(starts);
  const seen = new Set<string>([start.join(",")]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.pop() as number[];
    for (const symbol of alphabet) {
      const stepped: number[] = [];
      for (const p of current) {
        if (symbols[p] === STAR) stepped.push(p);
        else if (symbols[p] === symbol) stepped.push(p + 1);
      }
      const next = close(stepped);
      if (next.length > WILDCARD_COMPLEXITY_LIMIT || seen.size > MAX_EXPLORED_SETS) {
        throw new InvalidEventPatternError(TOO_COMPLEX);
      }
      const key = next.join(",");
      if (next.length > 0 && !seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
}
