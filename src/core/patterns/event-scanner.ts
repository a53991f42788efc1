import type { LeafValue } from "./matchers.js";
import { descend, type EventLeaves, NO_FIELD, type PathNode } from "./path-trie.js";

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

/** Characters a JSON number may contain; the shape is then checked by Number(). */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === DOT || c === 0x65 || c === 0x45;
}

/**
 * Reads the leaves rules care about straight from event JSON text. Building the whole object with
 * JSON.parse costs more than matching; here values at paths no rule names are skipped without being
 * decoded, keys are compared in place, and only leaves on the trie are materialised — the way AWS's own
 * matcher streams events. Skipped parts are checked for balance only: PutEvents validates Detail fully.
 */
export class EventScanner {
  private text = "";
  private pos = 0;
  private nextArrayId = 0;

  /** Collects the leaves of one event text into `leaves` (already reset by the caller). */
  scan(text: string, root: PathNode, leaves: EventLeaves): void {
    this.text = text;
    this.pos = 0;
    this.nextArrayId = 0;
    this.space();
    if (text.charCodeAt(this.pos) !== OPEN_OBJECT) throw new EventSyntaxError("Event is not a JSON object");
    this.value(root, null, leaves);
    this.space();
    if (this.pos !== text.length) this.fail("Unexpected text after the event object");
  }

  private fail(message: string): never {
    throw new EventSyntaxError(`${message} at position ${this.pos}`);
  }

  private space(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === SPACE || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++this.pos);
  }

  private value(node: PathNode, trail: number[] | null, leaves: EventLeaves): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_OBJECT) {
      if (node.children.size === 0) this.skip();
      else this.object(node, trail, leaves);
    } else if (c === OPEN_ARRAY) {
      this.array(node, trail, leaves);
    } else if (node.fieldId === NO_FIELD) {
      this.skip();
    } else {
      leaves.add(node.fieldId, this.scalar(), trail);
    }
  }

  private object(node: PathNode, trail: number[] | null, leaves: EventLeaves): void {
    const text = this.text;
    this.pos++;
    if (text.charCodeAt(this.pos) <= SPACE) this.space();
    if (text.charCodeAt(this.pos) === CLOSE_OBJECT) {
      this.pos++;
      return;
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== QUOTE) this.fail("Expected a field name");
      const child = this.fieldChild(node);
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
      if (text.charCodeAt(this.pos) !== COLON) this.fail("Expected ':'");
      this.pos++;
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
      if (child === undefined) this.skip();
      else this.value(child, trail, leaves);
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
      const c = text.charCodeAt(this.pos++);
      if (c === CLOSE_OBJECT) return;
      if (c !== COMMA) this.fail("Expected ',' or '}'");
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
    }
  }

  /**
   * Reads a field name and returns the trie child it leads to. Plain names are compared against the
   * node's children in place (no string is built); names with escapes or dots take the slow path.
   */
  private fieldChild(node: PathNode): PathNode | undefined {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let plain = true;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c === DOT) {
        plain = false;
        if (c === BACKSLASH) i++;
      } else if (Number.isNaN(c)) {
        this.fail("Unterminated field name");
      }
      i++;
    }
    this.pos = i + 1;
    if (!plain) return descend(node, this.decode(start, i));
    const candidates = node.childrenByLength[i - start];
    if (candidates === undefined) return undefined;
    for (let k = 0; k < candidates.length; k++) {
      const candidate = candidates[k] as { key: string; node: PathNode };
      if (text.startsWith(candidate.key, start)) return candidate.node;
    }
    return undefined;
  }

  private decode(start: number, end: number): string {
    try {
      return JSON.parse(this.text.slice(start - 1, end + 1)) as string;
    } catch {
      return this.fail("Invalid string escape");
    }
  }

  private array(node: PathNode, trail: number[] | null, leaves: EventLeaves): void {
    const text = this.text;
    const arrayId = this.nextArrayId++;
    this.pos++;
    if (text.charCodeAt(this.pos) <= SPACE) this.space();
    if (text.charCodeAt(this.pos) === CLOSE_ARRAY) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(node, trail === null ? [arrayId, index] : [...trail, arrayId, index], leaves);
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
      const c = text.charCodeAt(this.pos++);
      if (c === CLOSE_ARRAY) return;
      if (c !== COMMA) this.fail("Expected ',' or ']'");
      if (text.charCodeAt(this.pos) <= SPACE) this.space();
    }
  }

  /** Reads a string value starting at its opening quote, decoding escapes only when there are some. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      } else if (Number.isNaN(c)) {
        this.fail("Unterminated string");
      }
      i++;
    }
    this.pos = i + 1;
    return escaped ? this.decode(start, i) : text.slice(start, i);
  }

  private scalar(): LeafValue {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === QUOTE) return this.string();
    if (c === 0x74 && text.startsWith("true", this.pos)) return this.literal(4, true);
    if (c === 0x66 && text.startsWith("false", this.pos)) return this.literal(5, false);
    if (c === 0x6e && text.startsWith("null", this.pos)) return this.literal(4, null);
    const start = this.pos;
    let i = start;
    while (isNumberChar(text.charCodeAt(i))) i++;
    const number = i > start ? Number(text.slice(start, i)) : Number.NaN;
    if (Number.isNaN(number)) this.fail("Invalid value");
    this.pos = i;
    return number;
  }

  private literal(length: number, value: boolean | null): boolean | null {
    this.pos += length;
    return value;
  }

  /** Steps over one value without decoding it, checking only that brackets balance. */
  private skip(): void {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === QUOTE) {
      this.pos = this.stringEnd(this.pos + 1) + 1;
      return;
    }
    if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
      this.scalar();
      return;
    }
    let depth = 0;
    let i = this.pos;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = this.stringEnd(i + 1);
      } else if (d === OPEN_OBJECT || d === OPEN_ARRAY) {
        depth++;
      } else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        if (--depth === 0) {
          this.pos = i + 1;
          return;
        }
      } else if (Number.isNaN(d)) {
        this.pos = i;
        this.fail("Unterminated object or array");
      }
      i++;
    }
  }

  /** The index of the quote closing a string whose content starts at `from`. */
  private stringEnd(from: number): number {
    const text = this.text;
    let i = text.indexOf('"', from);
    for (;;) {
      if (i < 0) {
        this.pos = text.length;
        this.fail("Unterminated string");
      }
      let backslashes = 0;
      while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return i;
      i = text.indexOf('"', i + 1);
    }
  }
}
