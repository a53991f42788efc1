import { ValidationError } from "../core/errors.js";

/** A request's JSON members, as AWS JSON 1.1 sends them. */
export type Members = Readonly<Record<string, unknown>>;

/**
 * A member whose JSON type is not the model's: AWS's JSON protocols answer SerializationException before
 * the operation sees the request.
 */
export class SerializationError extends Error {
  constructor(member: string, expected: string) {
    super(`Member ${member} must be ${expected}.`);
    this.name = "SerializationError";
  }
}

/** The member name as AWS's validation messages write it: `EventBusName` → `eventBusName`. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function present(input: Members, member: string): unknown {
  const value = input[member];
  return value === null ? undefined : value;
}

/** A required string member: absent is AWS's "Member must not be null" ValidationException. */
export function requiredString(input: Members, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) {
    throw new ValidationError(
      `1 validation error detected: Value null at '${wireName(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** An optional string member. */
export function optionalString(input: Members, member: string): string | undefined {
  const value = present(input, member);
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new SerializationError(member, "a string");
  return value;
}

/** An optional integer member. */
export function optionalInteger(input: Members, member: string): number | undefined {
  const value = present(input, member);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new SerializationError(member, "an integer");
  return value;
}

/** A required timestamp member: JSON 1.1 sends epoch seconds (fractions allowed). */
export function requiredDate(input: Members, member: string): Date {
  const value = present(input, member);
  if (value === undefined) {
    throw new ValidationError(
      `1 validation error detected: Value null at '${wireName(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SerializationError(member, "a timestamp in epoch seconds");
  }
  return new Date(Math.round(value * 1000));
}

/** An optional list of strings. */
export function optionalStringList(input: Members, member: string): string[] | undefined {
  const value = present(input, member);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new SerializationError(member, "a list of strings");
  }
  return value as string[];
}

/** An optional structure member. */
export function optionalStructure(input: Members, member: string): Members | undefined {
  const value = present(input, member);
  if (value === undefined) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw new SerializationError(member, "a structure");
  return value as Members;
}

/** A required list of structures. */
export function requiredStructureList(input: Members, member: string): Members[] {
  const value = present(input, member);
  if (value === undefined) {
    throw new ValidationError(
      `1 validation error detected: Value null at '${wireName(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (
    !Array.isArray(value) ||
    !value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))
  ) {
    throw new SerializationError(member, "a list of structures");
  }
  return value as Members[];
}

/** An enum member: a value outside the set is AWS's "Member must satisfy enum value set" ValidationException. */
export function optionalEnum<const T extends string>(
  input: Members,
  member: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
  throw new ValidationError(
    `1 validation error detected: Value '${value}' at '${wireName(member)}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(", ")}]`,
  );
}

/** Tags as the API sends them (`[{Key, Value}]`), as a map. */
export function optionalTags(input: Members): Record<string, string> | undefined {
  const value = present(input, "Tags");
  if (value === undefined) return undefined;
  const tags: Record<string, string> = {};
  for (const tag of requiredStructureList(input, "Tags")) {
    const key = requiredString(tag, "Key");
    tags[key] = requiredString(tag, "Value");
  }
  return tags;
}

/** The List operations' page size bounds (Limit: 1–100, API_ListRules and its siblings). */
const LIMIT = { min: 1, max: 100 } as const;

/**
 * One page of a List operation's answer by its Limit and NextToken. The token is the position of the page's
 * first item, opaque to callers, as EventBridge's are.
 */
export function paginate<T>(items: readonly T[], input: Members): { page: T[]; NextToken?: string } {
  const limit = optionalInteger(input, "Limit");
  if (limit !== undefined && (limit < LIMIT.min || limit > LIMIT.max)) {
    const bound =
      limit < LIMIT.min ? `greater than or equal to ${LIMIT.min}` : `less than or equal to ${LIMIT.max}`;
    throw new ValidationError(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  const token = optionalString(input, "NextToken");
  const start = token === undefined ? 0 : positionOf(token);
  const end = limit === undefined ? items.length : start + limit;
  const page = items.slice(start, end);
  return end < items.length ? { page, NextToken: tokenOf(end) } : { page };
}

function tokenOf(position: number): string {
  return Buffer.from(JSON.stringify({ position }), "utf8").toString("base64url");
}

function positionOf(token: string): number {
  const invalid = () => new ValidationError("The nextToken provided is invalid.", { token });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const position = (decoded as { position?: unknown } | null)?.position;
  if (typeof position !== "number" || !Number.isInteger(position) || position < 0) throw invalid();
  return position;
}

/** An answer as JSON 1.1 writes it: every Date as epoch seconds. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, toWire(member)]));
  }
  return value;
}
