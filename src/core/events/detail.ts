import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { PUT_EVENTS_LIMITS } from "./limits.js";

/**
 * Parses a PutEvents `Detail`, which must be "a valid JSON object" (API_PutEventsRequestEntry), nested at
 * most 1000 levels (API_PutEvents). Anything else — bad JSON, an array, a string, null, deeper nesting —
 * is undefined, which PutEvents answers with MalformedDetail.
 */
export function parseDetail(text: string): JsonObject | undefined {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  if (!isJsonObject(parsed) || nestsDeeperThan(parsed, PUT_EVENTS_LIMITS.detailMaxDepth)) return undefined;
  return parsed;
}

/**
 * Whether objects and arrays nest deeper than maxDepth, the top-level object being depth 1. Iterative,
 * because a 1 MB Detail can nest far deeper than the call stack.
 */
function nestsDeeperThan(root: JsonObject, maxDepth: number): boolean {
  // Containers still to look into and their depths, as two stacks: leaves are never pushed, and no object
  // is made per node (this runs on every PutEvents entry).
  const containers: (JsonObject | JsonValue[])[] = [root];
  const depths: number[] = [1];
  for (let value = containers.pop(); value !== undefined; value = containers.pop()) {
    const depth = depths.pop() as number;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child !== "object" || child === null) continue;
      containers.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}
