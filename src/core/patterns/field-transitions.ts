import { parseIpv4Number } from "./cidr.js";
import { comparableKey, exactNumberKey, isComparable } from "./comparable-number.js";
import { IntervalIndex } from "./interval-index.js";
import { foldCase, type LeafValue, type Matcher, matcherAccepts } from "./matchers.js";

/** Shared empty list, replaced on first use. */
const NONE: never[] = [];

/** A matcher that must still be tried against a value, and where it leads. */
interface Candidate<State> {
  readonly matcher: Matcher;
  readonly target: State;
}

/**
 * Where one automaton state goes on one field: each distinct OR-list of matchers leads to its own next
 * state. Equality-like matchers are indexed by value so a lookup costs the same however many rules
 * share the state; the rest (ranges, wildcards, anything-but, exists) are checked one by one.
 */
export class FieldTransitions<State> {
  /** Next state per distinct matcher list (keyed by its canonical text), with a reference count. */
  readonly entries = new Map<string, { target: State; matchers: readonly Matcher[]; references: number }>();
  /** Targets reached when the field is absent (an `exists: false` in the list). */
  absent: State[] = NONE;
  private strings?: Map<string, State[]>;
  private numbers?: Map<number | string, State[]>;
  private literals?: Map<boolean | null, State[]>;
  private foldedStrings?: Map<string, State[]>;
  private prefixes?: AffixIndex<State>;
  private suffixes?: AffixIndex<State>;
  private foldedPrefixes?: AffixIndex<State>;
  private foldedSuffixes?: AffixIndex<State>;
  private numericRanges?: IntervalIndex<State>;
  private ipv4Ranges?: IntervalIndex<State>;
  /** Wildcards filed under their literal head (or tail), so only plausible ones are tried. */
  private wildcardHeads?: AffixIndex<Candidate<State>>;
  private wildcardTails?: AffixIndex<Candidate<State>>;
  // Allocated on first use: most transitions hold one kind of matcher, and memory per rule counts.
  private scanned?: Candidate<State>[];
  private candidates?: Candidate<State>[];
  private registered?: Candidate<State>[];

  /** Whether no rule uses this field here any more. */
  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  /** Registers every matcher of a list as a way to `target`. */
  register(matchers: readonly Matcher[], target: State): void {
    for (const matcher of matchers) this.index(matcher, target, true);
  }

  /** Removes what `register` added. */
  unregister(matchers: readonly Matcher[], target: State): void {
    for (const matcher of matchers) this.index(matcher, target, false);
  }

  /** Appends to `out` every target one leaf value leads to (a target may appear more than once). */
  lookup(value: LeafValue, out: State[]): void {
    if (typeof value === "string") {
      pushAll(out, this.strings?.get(value));
      if (
        this.foldedStrings !== undefined ||
        this.foldedPrefixes !== undefined ||
        this.foldedSuffixes !== undefined
      ) {
        const folded = foldCase(value);
        pushAll(out, this.foldedStrings?.get(folded));
        this.foldedPrefixes?.lookup(folded, out);
        this.foldedSuffixes?.lookup(folded, out);
      }
      this.prefixes?.lookup(value, out);
      this.suffixes?.lookup(value, out);
      if (this.ipv4Ranges !== undefined) {
        const address = parseIpv4Number(value);
        if (address !== undefined) this.ipv4Ranges.lookup(address, out);
      }
      if (this.wildcardHeads !== undefined || this.wildcardTails !== undefined) {
        this.candidates ??= [];
        const candidates = this.candidates;
        if (candidates.length > 0) candidates.length = 0;
        this.wildcardHeads?.lookup(value, candidates);
        this.wildcardTails?.lookup(value, candidates);
        for (const { matcher, target } of candidates) if (matcherAccepts(matcher, value)) out.push(target);
      }
    } else if (typeof value === "number") {
      pushAll(out, this.numbers?.get(exactNumberKey(value)));
      if (this.numericRanges !== undefined && isComparable(value))
        this.numericRanges.lookup(comparableKey(value), out);
    } else {
      pushAll(out, this.literals?.get(value));
    }
    if (this.scanned === undefined) return;
    for (const { matcher, target } of this.scanned) {
      if (matcherAccepts(matcher, value)) out.push(target);
    }
  }

  private index(matcher: Matcher, target: State, add: boolean): void {
    switch (matcher.kind) {
      case "exact-string":
        this.strings ??= new Map();
        edit(this.strings, matcher.value, target, add);
        break;
      case "exact-number":
        this.numbers ??= new Map();
        edit(this.numbers, matcher.key, target, add);
        break;
      case "exact-literal":
        this.literals ??= new Map();
        edit(this.literals, matcher.value, target, add);
        break;
      case "equals-ignore-case":
        this.foldedStrings ??= new Map();
        edit(this.foldedStrings, matcher.value, target, add);
        break;
      case "prefix":
        this.affixIndex(matcher.ignoreCase ? "foldedPrefixes" : "prefixes").edit(matcher.value, target, add);
        break;
      case "suffix":
        this.affixIndex(matcher.ignoreCase ? "foldedSuffixes" : "suffixes").edit(matcher.value, target, add);
        break;
      case "numeric":
        this.numericRanges ??= new IntervalIndex();
        if (add)
          this.numericRanges.add(matcher.lower, matcher.lowerOpen, matcher.upper, matcher.upperOpen, target);
        else this.numericRanges.remove(matcher.lower, matcher.upper, target);
        break;
      case "cidr":
        if (matcher.range.family === 4) {
          this.ipv4Ranges ??= new IntervalIndex();
          const { firstNumber, lastNumber } = matcher.range;
          if (add) this.ipv4Ranges.add(firstNumber, false, lastNumber, false, target);
          else this.ipv4Ranges.remove(firstNumber, lastNumber, target);
        } else {
          this.scan(matcher, target, add);
        }
        break;
      case "wildcard": {
        const { segments } = matcher.pattern;
        const head = segments[0] ?? "";
        const tail = segments[segments.length - 1] ?? "";
        if (segments.length > 1 && head !== "") {
          this.wildcardHeads ??= new AffixIndex(false);
          this.wildcardHeads.edit(head, this.candidate(matcher, target, add), add);
        } else if (segments.length > 1 && tail !== "") {
          this.wildcardTails ??= new AffixIndex(true);
          this.wildcardTails.edit(tail, this.candidate(matcher, target, add), add);
        } else {
          this.scan(matcher, target, add);
        }
        break;
      }
      default:
        if (matcher.kind === "exists" && !matcher.exists) {
          if (this.absent === NONE) this.absent = [];
          editList(this.absent, target, add);
        } else this.scan(matcher, target, add);
    }
  }

  /** The candidate record for a matcher and target; removal finds the one registered. */
  private candidate(matcher: Matcher, target: State, add: boolean): Candidate<State> {
    this.registered ??= [];
    const known = this.registered.find((c) => c.matcher === matcher && c.target === target);
    if (known !== undefined) {
      if (!add) this.registered.splice(this.registered.indexOf(known), 1);
      return known;
    }
    const created = { matcher, target };
    if (add) this.registered.push(created);
    return created;
  }

  private scan(matcher: Matcher, target: State, add: boolean): void {
    this.scanned ??= [];
    if (add) this.scanned.push({ matcher, target });
    else this.scanned = this.scanned.filter((entry) => entry.matcher !== matcher || entry.target !== target);
  }

  private affixIndex(name: "prefixes" | "suffixes" | "foldedPrefixes" | "foldedSuffixes"): AffixIndex<State> {
    this[name] ??= new AffixIndex(name === "suffixes" || name === "foldedSuffixes");
    return this[name];
  }
}

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
class AffixIndex<T> {
  private readonly byText = new Map<string, Affix<T>>();
  private readonly byHash = new Map<number, Affix<T>[]>();
  /** How many affixes have each length; lookups only stop at lengths that occur. */
  private readonly lengthCounts: number[] = [];
  private maxLength = -1;

  constructor(private readonly fromEnd: boolean) {}

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

function pushAll<State>(out: State[], targets: readonly State[] | undefined): void {
  if (targets === undefined) return;
  for (const target of targets) out.push(target);
}

function edit<K, State>(map: Map<K, State[]>, key: K, target: State, add: boolean): void {
  const list = map.get(key);
  if (add) {
    if (list === undefined) map.set(key, [target]);
    else list.push(target);
    return;
  }
  if (list === undefined) return;
  editList(list, target, false);
  if (list.length === 0) map.delete(key);
}

function editList<State>(list: State[], target: State, add: boolean): void {
  if (add) {
    list.push(target);
    return;
  }
  const at = list.indexOf(target);
  if (at >= 0) list.splice(at, 1);
}
