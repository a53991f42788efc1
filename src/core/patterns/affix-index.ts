import { editList, pushAll } from "./target-lists.js";

/** The items filed under one prefix (or suffix) text. */
interface Affix<T> {
  readonly text: string;
  /** The running hash of the text, mixed with its length: the key it is filed under. */
  readonly key: number;
  readonly items: T[];
}

const EMPTY = 0;
const LIVE = 1;
const REMOVED = 2;
const FIRST_CAPACITY = 8;

/**
 * Prefixes (or suffixes) found without building strings: one pass over the value's characters keeps
 * a running hash, and at each length some affix has, the hash is looked up, and the affixes filed under
 * it compared. Suffixes hash from the last character backwards.
 *
 * Most lengths probed find nothing (an e-mail suffix index stops at twenty lengths for one hit), so the
 * keys live in an open-addressed table of typed arrays: a miss costs one array read, where a Map of
 * numbers costs a hash-table call.
 */
export class AffixIndex<T> {
  private readonly byText = new Map<string, Affix<T>>();
  /** Per slot: EMPTY, LIVE or REMOVED (a removed slot keeps probe chains that pass it intact). */
  private marks = new Uint8Array(FIRST_CAPACITY);
  private keys = new Int32Array(FIRST_CAPACITY);
  private entries: (Affix<T> | undefined)[] = new Array(FIRST_CAPACITY);
  /** Slots not EMPTY; the table grows (or is swept of removed slots) before half are. */
  private occupied = 0;
  /** 32 minus log2 of the capacity: how far `home` shifts. */
  private shift = 32 - Math.log2(FIRST_CAPACITY);
  /** How many affixes have each length; lookups only stop at lengths that occur. */
  private lengthCounts = new Int32Array(0);
  private maxLength = -1;

  constructor(private readonly fromEnd: boolean) {}

  /** Files (or, with add false, withdraws) an item under an affix text. */
  edit(text: string, item: T, add: boolean): void {
    let affix = this.byText.get(text);
    if (affix === undefined) {
      if (!add) return;
      affix = { text, key: this.keyOf(text), items: [] };
      this.place(affix); // before it joins byText: a rebuild on the way refiles byText only
      this.byText.set(text, affix);
      this.countLength(text.length, 1);
    }
    editList(affix.items, item, add);
    if (affix.items.length === 0) {
      this.byText.delete(text);
      this.unplace(affix);
      this.countLength(text.length, -1);
    }
  }

  /** Appends the items of every affix the value starts (or ends) with. */
  lookup(value: string, out: T[]): void {
    const lengthCounts = this.lengthCounts;
    const limit = Math.min(this.maxLength, value.length);
    const last = value.length - 1;
    let hash = 0;
    for (let length = 0; length <= limit; length++) {
      if (length > 0) {
        const code = value.charCodeAt(this.fromEnd ? last - (length - 1) : length - 1);
        hash = (Math.imul(hash, 31) + code) | 0;
      }
      if (lengthCounts[length] !== 0) this.probe(value, hash ^ length, length, out);
    }
  }

  private probe(value: string, key: number, length: number, out: T[]): void {
    const marks = this.marks;
    const mask = marks.length - 1;
    for (let slot = this.home(key); ; slot = (slot + 1) & mask) {
      const mark = marks[slot];
      if (mark === EMPTY) return;
      if (mark !== LIVE || this.keys[slot] !== key) continue;
      const affix = this.entries[slot] as Affix<T>;
      if (affix.text.length !== length) continue;
      if (this.fromEnd ? value.endsWith(affix.text) : value.startsWith(affix.text)) pushAll(out, affix.items);
    }
  }

  /** The first slot to try for a key (Fibonacci hashing: the high bits of a multiply spread neighbours). */
  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  private place(affix: Affix<T>): void {
    if (2 * (this.occupied + 1) > this.marks.length) this.rebuild();
    const mask = this.marks.length - 1;
    let slot = this.home(affix.key);
    while (this.marks[slot] === LIVE) slot = (slot + 1) & mask;
    if (this.marks[slot] === EMPTY) this.occupied++;
    this.marks[slot] = LIVE;
    this.keys[slot] = affix.key;
    this.entries[slot] = affix;
  }

  private unplace(affix: Affix<T>): void {
    const mask = this.marks.length - 1;
    for (let slot = this.home(affix.key); this.marks[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.entries[slot] !== affix) continue;
      this.marks[slot] = REMOVED;
      this.entries[slot] = undefined;
      return;
    }
  }

  /** Refiles every affix into a table at most a quarter full, dropping removed slots. */
  private rebuild(): void {
    let capacity = FIRST_CAPACITY;
    while (capacity < 4 * (this.byText.size + 1)) capacity *= 2;
    this.shift = 32 - Math.log2(capacity);
    this.marks = new Uint8Array(capacity);
    this.keys = new Int32Array(capacity);
    this.entries = new Array(capacity);
    this.occupied = 0;
    for (const affix of this.byText.values()) this.place(affix);
  }

  private countLength(length: number, delta: 1 | -1): void {
    if (length >= this.lengthCounts.length) {
      const grown = new Int32Array(length + 1);
      grown.set(this.lengthCounts);
      this.lengthCounts = grown;
    }
    (this.lengthCounts[length] as number) += delta;
    if (delta > 0) this.maxLength = Math.max(this.maxLength, length);
    else while (this.maxLength >= 0 && this.lengthCounts[this.maxLength] === 0) this.maxLength--;
  }

  private keyOf(text: string): number {
    let hash = 0;
    for (let i = 1; i <= text.length; i++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(this.fromEnd ? text.length - i : i - 1)) | 0;
    }
    return hash ^ text.length;
  }
}
