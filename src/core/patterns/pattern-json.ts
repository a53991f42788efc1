import { InvalidEventPatternError } from "./invalid-event-pattern-error.js";

/**
 * A number in a pattern that a double cannot hold (it overflows to infinity or underflows to zero).
 * AWS keeps such a number as text: it still matches its own spelling, but numeric operators reject it.
 */
export class UnrepresentableNumber {
  constructor(readonly text: string) {}
}

/** A pattern value as read from its text: JSON, with unrepresentable numbers kept apart. */
export type PatternValue =
  | string
  | number
  | boolean
  | null
  | UnrepresentableNumber
  | PatternValue[]
  | { [key: string]: PatternValue };

const EXPECTING_VALUE =
  "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/**
 * Reads pattern text strictly. AWS parses patterns with Jackson, so syntax errors are reported in
 * Jackson's words ("Unrecognized token 'x': …"); duplicate keys keep the last value, as AWS does.
 */
export function readPatternText(text: string): PatternValue {
  const reader = new Reader(text);
  reader.skipSpace();
  const value = reader.value();
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail(reader.unexpected("expected end of input"));
  return value;
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(reason: string): never {
    throw new InvalidEventPatternError(reason, { position: this.pos });
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  unexpected(expecting: string): string {
    const c = this.text[this.pos];
    if (c === undefined) return `Unexpected end-of-input: ${expecting}`;
    return `Unexpected character ('${c}' (code ${c.charCodeAt(0)})): ${expecting}`;
  }

  value(): PatternValue {
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    return this.keyword();
  }

  private keyword(): PatternValue {
    const match = /^[A-Za-z0-9_$]+/.exec(this.text.slice(this.pos));
    const word = match?.[0];
    if (word === "true" || word === "false" || word === "null") {
      this.pos += word.length;
      return word === "null" ? null : word === "true";
    }
    if (word !== undefined) this.fail(`Unrecognized token '${word}': ${EXPECTING_VALUE}`);
    this.fail(
      this.unexpected(
        "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      ),
    );
  }

  private object(): { [key: string]: PatternValue } {
    this.pos++;
    const result: { [key: string]: PatternValue } = {};
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(this.unexpected("was expecting double-quote to start field name"));
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ":")
        this.fail(this.unexpected("was expecting a colon to separate field name and value"));
      this.pos++;
      this.skipSpace();
      // defineProperty keeps a key named "__proto__" an ordinary field, as JSON has it.
      Object.defineProperty(result, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "}") return result;
      if (next !== ",") {
        this.pos--;
        this.fail(this.unexpected("was expecting comma to separate Object entries"));
      }
    }
  }

  private array(): PatternValue[] {
    this.pos++;
    const result: PatternValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.value());
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === "]") return result;
      if (next !== ",") {
        this.pos--;
        this.fail(this.unexpected("was expecting comma to separate Array entries"));
      }
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c))
        this.fail("Unexpected end-of-input: was expecting closing quote for a string value");
      if (c === 0x22) break;
      if (c < 0x20)
        this.fail(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash`);
      this.pos += c === 0x5c ? 2 : 1;
    }
    this.pos++;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      this.pos = start;
      return this.fail("Unrecognized character escape in string value");
    }
  }

  private number(): number | UnrepresentableNumber {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (match === null)
      this.fail(this.unexpected("expected digit (0-9) to follow minus sign, for valid numeric value"));
    const text = match[0];
    this.pos += text.length;
    const value = Number(text);
    const mantissaIsZero = /^-?0*\.?0*$/.test(text.replace(/[eE].*$/, ""));
    if (!Number.isFinite(value) || (value === 0 && !mantissaIsZero)) return new UnrepresentableNumber(text);
    return value;
  }
}
