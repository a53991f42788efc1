import { AffixIndex } from "./affix-index.js";
import { parseIpv4Number } from "./cidr.js";
import { comparableKey, exactNumberKey, isComparable } from "./comparable-number.js";
import { IntervalIndex } from "./interval-index.js";
import { foldCase, type LeafValue, type Matcher, matcherAccepts } from "./matchers.js";
import { edit, pushAll } from "./target-lists.js";

/** A matcher that must still be tried against a value, and where it leads. */
interface Candidate<State> {
  readonly matcher: Matcher;
  readonly target: State;
}

/**
 * The value matchers of one field at one automaton state, indexed so a lookup costs the same however
 * many rules share the state: exact values and equals-ignore-case in hash maps, prefixes and suffixes
 * by running hash, numeric ranges and IPv4 blocks in interval trees, wildcards under their literal head
 * or tail. Only anything-but, exists: true and IPv6 blocks are checked one by one.
 */
export class ValueIndex<State> {
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

  /** Files (or, with add false, withdraws) one matcher leading to `target`. */
  edit(matcher: Matcher, target: State, add: boolean): void {
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
        this.scan(matcher, target, add);
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
