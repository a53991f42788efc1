import { editList, pushAll } from "./target-lists.js";

/** The items filed under one prefix (or suffix) text. */
interface Affix<T> {
  readonly text: string;
  readonly items: T[];
}

/**
 * Prefixes (or suffixes) found without building strings: one pass over the value's characters keeps
 * a running hash, and at each length some affix has, the hash picks the candidates, which are then
 * compared. Suffixes hash from the last character backwards.
 */
export class AffixIndex<T> {
  private readonly byText = new Map<string, Affix<T>>();
  private readonly byHash = new Map<number, Affix<T>[]>();
  /** How many affixes have each length; lookups only stop at lengths that occur. */
  private readonly lengthCounts: number[] = [];
  private maxLength = -1;

  constructor(private readonly fromEnd: boolean) {}

  /** Files (or, with add false, withdraws) an item under an affix text. */
  edit(text: string, item: T, add: boolean): void {
    let affix = this.byText.get(text);
    if (affix === undefined) {
      if (!add) return;
      affix = { text, items: [] };
      this.byText.set(text, affix);
      const hash = this.hashOf(text, text.length);
      const bucket = this.byHash.get(hash);
      if (bucket === undefined) this.byHash.set(hash, [affix]);
      else bucket.push(affix);
      this.lengthCounts[text.length] = (this.lengthCounts[text.length] ?? 0) + 1;
      this.maxLength = Math.max(this.maxLength, text.length);
    }
    editList(affix.items, item, add);
    if (affix.items.length === 0) {
      this.byText.delete(text);
      const hash = this.hashOf(text, text.length);
      const bucket = (this.byHash.get(hash) ?? []).filter((candidate) => candidate !== affix);
      if (bucket.length === 0) this.byHash.delete(hash);
      else this.byHash.set(hash, bucket);
      this.lengthCounts[text.length] = (this.lengthCounts[text.length] ?? 1) - 1;
    }
  }

  /** Appends the items of every affix the value starts (or ends) with. */
  lookup(value: string, out: T[]): void {
    const limit = Math.min(this.maxLength, value.length);
    let hash = 0;
    for (let length = 0; length <= limit; length++) {
      if (length > 0) {
        const code = value.charCodeAt(this.fromEnd ? value.length - length : length - 1);
        hash = (Math.imul(hash, 31) + code) | 0;
      }
      if (!this.lengthCounts[length]) continue;
      const bucket = this.byHash.get(hash ^ length);
      if (bucket === undefined) continue;
      for (const affix of bucket) {
        if (affix.text.length !== length) continue;
        if (this.fromEnd ? value.endsWith(affix.text) : value.startsWith(affix.text))
          pushAll(out, affix.items);
      }
    }
  }

  private hashOf(text: string, length: number): number {
    let hash = 0;
    for (let i = 1; i <= length; i++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(this.fromEnd ? text.length - i : i - 1)) | 0;
    }
    return hash ^ length;
  }
}
