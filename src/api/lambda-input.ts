import { ValidationError } from "../core/errors.js";
import type { ApiRequest } from "./api-request.js";
import { LambdaRequestError } from "./lambda-errors.js";

/** A request's JSON members; an empty body has none. Not JSON: Lambda's InvalidRequestContentException. */
export function jsonMembers(request: ApiRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch (error) {
    throw new LambdaRequestError(
      "InvalidRequestContentException",
      400,
      `Could not parse request body into json: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LambdaRequestError(
      "InvalidRequestContentException",
      400,
      "Could not parse request body into json: the body is not a JSON object",
    );
  }
  return parsed as Record<string, unknown>;
}

type Kind = { number: number; string: string; boolean: boolean; object: Record<string, unknown> };

/** A member of the given JSON type, or undefined when absent (null counts as absent); another type is a ValidationException. */
export function optionalMember<K extends keyof Kind>(
  input: Record<string, unknown>,
  name: string,
  kind: K,
): Kind[K] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const matches =
    kind === "object" ? typeof value === "object" && !Array.isArray(value) : typeof value === kind;
  if (!matches) {
    throw new ValidationError(
      `1 validation error detected: Value '${JSON.stringify(value)}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a ${kind}`,
      { [name]: value },
    );
  }
  return value as Kind[K];
}

/** A member that must be there: absent is Lambda's "Member must not be null". */
export function requiredMember<K extends keyof Kind>(
  input: Record<string, unknown>,
  name: string,
  kind: K,
): Kind[K] {
  const value = optionalMember(input, name, kind);
  if (value === undefined) {
    throw new ValidationError(
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
      { [name]: null },
    );
  }
  return value;
}

/** A whole-number query parameter within a range (MaxItems), or undefined when absent. */
export function integerQuery(
  request: ApiRequest,
  name: string,
  range: { readonly min: number; readonly max: number },
): number | undefined {
  const text = request.query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ValidationError(
      `1 validation error detected: Value '${text}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`,
      { [name]: text },
    );
  }
  return value;
}

/** One page of a list, from an opaque marker (the index to start at) — Lambda's Marker / NextMarker paging. */
export function page<T>(
  items: readonly T[],
  marker: string | null,
  maxItems: number,
): { readonly items: T[]; readonly nextMarker?: string } {
  const start = marker === null ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw new LambdaRequestError("InvalidParameterValueException", 400, `Invalid marker: ${marker}`);
  }
  const end = start + maxItems;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextMarker: String(end) } : {}),
  };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
