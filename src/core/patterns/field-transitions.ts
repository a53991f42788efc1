import type { LeafValue, Matcher } from "./matchers.js";
import { editList, pushAll } from "./target-lists.js";
import { ValueIndex } from "./value-index.js";

/** Where one distinct matcher list leads, and how many sub-rules go through it. */
export interface TransitionEntry<State> {
  readonly target: State;
  readonly matchers: readonly Matcher[];
  references: number;
}

/** Shared empty list, replaced on first use. */
const NONE: never[] = [];

/**
 * Where one automaton state goes on one field: each distinct OR-list of matchers leads to its own next
 * state. Most transitions deep in the automaton belong to a single rule with a single exact value, so
 * that case is held inline; a full ValueIndex (and a map of entries) is built only when a second
 * distinct condition arrives — memory per rule is what this class is shaped by.
 */
export class FieldTransitions<State> {
  private soleKey: string | undefined;
  private soleEntry: TransitionEntry<State> | undefined;
  private entryMap: Map<string, TransitionEntry<State>> | undefined;
  /** Targets reached when the field is absent (an `exists: false` in the list). */
  absent: State[] = NONE;
  /** The one exact string matched here while there is only one, and where it leads. */
  private soleString: string | undefined;
  private soleTargets: State[] | undefined;
  private index: ValueIndex<State> | undefined;

  /** Whether no rule uses this field here any more. */
  get isEmpty(): boolean {
    return this.soleEntry === undefined && (this.entryMap === undefined || this.entryMap.size === 0);
  }

  /** The entry of a matcher list, by its condition key. */
  entry(key: string): TransitionEntry<State> | undefined {
    if (this.soleKey === key) return this.soleEntry;
    return this.entryMap?.get(key);
  }

  /** Adds the entry of a new matcher list and files its matchers. */
  addEntry(key: string, entry: TransitionEntry<State>): void {
    if (this.soleEntry === undefined && this.entryMap === undefined) {
      this.soleKey = key;
      this.soleEntry = entry;
    } else {
      this.entryMap ??= new Map();
      if (this.soleEntry !== undefined) {
        this.entryMap.set(this.soleKey as string, this.soleEntry);
        this.soleKey = undefined;
        this.soleEntry = undefined;
      }
      this.entryMap.set(key, entry);
    }
    for (const matcher of entry.matchers) this.file(matcher, entry.target, true);
  }

  /** Removes an entry whose last sub-rule has gone, with its matchers. */
  deleteEntry(key: string): void {
    const entry = this.entry(key);
    if (entry === undefined) return;
    for (const matcher of entry.matchers) this.file(matcher, entry.target, false);
    if (this.soleKey === key) {
      this.soleKey = undefined;
      this.soleEntry = undefined;
    } else {
      this.entryMap?.delete(key);
    }
  }

  /** Appends to `out` every target one leaf value leads to (a target may appear more than once). */
  lookup(value: LeafValue, out: State[]): void {
    if (value === this.soleString) pushAll(out, this.soleTargets);
    this.index?.lookup(value, out);
  }

  private file(matcher: Matcher, target: State, add: boolean): void {
    if (matcher.kind === "exists" && !matcher.exists) {
      if (this.absent === NONE) this.absent = [];
      editList(this.absent, target, add);
      return;
    }
    if (matcher.kind === "exact-string" && this.index === undefined) {
      if (this.soleString === undefined && add) {
        this.soleString = matcher.value;
        this.soleTargets = [];
      }
      if (this.soleString === matcher.value) {
        editList(this.soleTargets as State[], target, add);
        if ((this.soleTargets as State[]).length === 0) {
          this.soleString = undefined;
          this.soleTargets = undefined;
        }
        return;
      }
    }
    if (this.index === undefined) {
      if (!add) return;
      this.index = new ValueIndex<State>();
      // Move the inline value into the index it outgrew.
      if (this.soleString !== undefined) {
        const value = this.soleString;
        for (const kept of this.soleTargets as State[])
          this.index.edit({ kind: "exact-string", value }, kept, true);
        this.soleString = undefined;
        this.soleTargets = undefined;
      }
    }
    this.index.edit(matcher, target, add);
  }
}
