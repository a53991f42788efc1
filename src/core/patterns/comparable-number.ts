/**
 * Numbers as EventBridge compares them: numeric matching is limited to -5.0e9 … +5.0e9 with six digits
 * after the decimal point (AWS "Content filtering", numeric matching). Within that range every number
 * maps to one integer key — the same double arithmetic AWS's matcher uses — so 300, 300.0 and 3e2 are
 * one key, and comparisons of keys are comparisons of the numbers at AWS's precision.
 */
export const NUMERIC_LIMIT = 5.0e9;

/** Whether AWS's numeric matching can compare this number. */
export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** The comparison key of a number inside the numeric range. */
export function comparableKey(value: number): number {
  return Math.floor(1e6 * (NUMERIC_LIMIT + value));
}

/** The key exact matching uses: the comparison key in range, the number's spelling outside it. */
export function exactNumberKey(value: number): number | string {
  return isComparable(value) ? comparableKey(value) : String(value);
}

/** The reason AWS gives for a numeric operand outside the range (Java's spelling of the bounds). */
export const OUT_OF_RANGE_REASON = "Value must be between -5.0E9 and 5.0E9, inclusive";
