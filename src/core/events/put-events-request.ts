import { ValidationError } from "../errors.js";
import { codePointLength, entrySizeBytes } from "./entry-size.js";
import type { EventTimeInput } from "./event-time.js";
import { EVENT_BUS_NAME_PATTERN, EVENT_BUS_NAME_PATTERN_TEXT, PUT_EVENTS_LIMITS } from "./limits.js";

/**
 * One PutEvents entry with AWS's member names (API_PutEventsRequestEntry). `Time` is epoch seconds on the
 * JSON 1.1 wire; an RFC 3339 string or a Date is accepted too.
 */
export interface PutEventsRequestEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: readonly string[];
  readonly Time?: EventTimeInput;
  readonly EventBusName?: string;
  readonly TraceHeader?: string;
}

const STRING_MEMBERS = ["Source", "DetailType", "Detail", "EventBusName", "TraceHeader"] as const;

/**
 * Reads PutEvents' `Entries` the way AWS accepts or refuses a whole request, before looking at any one
 * entry: a value of the wrong JSON type, a broken model constraint (1–10 entries, Resources members
 * ≤ 2048, TraceHeader 1–500, EventBusName 1–1600 matching its pattern), or entries whose sizes add up
 * past the limit each reject the request with a ValidationError. A JSON null member counts as absent.
 * @example
 * const entries = readPutEventsEntries(body.Entries); // throws ValidationError, or every entry is readable
 */
export function readPutEventsEntries(entries: unknown): PutEventsRequestEntry[] {
  if (entries === undefined || entries === null) {
    throw constraintError(["Value null at 'entries' failed to satisfy constraint: Member must not be null"]);
  }
  if (!Array.isArray(entries)) throw typeError("entries", "a list", entries);
  const read = Array.from({ length: entries.length }, (_, index) => readEntry(entries[index], index));

  const violations = [...entriesCountViolations(read), ...read.flatMap(memberViolations)];
  if (violations.length > 0) throw constraintError(violations);

  // The limit is on the request, not on each entry: the API reference says "the total entry size must be
  // less than 1MB" for a batch, and AWS refuses the whole request with ValidationException
  // "Total size of the entries in the request is over the limit." (AWS's answer as LocalStack records it
  // from AWS, localstack/localstack#11623). A published measurement against AWS (March 2026) found an
  // entry of exactly 1,048,576 bytes accepted and one byte more refused, so the limit itself is allowed
  // despite the docs' "less than".
  const sizeBytes = read.reduce((total, entry) => total + entrySizeBytes(entry), 0);
  if (sizeBytes > PUT_EVENTS_LIMITS.requestSizeBytes) {
    throw new ValidationError("Total size of the entries in the request is over the limit.", {
      sizeBytes,
      limitBytes: PUT_EVENTS_LIMITS.requestSizeBytes,
    });
  }
  return read;
}

function readEntry(value: unknown, index: number): PutEventsRequestEntry {
  const path = `entries.${String(index + 1)}.member`;
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
    throw typeError(path, "a structure", value);
  }
  const fields = value as Record<string, unknown>;
  const entry: Record<string, unknown> = {};
  for (const name of STRING_MEMBERS) {
    const member = fields[name];
    if (member === undefined || member === null) continue;
    if (typeof member !== "string") throw typeError(`${path}.${lowerFirst(name)}`, "a string", member);
    entry[name] = member;
  }
  const resources = fields.Resources;
  if (resources !== undefined && resources !== null) {
    if (!Array.isArray(resources)) throw typeError(`${path}.resources`, "a list", resources);
    for (let position = 0; position < resources.length; position++) {
      const resource: unknown = resources[position];
      if (typeof resource !== "string") throw typeError(`${path}.resources`, "a list of strings", resource);
    }
    entry.Resources = [...(resources as string[])];
  }
  const time = fields.Time;
  if (time !== undefined && time !== null) {
    if (typeof time !== "number" && typeof time !== "string" && !(time instanceof Date)) {
      throw typeError(`${path}.time`, "a timestamp", time);
    }
    entry.Time = time;
  }
  return entry as PutEventsRequestEntry;
}

function entriesCountViolations(entries: readonly PutEventsRequestEntry[]): string[] {
  const { minEntries, maxEntries } = PUT_EVENTS_LIMITS;
  // Described only when refused: the description holds every entry's Detail.
  const value = () => `[${entries.map(describeEntry).join(", ")}]`;
  if (entries.length < minEntries)
    return [violation(value(), "entries", `greater than or equal to ${String(minEntries)}`)];
  if (entries.length > maxEntries)
    return [violation(value(), "entries", `less than or equal to ${String(maxEntries)}`)];
  return [];
}

function memberViolations(entry: PutEventsRequestEntry, index: number): string[] {
  const path = `entries.${String(index + 1)}.member`;
  const limits = PUT_EVENTS_LIMITS;
  const found: string[] = [];
  const resources = entry.Resources ?? [];
  if (resources.some((resource) => codePointLength(resource) > limits.resourceMaxLength)) {
    found.push(
      `Value '[${resources.join(", ")}]' at '${path}.resources' failed to satisfy constraint: ` +
        `Member must satisfy constraint: [Member must have length less than or equal to ${String(limits.resourceMaxLength)}]`,
    );
  }
  found.push(
    ...lengthViolations(
      entry.TraceHeader,
      `${path}.traceHeader`,
      limits.traceHeaderMinLength,
      limits.traceHeaderMaxLength,
    ),
    ...lengthViolations(
      entry.EventBusName,
      `${path}.eventBusName`,
      limits.eventBusNameMinLength,
      limits.eventBusNameMaxLength,
    ),
  );
  if (entry.EventBusName !== undefined && !EVENT_BUS_NAME_PATTERN.test(entry.EventBusName)) {
    found.push(
      `Value '${entry.EventBusName}' at '${path}.eventBusName' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: ${EVENT_BUS_NAME_PATTERN_TEXT}`,
    );
  }
  return found;
}

function lengthViolations(value: string | undefined, path: string, min: number, max: number): string[] {
  if (value === undefined) return [];
  const length = codePointLength(value);
  if (length < min) return [violation(value, path, `greater than or equal to ${String(min)}`)];
  if (length > max) return [violation(value, path, `less than or equal to ${String(max)}`)];
  return [];
}

function violation(value: string, path: string, bound: string): string {
  return `Value '${value}' at '${path}' failed to satisfy constraint: Member must have length ${bound}`;
}

/** AWS's framework message for broken model constraints: "N validation error(s) detected: …; …". */
function constraintError(violations: readonly string[]): ValidationError {
  const count = violations.length;
  return new ValidationError(
    `${String(count)} validation error${count === 1 ? "" : "s"} detected: ${violations.join("; ")}`,
    { violations: [...violations] },
  );
}

/**
 * A member of the wrong JSON type. AWS refuses such a request as a whole (a SerializationException on the
 * JSON 1.1 wire); here it is a ValidationError naming the member and what it held.
 */
function typeError(path: string, expected: string, found: unknown): ValidationError {
  const kind = describeType(found);
  return new ValidationError(`Expected ${expected} at '${path}' but found ${kind}.`, {
    path,
    expected,
    found: kind,
  });
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * An entry as AWS prints it inside a ValidationException's Value: the Java toString of its request entry
 * (field list as LocalStack reproduces it from AWS's answers).
 */
function describeEntry(entry: PutEventsRequestEntry): string {
  const show = (value: unknown): string => {
    if (value === undefined) return "null";
    if (Array.isArray(value)) return `[${value.join(", ")}]`;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    return String(value);
  };
  return (
    `PutEventsRequestEntry(time=${show(entry.Time)}, source=${show(entry.Source)}, ` +
    `resources=${show(entry.Resources)}, detailType=${show(entry.DetailType)}, detail=${show(entry.Detail)}, ` +
    `eventBusName=${show(entry.EventBusName)}, traceHeader=${show(entry.TraceHeader)}, ` +
    "kmsKeyIdentifier=null, internalMetadata=null)"
  );
}

function lowerFirst(name: string): string {
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}
