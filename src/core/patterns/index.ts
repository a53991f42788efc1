export type { CompiledPattern, CompileOptions, FieldCondition, SubRule } from "./compile-pattern.js";
export { compileEventPattern, DEFAULT_MAX_PATTERN_LENGTH, MAX_OR_COMBINATIONS } from "./compile-pattern.js";
export { INVALID_PATTERN_PREFIX, InvalidEventPatternError } from "./invalid-event-pattern-error.js";
export type { LeafValue, Matcher } from "./matchers.js";
export { createRuleSet, matchesPattern, RuleSet } from "./rule-set.js";
export { testEventPattern } from "./test-event-pattern.js";
export { WILDCARD_COMPLEXITY_LIMIT } from "./wildcard.js";
