import { type CompiledPattern, compileEventPattern, type FieldCondition } from "./compile-pattern.js";
import { EventScanner } from "./event-scanner.js";
import type { FieldTransitions } from "./field-transitions.js";
import { MatchState } from "./match-state.js";
import type { LeafValue, Matcher } from "./matchers.js";
import {
  chooseTrail,
  createPathNode,
  EventLeaves,
  insertPath,
  NO_FIELD,
  type PathNode,
  trailFits,
} from "./path-trie.js";

/** A field of a stored rule, reduced to what the automaton needs (matchers shared between rules). */
interface StoredField {
  readonly fieldId: number;
  readonly key: string;
  readonly matchers: readonly Matcher[];
  readonly allowsAbsence: boolean;
}

/** A shared matcher list, with the number of stored fields using it. */
interface SharedCondition {
  readonly key: string;
  readonly matchers: readonly Matcher[];
  uses: number;
}

interface RuleRecord {
  /** Per sub-rule, its fields in the order of its current path through the automaton. */
  subRules: StoredField[][];
}

/**
 * Many event patterns, matched at once: the ids of the rules an event matches, at a cost that depends
 * on the event and the conditions it meets, not on the number of rules. Adding and removing a rule
 * touches only that rule's path through the automaton.
 * @example
 * const rules = createRuleSet<string>();
 * rules.add("big-orders", compileEventPattern('{"detail": {"total": [{"numeric": [">", 100]}]}}'));
 * rules.matchJson('{"detail": {"total": 250}}'); // ["big-orders"]
 */
export class RuleSet<Id = string> {
  private readonly root = new MatchState<Id>();
  private readonly paths = createPathNode();
  private readonly fieldIds = new Map<string, number>();
  private readonly rules = new Map<Id, RuleRecord>();
  private readonly leaves = new EventLeaves();
  private readonly scanner = new EventScanner();
  private readonly targets: MatchState<Id>[] = [];
  private readonly pendingStates: MatchState<Id>[] = [];
  private readonly pendingTrails: (number[] | null)[] = [];
  /** Per field id: how many stored fields hold each distinct condition on it (the planner's statistics). */
  private readonly conditionCounts: (Map<string, number> | undefined)[] = [];
  /** Per field id: how many sub-rules name it; with `subRuleCount`, which fields nearly every rule names. */
  private readonly fieldUses: number[] = [];
  private subRuleCount = 0;
  /** Matcher lists shared by every rule holding the same condition. */
  private readonly conditions = new Map<string, SharedCondition>();
  private plannedSize = 0;
  private matchRound = 0;

  /** How many rules the set holds. */
  get size(): number {
    return this.rules.size;
  }

  /** Whether a rule with this id is in the set. */
  has(id: Id): boolean {
    return this.rules.has(id);
  }

  /** Adds a rule (replacing one with the same id). */
  add(id: Id, pattern: CompiledPattern): void {
    if (this.rules.has(id)) this.remove(id);
    const subRules = pattern.subRules.map((subRule) => subRule.fields.map((field) => this.store(field)));
    const record: RuleRecord = { subRules };
    this.countConditions(record, 1);
    this.rules.set(id, record);
    this.insert(id, record);
    if (this.rules.size >= REPLAN_MINIMUM && this.rules.size >= 2 * this.plannedSize) this.replan();
  }

  /** Removes a rule; returns whether it was there. */
  remove(id: Id): boolean {
    const record = this.rules.get(id);
    if (record === undefined) return false;
    this.withdraw(id, record);
    this.countConditions(record, -1);
    for (const fields of record.subRules) for (const field of fields) this.release(field.key);
    this.rules.delete(id);
    return true;
  }

  /** Per sub-rule of a rule, the paths of its fields in the order they are tested (how it was planned). */
  testOrderOf(id: Id): string[][] | undefined {
    const record = this.rules.get(id);
    if (record === undefined) return undefined;
    const paths = new Map([...this.fieldIds].map(([path, fieldId]) => [fieldId, path]));
    return record.subRules.map((fields) => fields.map((field) => paths.get(field.fieldId) as string));
  }

  /**
   * Rebuilds the automaton with every rule's fields in the current best order. Runs by itself each
   * time the rule count doubles; rules added early were ordered with little knowledge of the rest.
   */
  replan(): void {
    for (const [id, record] of this.rules) this.withdraw(id, record);
    for (const [id, record] of this.rules) this.insert(id, record);
    this.plannedSize = this.rules.size;
  }

  /** Reduces a compiled field to what is stored, sharing its matcher list with equal conditions. */
  private store(field: FieldCondition): StoredField {
    let shared = this.conditions.get(field.conditionKey);
    if (shared === undefined) {
      shared = { key: field.conditionKey, matchers: field.matchers, uses: 0 };
      this.conditions.set(shared.key, shared);
    }
    shared.uses++;
    return {
      fieldId: this.fieldIdOf(field),
      key: shared.key,
      matchers: shared.matchers,
      allowsAbsence: field.allowsAbsence,
    };
  }

  private release(key: string): void {
    const shared = this.conditions.get(key);
    if (shared !== undefined && --shared.uses === 0) this.conditions.delete(key);
  }

  /**
   * The order a sub-rule's fields are tested in — its path through the automaton. The answer does not
   * depend on it, the cost does: every field a state leads on by is one index lookup for every event
   * that reaches the state. A field nearly every rule names (a source) goes first: it costs one lookup
   * and leaves each event a fraction of the rules, with no further field at the root. Then a field on
   * which the rules hold many different conditions (an id, an order-number prefix) goes before one with
   * a handful (a currency), so most rules are left behind after one lookup. Fields absence can satisfy
   * stay last, as the pattern orders them.
   */
  private testOrder(fields: readonly StoredField[]): StoredField[] {
    const distinct = (field: StoredField) => this.conditionCounts[field.fieldId]?.size ?? 0;
    const leads = (field: StoredField) =>
      !field.allowsAbsence &&
      distinct(field) >= 2 &&
      (this.fieldUses[field.fieldId] ?? 0) >= LEADING_FIELD_SHARE * this.subRuleCount;
    return [...fields].sort((a, b) => {
      if (a.allowsAbsence || b.allowsAbsence)
        return a.allowsAbsence === b.allowsAbsence ? 0 : a.allowsAbsence ? 1 : -1;
      const leading = Number(leads(b)) - Number(leads(a));
      return leading || distinct(b) - distinct(a) || a.fieldId - b.fieldId;
    });
  }

  private countConditions(record: RuleRecord, delta: 1 | -1): void {
    this.subRuleCount += delta * record.subRules.length;
    for (const fields of record.subRules) {
      for (const field of fields) {
        this.fieldUses[field.fieldId] = (this.fieldUses[field.fieldId] ?? 0) + delta;
        let counts = this.conditionCounts[field.fieldId];
        if (counts === undefined) {
          counts = new Map();
          this.conditionCounts[field.fieldId] = counts;
        }
        const count = (counts.get(field.key) ?? 0) + delta;
        if (count > 0) counts.set(field.key, count);
        else counts.delete(field.key);
      }
    }
  }

  /** Lays the rule's sub-rules into the automaton, each in its current test order (kept on the record). */
  private insert(id: Id, record: RuleRecord): void {
    record.subRules = record.subRules.map((fields) => this.testOrder(fields));
    for (const fields of record.subRules) {
      let state = this.root;
      for (const field of fields) {
        const transitions = state.openTransitions(field.fieldId);
        let entry = transitions.entry(field.key);
        if (entry === undefined) {
          entry = { target: new MatchState<Id>(), matchers: field.matchers, references: 0 };
          transitions.addEntry(field.key, entry);
          if (field.allowsAbsence) state.markAbsence(field.fieldId);
        }
        entry.references++;
        state = entry.target;
      }
      state.accept(id);
    }
  }

  /** Takes the rule's sub-rules out, walking the same paths `insert` laid (the record keeps their order). */
  private withdraw(id: Id, record: RuleRecord): void {
    for (const fields of record.subRules) {
      const path: {
        state: MatchState<Id>;
        transitions: FieldTransitions<MatchState<Id>>;
        field: StoredField;
      }[] = [];
      let state = this.root;
      for (const field of fields) {
        const transitions = state.transitionsOn(field.fieldId);
        const entry = transitions?.entry(field.key);
        if (transitions === undefined || entry === undefined) break;
        path.push({ state, transitions, field });
        state = entry.target;
      }
      if (path.length === fields.length) state.unaccept(id);
      for (const { state: from, transitions, field } of path) {
        const entry = transitions.entry(field.key);
        if (entry === undefined || --entry.references > 0) continue;
        transitions.deleteEntry(field.key);
        if (transitions.absent.length === 0) from.clearAbsence(field.fieldId);
        if (transitions.isEmpty) from.closeTransitions(field.fieldId);
      }
    }
  }

  /** The ids of the rules a parsed event matches, each once, in no particular order. */
  match(event: unknown): Id[] {
    this.leaves.reset();
    this.leaves.collect(this.paths, event);
    return this.matchLeaves();
  }

  /**
   * Matches event JSON text, reading only the fields rules refer to. Throws EventSyntaxError when the
   * text is not a JSON object.
   */
  matchJson(text: string): Id[] {
    this.leaves.reset();
    this.scanner.scan(text, this.paths, this.leaves);
    return this.matchLeaves();
  }

  private matchLeaves(): Id[] {
    const round = ++this.matchRound;
    const leaves = this.leaves;
    const matched: Id[] = [];
    // The work stack is reused across events (matching is synchronous, so never shared).
    const states = this.pendingStates;
    const chosen = this.pendingTrails;
    states.push(this.root);
    chosen.push(null);
    this.root.visitedIn = round;

    while (states.length > 0) {
      const state = states.pop() as MatchState<Id>;
      const trail = chosen.pop() as number[] | null;
      if (state.accepts.length > 0) {
        for (const id of state.accepts) if (!matched.includes(id)) matched.push(id);
      }

      if (state.soleTransitions !== undefined) {
        this.follow(state.soleFieldId, state.soleTransitions, trail, round);
      } else if (state.fields !== undefined) {
        const { fieldIds, transitions } = state.fields;
        if (fieldIds.length <= leaves.present.length) {
          for (let f = 0; f < fieldIds.length; f++)
            this.follow(
              fieldIds[f] as number,
              transitions[f] as FieldTransitions<MatchState<Id>>,
              trail,
              round,
            );
        } else {
          for (const fieldId of leaves.present) {
            const fieldTransitions = state.fields.byField.get(fieldId);
            if (fieldTransitions !== undefined) this.follow(fieldId, fieldTransitions, trail, round);
          }
        }
      }

      if (state.absenceFields.length === 0) continue;
      for (const fieldId of state.absenceFields) {
        if (hasFittingLeaf(leaves, fieldId, trail)) continue;
        const transitions = state.transitionsOn(fieldId);
        if (transitions === undefined) continue;
        for (const target of transitions.absent) {
          if (trail === null) {
            if (target.visitedIn === round) continue;
            target.visitedIn = round;
          }
          states.push(target);
          chosen.push(trail);
        }
      }
    }
    return matched;
  }

  /** Follows one field's transitions from a state for every fitting leaf of the event. */
  private follow(
    fieldId: number,
    transitions: FieldTransitions<MatchState<Id>>,
    trail: number[] | null,
    round: number,
  ): void {
    const leaves = this.leaves;
    const count = leaves.countOf(fieldId);
    if (count === 0) return;
    const values = leaves.valuesOf(fieldId);
    const trails = leaves.trailsOf(fieldId);
    const targets = this.targets;
    for (let i = 0; i < count; i++) {
      const leafTrail = trails[i] as number[] | null;
      if (!trailFits(trail, leafTrail)) continue;
      if (targets.length > 0) targets.length = 0;
      transitions.lookup(values[i] as LeafValue, targets);
      if (targets.length === 0) continue;
      const next = chooseTrail(trail, leafTrail);
      for (const target of targets) {
        // With no array element chosen, a state needs visiting once per event.
        if (next === null) {
          if (target.visitedIn === round) continue;
          target.visitedIn = round;
        }
        this.pendingStates.push(target);
        this.pendingTrails.push(next);
      }
    }
  }

  private fieldIdOf(field: FieldCondition): number {
    let id = this.fieldIds.get(field.pathKey);
    if (id === undefined) {
      id = this.fieldIds.size;
      this.fieldIds.set(field.pathKey, id);
      const node: PathNode = insertPath(this.paths, field.path);
      if (node.fieldId === NO_FIELD) node.fieldId = id;
    }
    return id;
  }
}

function hasFittingLeaf(leaves: EventLeaves, fieldId: number, trail: number[] | null): boolean {
  const count = leaves.countOf(fieldId);
  const trails = leaves.trailsOf(fieldId);
  for (let i = 0; i < count; i++) if (trailFits(trail, trails[i] as number[] | null)) return true;
  return false;
}

/**
 * A field named by at least this share of the sub-rules is tested first. Not all: one rule without a
 * source must not send every other rule back to the root. Not much less: the rules without the field
 * keep their own fields at the root, and each of those is another lookup for every event (at 90%, ten
 * thousand shop rules matched 15% slower than without leading fields).
 */
const LEADING_FIELD_SHARE = 0.99;

/** Rule counts below this never trigger a replan (at 100 rules, planned paths already match 5% faster). */
const REPLAN_MINIMUM = 32;

/** Creates an empty RuleSet. */
export function createRuleSet<Id = string>(): RuleSet<Id> {
  return new RuleSet<Id>();
}

/** Whether one event matches one pattern (TestEventPattern's question). */
export function matchesPattern(pattern: CompiledPattern | string, event: unknown): boolean {
  const compiled = typeof pattern === "string" ? compileEventPattern(pattern) : pattern;
  const rules = new RuleSet<number>();
  rules.add(0, compiled);
  return rules.match(event).length > 0;
}
