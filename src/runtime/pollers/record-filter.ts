import { isJsonObject } from "../../core/json.js";
import {
  compileEventPattern,
  createRuleSet,
  InvalidEventPatternError,
  type RuleSet,
} from "../../core/patterns/index.js";
import { InvalidEventSourceMappingError } from "./mapping-errors.js";
import type { SqsRecord } from "./sqs-event.js";

/** Whether a record passes a mapping's FilterCriteria (always, without filters). */
export type RecordFilter = (record: SqsRecord) => boolean;

/** How a pattern treats the body: as JSON (`"body": {…}`), as a plain string (`"body": [rules]`), or not at all. */
type BodyFormat = "json" | "plain" | "none";

interface CompiledFilter {
  readonly body: BodyFormat;
  readonly rules: RuleSet<number>;
}

const NOT_JSON = Symbol("not JSON");

/**
 * Compiles a mapping's filter patterns (EventBridge pattern syntax, https://docs.aws.amazon.com/lambda/latest/dg/
 * invocation-eventfiltering.html) into one test. A record passes when any pattern matches it. The record's fields are
 * the metadata a pattern can name; `body` is matched as Lambda documents for SQS ("Properly filtering Amazon SQS
 * messages"): a pattern giving `body` an object matches inside a body that is valid JSON and never a plain-string body;
 * a pattern giving `body` rules matches a plain-string body and never a JSON one; a pattern without `body` ignores it.
 * A pattern EventBridge would refuse is Lambda's InvalidParameterValueException "Invalid filter pattern definition."
 * @example
 * const passes = compileRecordFilter(['{"body": {"type": ["order"]}}']);
 */
export function compileRecordFilter(patterns: readonly string[]): RecordFilter {
  if (patterns.length === 0) return () => true;
  const filters = patterns.map(compileFilter);
  return (record) => {
    let parsed: unknown;
    let withJsonBody: object | undefined;
    const body = () => {
      if (parsed === undefined) parsed = parseBody(record.body);
      return parsed;
    };
    return filters.some((filter) => {
      if (filter.body === "none") return filter.rules.match(record).length > 0;
      const value = body();
      if (filter.body === "plain") return value === NOT_JSON && filter.rules.match(record).length > 0;
      if (value === NOT_JSON) return false;
      // Made once per record, and by Object.assign: { ...record, body } is slow on Node 20's V8.
      withJsonBody ??= Object.assign({}, record, { body: value });
      return filter.rules.match(withJsonBody).length > 0;
    });
  };
}

function compileFilter(text: string): CompiledFilter {
  let pattern: unknown;
  let rules: RuleSet<number>;
  try {
    pattern = JSON.parse(text);
    rules = createRuleSet<number>();
    rules.add(0, compileEventPattern(text));
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof InvalidEventPatternError)) throw error;
    // Lambda's answer for every refused pattern, as recorded against AWS (localstack/localstack,
    // test_lambda_integration_sqs.snapshot.json, test_sqs_invalid_event_filter).
    throw new InvalidEventSourceMappingError("Invalid filter pattern definition.", { pattern: text });
  }
  const body = isJsonObject(pattern) ? pattern.body : undefined;
  return { body: body === undefined ? "none" : Array.isArray(body) ? "plain" : "json", rules };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return NOT_JSON;
  }
}
