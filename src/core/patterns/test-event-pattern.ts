import { parseTestEventPatternEvent } from "../events/index.js";
import { type CompileOptions, compileEventPattern } from "./compile-pattern.js";
import { matchesPattern } from "./rule-set.js";

/**
 * EventBridge's TestEventPattern: whether the event (JSON text with the mandatory envelope fields)
 * matches the pattern (JSON text). Throws InvalidEventPatternError for a bad pattern and ValidationError
 * ("Parameter Event is not valid.") for a bad event, as AWS answers.
 * @example testEventPattern('{"source": ["shop"]}', JSON.stringify(event)) // true or false
 */
export function testEventPattern(
  patternText: string,
  eventText: string,
  options: CompileOptions = {},
): boolean {
  const pattern = compileEventPattern(patternText, options);
  return matchesPattern(pattern, parseTestEventPatternEvent(eventText));
}
