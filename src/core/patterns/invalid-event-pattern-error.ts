import { ErrorCode, SwitchyardError } from "../errors.js";

/** AWS prefixes every pattern rejection with this sentence (InvalidEventPatternException). */
export const INVALID_PATTERN_PREFIX = "Event pattern is not valid. Reason: ";

/** An event pattern AWS would reject; `reason` is the part after AWS's fixed prefix. */
export class InvalidEventPatternError extends SwitchyardError {
  readonly reason: string;

  constructor(reason: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.InvalidEventPattern, INVALID_PATTERN_PREFIX + reason, { context });
    this.reason = reason;
  }
}
