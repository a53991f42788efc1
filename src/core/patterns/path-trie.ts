import type { LeafValue } from "./matchers.js";

/** A node of the trie of field paths some rule refers to; `fieldId` marks a path that is a field. */
export interface PathNode {
  readonly children: Map<string, PathNode>;
  fieldId: number;
}

/** No field ends at this node. */
export const NO_FIELD = -1;

/** Creates an empty trie node. */
export function createPathNode(): PathNode {
  return { children: new Map(), fieldId: NO_FIELD };
}

/** Adds a path (segments) to the trie and returns its node. */
export function insertPath(root: PathNode, path: readonly string[]): PathNode {
  let node = root;
  for (const segment of path) {
    let child = node.children.get(segment);
    if (child === undefined) {
      child = createPathNode();
      node.children.set(segment, child);
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
  /** Per field id: the values and trails found, valid only where `generation` matches. */
  private values: LeafValue[][] = [];
  private trails: (number[] | null)[][] = [];
  private seenIn: number[] = [];
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

  /** The values found at a field (an empty array when none). */
  valuesOf(fieldId: number): readonly LeafValue[] {
    return this.seenIn[fieldId] === this.generation ? (this.values[fieldId] as LeafValue[]) : EMPTY;
  }

  /** The trails of the values at a field, index-aligned with `valuesOf`. */
  trailsOf(fieldId: number): readonly (number[] | null)[] {
    return this.seenIn[fieldId] === this.generation
      ? (this.trails[fieldId] as (number[] | null)[])
      : EMPTY_TRAILS;
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

  private add(fieldId: number, value: LeafValue, trail: number[] | null): void {
    if (this.seenIn[fieldId] !== this.generation) {
      this.seenIn[fieldId] = this.generation;
      const values = this.values[fieldId];
      if (values === undefined) {
        this.values[fieldId] = [value];
        this.trails[fieldId] = [trail];
      } else {
        values.length = 0;
        values.push(value);
        const trails = this.trails[fieldId] as (number[] | null)[];
        trails.length = 0;
        trails.push(trail);
      }
      this.present.push(fieldId);
      return;
    }
    (this.values[fieldId] as LeafValue[]).push(value);
    (this.trails[fieldId] as (number[] | null)[]).push(trail);
  }
}

const EMPTY: readonly LeafValue[] = [];
const EMPTY_TRAILS: readonly (number[] | null)[] = [];

/** An event key with dots names several segments at once ("a.b" is a, then b), as AWS joins paths. */
function descend(node: PathNode, key: string): PathNode | undefined {
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
