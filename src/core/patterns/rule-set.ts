import { type CompiledPattern, compileEventPattern, type FieldCondition } from "./compile-pattern.js";
import { FieldTransitions } from "./field-transitions.js";
import { type LeafValue, matcherKey } from "./matchers.js";
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
  readonly fields = new Map<number, FieldTransitions<MatchState<Id>>>();
  /** Fields whose transitions include absence (`exists: false`). */
  readonly absenceFields = new Set<number>();
  /** Rules whose sub-rule ends here, with how many of their sub-rules end here. */
  readonly accepts = new Map<Id, number>();
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
    const record: RuleRecord<Id> = { pattern, paths: [], ends: [] };
    for (const subRule of pattern.subRules) {
      let state = this.root;
      const steps: Step<Id>[] = [];
      for (const field of subRule.fields) {
        const fieldId = this.fieldIdOf(field);
        const key = field.matchers.map(matcherKey).join("|");
        let transitions = state.fields.get(fieldId);
        if (transitions === undefined) {
          transitions = new FieldTransitions<MatchState<Id>>();
          state.fields.set(fieldId, transitions);
        }
        let entry = transitions.entries.get(key);
        if (entry === undefined) {
          entry = { target: new MatchState<Id>(), matchers: field.matchers, references: 0 };
          transitions.entries.set(key, entry);
          transitions.register(field.matchers, entry.target);
          if (field.allowsAbsence) state.absenceFields.add(fieldId);
        }
        entry.references++;
        steps.push({ state, fieldId, key });
        state = entry.target;
      }
      state.accepts.set(id, (state.accepts.get(id) ?? 0) + 1);
      record.paths.push(steps);
      record.ends.push(state);
    }
    this.rules.set(id, record);
  }

  /** Removes a rule; returns whether it was there. */
  remove(id: Id): boolean {
    const record = this.rules.get(id);
    if (record === undefined) return false;
    for (const end of record.ends) {
      const remaining = (end.accepts.get(id) ?? 1) - 1;
      if (remaining === 0) end.accepts.delete(id);
      else end.accepts.set(id, remaining);
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
    this.rules.delete(id);
    return true;
  }

  /** The ids of the rules a parsed event matches, each once, in no particular order. */
  match(event: unknown): Id[] {
    const round = ++this.matchRound;
    const leaves = this.leaves;
    leaves.reset();
    leaves.collect(this.paths, event);
    const matched = new Set<Id>();
    const states: MatchState<Id>[] = [this.root];
    const chosen: (number[] | null)[] = [null];
    const targets: MatchState<Id>[] = [];
    this.root.visitedIn = round;

    const visit = (state: MatchState<Id>, trail: number[] | null) => {
      if (trail === null) {
        if (state.visitedIn === round) return;
        state.visitedIn = round;
      }
      states.push(state);
      chosen.push(trail);
    };

    while (states.length > 0) {
      const state = states.pop() as MatchState<Id>;
      const trail = chosen.pop() as number[] | null;
      for (const id of state.accepts.keys()) matched.add(id);

      const byState = state.fields.size <= leaves.present.length;
      const fieldIds = byState ? state.fields.keys() : leaves.present;
      for (const fieldId of fieldIds) {
        const transitions = state.fields.get(fieldId);
        if (transitions === undefined) continue;
        const values = leaves.valuesOf(fieldId);
        if (values.length === 0) continue;
        const trails = leaves.trailsOf(fieldId);
        for (let i = 0; i < values.length; i++) {
          const leafTrail = trails[i] as number[] | null;
          if (!trailFits(trail, leafTrail)) continue;
          targets.length = 0;
          transitions.lookup(values[i] as LeafValue, targets);
          if (targets.length === 0) continue;
          const next = chooseTrail(trail, leafTrail);
          for (const target of targets) visit(target, next);
        }
      }

      for (const fieldId of state.absenceFields) {
        if (hasFittingLeaf(leaves, fieldId, trail)) continue;
        const transitions = state.fields.get(fieldId);
        if (transitions !== undefined) for (const target of transitions.absent) visit(target, trail);
      }
    }
    return [...matched];
  }

  /** Parses event JSON text and matches it; text that is not a JSON object matches nothing. */
  matchJson(text: string): Id[] {
    const event: unknown = JSON.parse(text);
    if (event === null || typeof event !== "object" || Array.isArray(event)) return [];
    return this.match(event);
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
  const trails = leaves.trailsOf(fieldId);
  for (const leafTrail of trails) if (trailFits(trail, leafTrail)) return true;
  return false;
}

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
