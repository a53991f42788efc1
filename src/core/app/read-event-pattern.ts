import { compileEventPattern, InvalidEventPatternError } from "../patterns/index.js";
import { type Findings, isRecord, jsonText, show } from "./findings.js";

/**
 * An event pattern (a rule's, or a mapping's filter) as the JSON text PutRule and FilterCriteria take, checked
 * by core/patterns with EventBridge's reason; undefined, reported, when AWS would refuse it.
 */
export function readEventPattern(findings: Findings, path: string, value: unknown): string | undefined {
  if (!isRecord(value)) return findings.problem(path, `must be an event pattern object; got ${show(value)}`);
  const text = jsonText(findings, path, value);
  if (text === undefined) return undefined;
  try {
    compileEventPattern(text);
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    return findings.problem(path, error.message);
  }
  return text;
}
