import { ValidationError } from "../errors.js";
import { isJsonObject, type JsonObject } from "../json.js";

/**
 * The fields TestEventPattern requires of the event it is given (AWS API reference, TestEventPattern:
 * "the following fields are mandatory: id, account, source, time, region, detail-type").
 */
export const TEST_EVENT_REQUIRED_FIELDS = [
  "id",
  "account",
  "source",
  "time",
  "region",
  "detail-type",
] as const;

const INVALID_EVENT = "Parameter Event is not valid.";

/**
 * Reads the Event of a TestEventPattern request: JSON text of an object holding the mandatory envelope
 * fields. Anything else is AWS's ValidationException "Parameter Event is not valid.".
 */
export function parseTestEventPatternEvent(text: string): JsonObject {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new ValidationError(INVALID_EVENT, { reason: "not JSON" });
  }
  if (!isJsonObject(event)) throw new ValidationError(INVALID_EVENT, { reason: "not a JSON object" });
  const missing = TEST_EVENT_REQUIRED_FIELDS.filter((field) => !(field in event));
  if (missing.length > 0) throw new ValidationError(INVALID_EVENT, { missing });
  return event;
}
