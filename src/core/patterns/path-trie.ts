import type { LeafValue } from "./matchers.js";

/** A node of the trie of field paths some rule refers to; `fieldId` marks a path that is a field. */
export interface PathNode {
  readonly children: Map<string, PathNode>;
  /**
   * The same children filed by their name's first character code (mod 128), for the scanner's
   * compare-in-place key lookup. Names JSON text must escape (a quote, a backslash, a control character)
   * are left out: they never appear in the text as they are, and the scanner decodes escaped names.
   */
  readonly childrenByFirstCode: (NamedChild[] | undefined)[];
  /** Whether some child has children: only then can a dotted event key lead anywhere. */
  hasGrandchildren: boolean;
  fieldId: number;
}

/** A child under its name, with the name's character codes (read faster than the string's). */
export interface NamedChild {
  readonly key: string;
  readonly codes: Int32Array;
  readonly node: PathNode;
}

/** Whether JSON text can hold the name only escaped (it has a quote, a backslash or a control character). */
function needsEscape(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return true;
  }
  return false;
}

/** No field ends at this node. */
export const NO_FIELD = -1;

/** Creates an empty trie node. */
export function createPathNode(): PathNode {
  return { children: new Map(), childrenByFirstCode: [], hasGrandchildren: false, fieldId: NO_FIELD };
}

/** Adds a path (segments) to the trie and returns its node. */
export function insertPath(root: PathNode, path: readonly string[]): PathNode {
  let node = root;
  for (const [depth, segment] of path.entries()) {
    if (depth < path.length - 1) node.hasGrandchildren = true;
    let child = node.children.get(segment);
    if (child === undefined) {
      child = createPathNode();
      node.children.set(segment, child);
      if (!needsEscape(segment)) {
        const codes = new Int32Array(segment.length);
        for (let i = 0; i < segment.length; i++) codes[i] = segment.charCodeAt(i);
        const named = { key: segment, codes, node: child };
        // The empty name is found where its closing quote is.
        const bucket = segment.length === 0 ? 0x22 : segment.charCodeAt(0) & 0x7f;
        const sameFirst = node.childrenByFirstCode[bucket];
        if (sameFirst === undefined) node.childrenByFirstCode[bucket] = [named];
        else sameFirst.push(named);
      }
    }
    node = child;
  }
  return node;
}

/**
 * The leaves of one event at the fields rules refer to. Each leaf keeps its array trail — pairs of
 * (array id, element index) from the root — because a rule may not combine fields drawn from different
 * elements of one array (EventBridge's array-consistent matching).
 */
export class EventLeaves {
  /** Per field id: the values and trails found; only the first `counts[id]` are this event's. */
  private readonly values: LeafValue[][] = [];
  private readonly trails: (number[] | null)[][] = [];
  private readonly counts: number[] = [];
  private readonly seenIn: number[] = [];
  private generation = 0;
  private nextArrayId = 0;
  /** Field ids with at least one leaf in the current event, in discovery order. */
  readonly present: number[] = [];

  /** Starts collecting a new event; buffers are reused across events. */
  reset(): void {
    this.generation++;
    this.nextArrayId = 0;
    this.present.length = 0;
  }

  /** How many leaves the current event has at a field. */
  countOf(fieldId: number): number {
    return this.seenIn[fieldId] === this.generation ? (this.counts[fieldId] as number) : 0;
  }

  /** The values at a field; read only the first `countOf(fieldId)`. */
  valuesOf(fieldId: number): readonly LeafValue[] {
    return this.values[fieldId] as LeafValue[];
  }

  /** The trails of the values at a field, index-aligned with `valuesOf`. */
  trailsOf(fieldId: number): readonly (number[] | null)[] {
    return this.trails[fieldId] as (number[] | null)[];
  }

  /** Walks a parsed event along the trie, recording the leaves at every field path. */
  collect(root: PathNode, event: unknown): void {
    this.walk(root, event, null);
  }

  private walk(node: PathNode, value: unknown, trail: number[] | null): void {
    if (value === null || typeof value !== "object") {
      if (node.fieldId !== NO_FIELD) this.add(node.fieldId, value as LeafValue, trail);
      return;
    }
    if (Array.isArray(value)) {
      const arrayId = this.nextArrayId++;
      for (let i = 0; i < value.length; i++) {
        this.walk(node, value[i], trail === null ? [arrayId, i] : [...trail, arrayId, i]);
      }
      return;
    }
    if (node.children.size === 0) return;
    const object = value as Record<string, unknown>;
    for (const key in object) {
      const child = descend(node, key);
      if (child !== undefined) this.walk(child, object[key], trail);
    }
  }

  /** Records one leaf value found at a field. */
  add(fieldId: number, value: LeafValue, trail: number[] | null): void {
    let count = 0;
    if (this.seenIn[fieldId] === this.generation) {
      count = this.counts[fieldId] as number;
    } else {
      this.seenIn[fieldId] = this.generation;
      this.present.push(fieldId);
      if (this.values[fieldId] === undefined) {
        this.values[fieldId] = [];
        this.trails[fieldId] = [];
      }
    }
    (this.values[fieldId] as LeafValue[])[count] = value;
    (this.trails[fieldId] as (number[] | null)[])[count] = trail;
    this.counts[fieldId] = count + 1;
  }
}

/** An event key with dots names several segments at once ("a.b" is a, then b), as AWS joins paths. */
export function descend(node: PathNode, key: string): PathNode | undefined {
  const direct = node.children.get(key);
  if (direct !== undefined || key.indexOf(".") < 0) return direct;
  let current: PathNode | undefined = node;
  for (const segment of key.split(".")) {
    current = current.children.get(segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Whether a leaf's trail agrees with the array elements a partial match has already chosen. */
export function trailFits(chosen: number[] | null, trail: number[] | null): boolean {
  if (chosen === null || trail === null) return true;
  for (let i = 0; i < trail.length; i += 2) {
    const arrayId = trail[i];
    for (let j = 0; j < chosen.length; j += 2) {
      if (chosen[j] === arrayId) {
        if (chosen[j + 1] !== trail[i + 1]) return false;
        break;
      }
    }
  }
  return true;
}

/** The array elements chosen once a leaf with this trail joins a partial match. */
export function chooseTrail(chosen: number[] | null, trail: number[] | null): number[] | null {
  if (trail === null) return chosen;
  if (chosen === null) return trail;
  const merged = chosen.slice();
  for (let i = 0; i < trail.length; i += 2) {
    let known = false;
    for (let j = 0; j < chosen.length; j += 2) {
      if (chosen[j] === trail[i]) {
        known = true;
        break;
      }
    }
    if (!known) merged.push(trail[i] as number, trail[i + 1] as number);
  }
  return merged;
}
