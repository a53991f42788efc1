import type { IntegerRange } from "../queues/index.js";
import type { AppProblem, AppWarning, AppWarningCode } from "./app-definition-error.js";

/**
 * What a check of an app definition found: problems (the app cannot run) and warnings. Checks never throw;
 * they report and go on, so one run lists every problem. A setting that cannot be read is reported once and
 * read as its default, so later checks go on without reporting it again; an app with any problem is refused
 * whole, so that default never reaches a resolved app.
 */
export class Findings {
  readonly problems: AppProblem[] = [];
  readonly warnings: AppWarning[] = [];

  /** Records a problem; returns undefined, for `return findings.problem(…)`. */
  problem(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  /** Records a warning. */
  warn(code: AppWarningCode, path: string, message: string): void {
    this.warnings.push({ code, path, message });
  }
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The path of a member: `rules.fraud-detection`, or `queues["orders.fifo"]` for a key with other characters; a
 * member of the root (path "") is its key alone.
 */
export function memberPath(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** The path of an array element: `rules.fraud.targets[0]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A value as a message shows it. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") return typeof value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A JSON value's text, or undefined (reported) for a value JSON cannot carry. */
export function jsonText(findings: Findings, path: string, value: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return findings.problem(path, `is not JSON: ${reason}`);
  }
  if (text === undefined) return findings.problem(path, `is not JSON; got ${show(value)}`);
  return text;
}

/** Whether a value is a plain object: not null, not an array. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An object whose members are all known, or undefined (reported at `shownPath`, by default `path`) when the
 * value is not an object. An unknown member is reported, not ignored: a misspelt setting would otherwise
 * silently fall back to its default.
 */
export function readObject(
  findings: Findings,
  path: string,
  value: unknown,
  members: readonly string[],
  shownPath = path,
): Readonly<Record<string, unknown>> | undefined {
  if (!isRecord(value)) return findings.problem(shownPath, `must be an object; got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (!members.includes(key)) {
      findings.problem(memberPath(path, key), `is not a setting here (known: ${members.join(", ")})`);
    }
  }
  return value;
}

/** A map of named entries (`queues`, `functions`, …): an object, or nothing when left out. */
export function readMap(
  findings: Findings,
  path: string,
  value: unknown,
): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return findings.problem(path, `must be an object keyed by name; got ${show(value)}`);
  return value;
}

/** An array, or nothing when left out. */
export function readArray(findings: Findings, path: string, value: unknown): readonly unknown[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return findings.problem(path, `must be an array; got ${show(value)}`);
  return value;
}

/** A string, or undefined (reported when present and not a string). */
export function readString(findings: Findings, path: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return findings.problem(path, `must be a string; got ${show(value)}`);
}

/** A boolean, or its default when left out or (reported) not a boolean. */
export function readBoolean(
  findings: Findings,
  path: string,
  value: unknown,
  defaultValue: boolean,
): boolean {
  if (value === undefined) return defaultValue;
  if (typeof value === "boolean") return value;
  findings.problem(path, `must be true or false; got ${show(value)}`);
  return defaultValue;
}

/**
 * A whole number within `range`, or its default when left out or (reported) out of range. `awsName` names
 * AWS's parameter in the message, so the limit can be looked up.
 */
export function readInteger<D extends number | undefined>(
  findings: Findings,
  path: string,
  value: unknown,
  range: IntegerRange,
  awsName: string,
  defaultValue: D,
): number | D {
  if (value === undefined) return defaultValue;
  if (typeof value === "number" && Number.isInteger(value) && value >= range.min && value <= range.max) {
    return value;
  }
  const allowed = Number.isFinite(range.max)
    ? `from ${range.min} to ${range.max}`
    : `of at least ${range.min}`;
  findings.problem(path, `must be a whole number ${allowed} (${awsName}); got ${show(value)}`);
  return defaultValue;
}
