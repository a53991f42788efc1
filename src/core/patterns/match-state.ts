import { FieldTransitions } from "./field-transitions.js";

/** The fields of a state that leads on by several: a map to find one, two aligned arrays to walk them all. */
export class FieldTable<State> {
  readonly byField = new Map<number, FieldTransitions<State>>();
  /** Walking arrays is cheaper than a Map iterator, and matching walks these for every such state. */
  readonly fieldIds: number[] = [];
  readonly transitions: FieldTransitions<State>[] = [];

  add(fieldId: number, transitions: FieldTransitions<State>): void {
    this.byField.set(fieldId, transitions);
    this.fieldIds.push(fieldId);
    this.transitions.push(transitions);
  }

  delete(fieldId: number): void {
    if (!this.byField.delete(fieldId)) return;
    const at = this.fieldIds.indexOf(fieldId);
    this.fieldIds.splice(at, 1);
    this.transitions.splice(at, 1);
  }
}

/**
 * A state of the matching automaton. A sub-rule is a path from the root, one field per step in the
 * sub-rule's test order; sub-rules with the same leading conditions share their leading states. Most
 * states lie on one rule's path and lead on by one field, so one field is held inline and a table is
 * made only for a second.
 */
export class MatchState<Id> {
  /** The field of the only transition group while there is only one (-1: none or several). */
  soleFieldId = -1;
  soleTransitions: FieldTransitions<MatchState<Id>> | undefined;
  /** Made when a second field arrives (most states never have one: memory per rule counts). */
  fields: FieldTable<MatchState<Id>> | undefined;
  /** Fields whose transitions include absence (`exists: false`); usually none. */
  absenceFields: number[] = NO_FIELDS;
  /** Rules whose sub-rule ends here, once per sub-rule. */
  accepts: Id[] = NO_IDS as Id[];
  /** Marks the state as visited, with no array element chosen, while matching one event. */
  visitedIn = 0;

  /** The transitions on a field, if any. */
  transitionsOn(fieldId: number): FieldTransitions<MatchState<Id>> | undefined {
    if (fieldId === this.soleFieldId) return this.soleTransitions;
    return this.fields?.byField.get(fieldId);
  }

  /** The transitions on a field, created when missing. */
  openTransitions(fieldId: number): FieldTransitions<MatchState<Id>> {
    const known = this.transitionsOn(fieldId);
    if (known !== undefined) return known;
    const created = new FieldTransitions<MatchState<Id>>();
    if (this.soleTransitions === undefined && this.fields === undefined) {
      this.soleFieldId = fieldId;
      this.soleTransitions = created;
      return created;
    }
    this.fields ??= new FieldTable();
    if (this.soleTransitions !== undefined) {
      this.fields.add(this.soleFieldId, this.soleTransitions);
      this.soleFieldId = -1;
      this.soleTransitions = undefined;
    }
    this.fields.add(fieldId, created);
    return created;
  }

  /** Drops the transitions on a field once no rule uses them. */
  closeTransitions(fieldId: number): void {
    if (fieldId === this.soleFieldId) {
      this.soleFieldId = -1;
      this.soleTransitions = undefined;
    } else {
      this.fields?.delete(fieldId);
    }
  }

  /** Notes that a field's transitions here include absence. */
  markAbsence(fieldId: number): void {
    if (this.absenceFields.includes(fieldId)) return;
    this.absenceFields = [...this.absenceFields, fieldId];
  }

  /** Forgets absence on a field. */
  clearAbsence(fieldId: number): void {
    if (this.absenceFields.includes(fieldId))
      this.absenceFields = this.absenceFields.filter((id) => id !== fieldId);
  }

  /** Records that a sub-rule of `id` ends here. */
  accept(id: Id): void {
    if (this.accepts === NO_IDS) this.accepts = [];
    this.accepts.push(id);
  }

  /** Forgets one sub-rule of `id` ending here. */
  unaccept(id: Id): void {
    const at = this.accepts.indexOf(id);
    if (at >= 0) this.accepts.splice(at, 1);
  }
}

// Shared empty lists of states that have none of their own; replaced, never written to.
const NO_FIELDS: number[] = [];
const NO_IDS: never[] = [];
