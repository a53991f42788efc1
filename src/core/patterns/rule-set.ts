import { type CompiledPattern, compileEventPattern, type FieldCondition } from "./compile-pattern.js";
import { EventScanner } from "./event-scanner.js";
import { FieldTransitions } from "./field-transitions.js";
import type { LeafValue } from "./matchers.js";
import {
  chooseTrail,
  createPathNode,
  EventLeaves,
  insertPath,
  NO_FIELD,
  type PathNode,
  trailFits,
} from "./path-trie.js";

/**
 * A state of the matching automaton. A sub-rule is a path from the root, one field per step in the
 * sub-rule's field order; sub-rules with the same leading conditions share their leading states.
 */
class MatchState<Id> {
  // Collections are created on first use: most states are the end of one rule and hold almost nothing.
  fields: Map<number, FieldTransitions<MatchState<Id>>> = NO_FIELDS as unknown as Map<
    number,
    FieldTransitions<MatchState<Id>>
  >;
  /** Fields whose transitions include absence (`exists: false`). */
  absenceFields: Set<number> = NO_ABSENCE;
  /** Rules whose sub-rule ends here, once per sub-rule (an array: far smaller than a Map). */
  accepts: Id[] = NO_ACCEPTS as Id[];
  /** Marks the state as visited, with no array element chosen, while matching one event. */
  visitedIn = 0;
}

interface Step<Id> {
  readonly state: MatchState<Id>;
  readonly fieldId: number;
  readonly key: string;
}

interface RuleRecord<Id> {
  readonly pattern: CompiledPattern;
  readonly paths: Step<Id>[][];
  readonly ends: MatchState<Id>[];
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
  private readonly rules = new Map<Id, RuleRecord<Id>>();
  private readonly leaves = new EventLeaves();
  private readonly scanner = new EventScanner();
  private readonly targets: MatchState<Id>[] = [];
  private readonly pendingStates: MatchState<Id>[] = [];
  private readonly pendingTrails: (number[] | null)[] = [];
  /** Per field path: how many rules hold each distinct condition on it (the planner's statistics). */
  private readonly conditionCounts = new Map<string, Map<string, number>>();
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
    this.countConditions(pattern, 1);
    const record: RuleRecord<Id> = { pattern, paths: [], ends: [] };
    this.rules.set(id, record);
    this.insert(id, record);
    if (this.rules.size >= REPLAN_MINIMUM && this.rules.size >= 2 * this.plannedSize) this.replan();
  }

  /** Removes a rule; returns whether it was there. */
  remove(id: Id): boolean {
    const record = this.rules.get(id);
    if (record === undefined) return false;
    this.withdraw(id, record);
    this.countConditions(record.pattern, -1);
    this.rules.delete(id);
    return true;
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

  /**
   * The order a sub-rule's fields are tested in — its path through the automaton. The answer does not
   * depend on it, the cost does: a field on which the rules hold many different conditions (an id, an
   * order-number prefix) is tested before one with a handful (a currency), so most rules are left
   * behind after one index lookup. Fields absence can satisfy stay last, as the pattern orders them.
   */
  private testOrder(fields: readonly FieldCondition[]): FieldCondition[] {
    const distinct = (field: FieldCondition) => this.conditionCounts.get(field.pathKey)?.size ?? 0;
    return [...fields].sort((a, b) => {
      if (a.allowsAbsence || b.allowsAbsence)
        return a.allowsAbsence === b.allowsAbsence ? 0 : a.allowsAbsence ? 1 : -1;
      return distinct(b) - distinct(a) || (a.pathKey < b.pathKey ? -1 : a.pathKey > b.pathKey ? 1 : 0);
    });
  }

  private countConditions(pattern: CompiledPattern, delta: 1 | -1): void {
    for (const subRule of pattern.subRules) {
      for (const field of subRule.fields) {
        let counts = this.conditionCounts.get(field.pathKey);
        if (counts === undefined) {
          counts = new Map();
          this.conditionCounts.set(field.pathKey, counts);
        }
        const key = field.conditionKey;
        const count = (counts.get(key) ?? 0) + delta;
        if (count > 0) counts.set(key, count);
        else counts.delete(key);
      }
    }
  }

  private insert(id: Id, record: RuleRecord<Id>): void {
    record.paths.length = 0;
    record.ends.length = 0;
    for (const subRule of record.pattern.subRules) {
      let state = this.root;
      const steps: Step<Id>[] = [];
      for (const field of this.testOrder(subRule.fields)) {
        const fieldId = this.fieldIdOf(field);
        const key = field.conditionKey;
        let transitions = state.fields.get(fieldId);
        if (transitions === undefined) {
          transitions = new FieldTransitions<MatchState<Id>>();
          if ((state.fields as unknown) === NO_FIELDS) state.fields = new Map();
          state.fields.set(fieldId, transitions);
        }
        let entry = transitions.entries.get(key);
        if (entry === undefined) {
          entry = { target: new MatchState<Id>(), matchers: field.matchers, references: 0 };
          transitions.entries.set(key, entry);
          transitions.register(field.matchers, entry.target);
          if (field.allowsAbsence) {
            if (state.absenceFields === NO_ABSENCE) state.absenceFields = new Set();
            state.absenceFields.add(fieldId);
          }
        }
        entry.references++;
        steps.push({ state, fieldId, key });
        state = entry.target;
      }
      if (state.accepts === NO_ACCEPTS) state.accepts = [];
      state.accepts.push(id);
      record.paths.push(steps);
      record.ends.push(state);
    }
  }

  private withdraw(id: Id, record: RuleRecord<Id>): void {
    for (const end of record.ends) {
      const at = end.accepts.indexOf(id);
      if (at >= 0) end.accepts.splice(at, 1);
    }
    for (const steps of record.paths) {
      for (const { state, fieldId, key } of steps) {
        const transitions = state.fields.get(fieldId);
        const entry = transitions?.entries.get(key);
        if (transitions === undefined || entry === undefined) continue;
        entry.references--;
        if (entry.references > 0) continue;
        transitions.unregister(entry.matchers, entry.target);
        transitions.entries.delete(key);
        if (transitions.absent.length === 0) state.absenceFields.delete(fieldId);
        if (transitions.isEmpty) state.fields.delete(fieldId);
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
    const targets = this.targets;
    this.root.visitedIn = round;

    while (states.length > 0) {
      const state = states.pop() as MatchState<Id>;
      const trail = chosen.pop() as number[] | null;
      if (state.accepts.length > 0) {
        for (const id of state.accepts) if (!matched.includes(id)) matched.push(id);
      }

      const byState = state.fields.size <= leaves.present.length;
      const fieldIds = byState ? state.fields.keys() : leaves.present;
      for (const fieldId of fieldIds) {
        const transitions = state.fields.get(fieldId);
        if (transitions === undefined) continue;
        const count = leaves.countOf(fieldId);
        if (count === 0) continue;
        const values = leaves.valuesOf(fieldId);
        const trails = leaves.trailsOf(fieldId);
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
            states.push(target);
            chosen.push(next);
          }
        }
      }

      if (state.absenceFields.size === 0) continue;
      for (const fieldId of state.absenceFields) {
        if (hasFittingLeaf(leaves, fieldId, trail)) continue;
        const transitions = state.fields.get(fieldId);
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

// Shared empty collections of states that have none of their own; never written to.
const NO_FIELDS: ReadonlyMap<number, unknown> = new Map();
const NO_ABSENCE: Set<number> = new Set();
const NO_ACCEPTS: never[] = [];

/** Rule counts below this never trigger a replan: the order hardly matters there. */
const REPLAN_MINIMUM = 256;

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
