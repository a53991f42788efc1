import type { LeafValue } from "./matchers.js";
import { descend, type EventLeaves, type NamedChild, NO_FIELD, type PathNode } from "./path-trie.js";

/** Raised when event text is not the JSON object it must be. */
export class EventSyntaxError extends SyntaxError {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;

function fail(message: string, pos: number): never {
  throw new EventSyntaxError(`${message} at position ${pos}`);
}

function skipSpace(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  while (c === SPACE || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++pos);
  return pos;
}

/** Whether text at `start` spells a name, given as its character codes (cheaper than startsWith). */
function spells(text: string, start: number, codes: Int32Array): boolean {
  for (let k = 0; k < codes.length; k++) if (text.charCodeAt(start + k) !== codes[k]) return false;
  return true;
}

/** The child among `sameFirst` whose name is spelled at `start` and closed by a quote. */
function namedAt(text: string, start: number, sameFirst: NamedChild[] | undefined): NamedChild | undefined {
  if (sameFirst === undefined) return undefined;
  for (let k = 0; k < sameFirst.length; k++) {
    const candidate = sameFirst[k] as NamedChild;
    if (text.charCodeAt(start + candidate.codes.length) === QUOTE && spells(text, start, candidate.codes))
      return candidate;
  }
  return undefined;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses a JSON number. Plain decimals of at most 15 digits are computed as digits / 10^fraction,
 * which IEEE division rounds exactly as Number() would (both operands are exact doubles); anything
 * else (exponents, long mantissas, malformed text) goes through Number().
 */
function parseNumber(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 0x2d;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === DOT && fraction < 0 && digits > 0) {
      fraction = 0;
    } else {
      return Number(text.slice(start, end));
    }
  }
  if (digits === 0 || digits > 15 || fraction === 0) return Number(text.slice(start, end));
  const value = fraction > 0 ? mantissa / (POWERS_OF_TEN[fraction] as number) : mantissa;
  return negative ? -value : value;
}

function hasDot(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === DOT) return true;
  return false;
}

/** Characters a JSON number may contain; the shape is then checked by Number(). */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === DOT || c === 0x65 || c === 0x45;
}

/** The index of the quote closing a string whose content starts at `from`. */
function stringEnd(text: string, from: number): number {
  let i = text.indexOf('"', from);
  for (;;) {
    if (i < 0) fail("Unterminated string", text.length);
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
    i = text.indexOf('"', i + 1);
  }
}

function decodeString(text: string, start: number, end: number): string {
  try {
    return JSON.parse(text.slice(start - 1, end + 1)) as string;
  } catch {
    return fail("Invalid string escape", start);
  }
}

/**
 * Reads the leaves rules care about straight from event JSON text. Building the whole object with
 * JSON.parse costs more than matching; here values at paths no rule names are skipped without being
 * decoded, field names are compared in place, and only leaves on the trie are materialised — the way
 * AWS's own matcher streams events. Skipped parts are checked for balance only: PutEvents validates
 * Detail fully. Positions travel as return values, which keeps the loops in registers.
 */
export class EventScanner {
  private leaves: EventLeaves | undefined;
  private nextArrayId = 0;
  /** Where the next backslash is (Infinity: none): most events have none, so strings need no decoding. */
  private nextBackslash = Number.POSITIVE_INFINITY;
  /** The value of the last scalar read (returned alongside the position). */
  private scalarValue: LeafValue = null;

  /** Collects the leaves of one event text into `leaves` (already reset by the caller). */
  scan(text: string, root: PathNode, leaves: EventLeaves): void {
    this.leaves = leaves;
    this.nextArrayId = 0;
    this.nextBackslash = -1;
    let pos = skipSpace(text, 0);
    if (text.charCodeAt(pos) !== OPEN_OBJECT) throw new EventSyntaxError("Event is not a JSON object");
    pos = skipSpace(text, this.value(text, pos, root, null));
    if (pos !== text.length) fail("Unexpected text after the event object", pos);
  }

  private value(text: string, pos: number, node: PathNode, trail: number[] | null): number {
    const c = text.charCodeAt(pos);
    if (c === OPEN_OBJECT)
      return node.children.size === 0 ? this.skip(text, pos) : this.object(text, pos, node, trail);
    if (c === OPEN_ARRAY) return this.array(text, pos, node, trail);
    if (node.fieldId === NO_FIELD) return this.skip(text, pos);
    pos = this.scalar(text, pos);
    (this.leaves as EventLeaves).add(node.fieldId, this.scalarValue, trail);
    return pos;
  }

  private object(text: string, pos: number, node: PathNode, trail: number[] | null): number {
    pos = skipSpace(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_OBJECT) return pos + 1;
    const byFirstCode = node.childrenByFirstCode;
    for (;;) {
      if (text.charCodeAt(pos) !== QUOTE) fail("Expected a field name", pos);
      const start = pos + 1;
      // A child's name is compared in place where it starts; a match needs the closing quote right
      // after it (children whose names need escapes are not filed here, so that quote is never escaped).
      const named = namedAt(text, start, byFirstCode[text.charCodeAt(start) & 0x7f]);
      let child: PathNode | undefined;
      let i: number;
      if (named !== undefined) {
        child = named.node;
        i = start + named.codes.length;
      } else {
        // Not a child by its plain spelling; escapes and dotted names take the slow path.
        i = text.indexOf('"', start);
        if (i < 0) fail("Unterminated field name", start);
        if (this.backslashBefore(text, start, i)) {
          i = stringEnd(text, start);
          child = descend(node, decodeString(text, start, i));
        } else if (node.hasGrandchildren && hasDot(text, start, i)) {
          child = descend(node, text.slice(start, i));
        }
      }
      pos = i + 1;
      if (text.charCodeAt(pos) !== COLON) {
        pos = skipSpace(text, pos);
        if (text.charCodeAt(pos) !== COLON) fail("Expected ':'", pos);
      }
      pos++;
      if (text.charCodeAt(pos) <= SPACE) pos = skipSpace(text, pos);
      if (child === undefined) {
        pos = this.skip(text, pos);
      } else if (text.charCodeAt(pos) === QUOTE && child.fieldId !== NO_FIELD) {
        // The common leaf, a plain string, read in place.
        const from = pos + 1;
        let end = text.indexOf('"', from);
        if (end < 0) fail("Unterminated string", from);
        let leaf: string;
        if (this.backslashBefore(text, from, end)) {
          end = stringEnd(text, from);
          leaf = decodeString(text, from, end);
        } else {
          leaf = text.slice(from, end);
        }
        (this.leaves as EventLeaves).add(child.fieldId, leaf, trail);
        pos = end + 1;
      } else {
        pos = this.value(text, pos, child, trail);
      }
      let d = text.charCodeAt(pos);
      if (d <= SPACE) {
        pos = skipSpace(text, pos);
        d = text.charCodeAt(pos);
      }
      pos++;
      if (d === CLOSE_OBJECT) return pos;
      if (d !== COMMA) fail("Expected ',' or '}'", pos - 1);
      if (text.charCodeAt(pos) <= SPACE) pos = skipSpace(text, pos);
    }
  }

  private array(text: string, pos: number, node: PathNode, trail: number[] | null): number {
    const arrayId = this.nextArrayId++;
    pos = skipSpace(text, pos + 1);
    if (text.charCodeAt(pos) === CLOSE_ARRAY) return pos + 1;
    for (let index = 0; ; index++) {
      pos = this.value(text, pos, node, trail === null ? [arrayId, index] : [...trail, arrayId, index]);
      let d = text.charCodeAt(pos);
      if (d <= SPACE) {
        pos = skipSpace(text, pos);
        d = text.charCodeAt(pos);
      }
      pos++;
      if (d === CLOSE_ARRAY) return pos;
      if (d !== COMMA) fail("Expected ',' or ']'", pos - 1);
      if (text.charCodeAt(pos) <= SPACE) pos = skipSpace(text, pos);
    }
  }

  /** Whether a backslash occurs in text[start, end). */
  private backslashBefore(text: string, start: number, end: number): boolean {
    if (this.nextBackslash < start) {
      const found = text.indexOf("\\", start);
      this.nextBackslash = found < 0 ? Number.POSITIVE_INFINITY : found;
    }
    return this.nextBackslash < end;
  }

  /** Reads a scalar into `scalarValue` and returns the position after it. */
  private scalar(text: string, pos: number): number {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      const start = pos + 1;
      let i = text.indexOf('"', start);
      if (i < 0) fail("Unterminated string", start);
      if (this.backslashBefore(text, start, i)) {
        i = stringEnd(text, start);
        this.scalarValue = decodeString(text, start, i);
      } else {
        this.scalarValue = text.slice(start, i);
      }
      return i + 1;
    }
    if (c === 0x74 && text.startsWith("true", pos)) {
      this.scalarValue = true;
      return pos + 4;
    }
    if (c === 0x66 && text.startsWith("false", pos)) {
      this.scalarValue = false;
      return pos + 5;
    }
    if (c === 0x6e && text.startsWith("null", pos)) {
      this.scalarValue = null;
      return pos + 4;
    }
    let i = pos;
    while (isNumberChar(text.charCodeAt(i))) i++;
    const number = i > pos ? parseNumber(text, pos, i) : Number.NaN;
    if (Number.isNaN(number)) fail("Invalid value", pos);
    this.scalarValue = number;
    return i;
  }

  /** Steps over one value without decoding it, checking only that brackets balance. */
  private skip(text: string, pos: number): number {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) return stringEnd(text, pos + 1) + 1;
    if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
      // A number or literal nobody reads: step to its end without converting it.
      let i = pos;
      let d = c;
      while (d !== COMMA && d !== CLOSE_OBJECT && d !== CLOSE_ARRAY && d > SPACE) d = text.charCodeAt(++i);
      if (i === pos) fail("Expected a value", pos);
      return i;
    }
    let depth = 0;
    let i = pos;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = stringEnd(text, i + 1);
      } else if (d === OPEN_OBJECT || d === OPEN_ARRAY) {
        depth++;
      } else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        if (--depth === 0) return i + 1;
      } else if (Number.isNaN(d)) {
        fail("Unterminated object or array", i);
      }
      i++;
    }
  }
}
