import { ValidationError } from "../errors.js";

/**
 * PutRule's whole answer to any malformed ScheduleExpression: a `ValidationException` with this message
 * and nothing more specific (AWS-validated in LocalStack's events suite, test_put_rule_with_invalid_schedule_rate).
 */
export const INVALID_SCHEDULE_EXPRESSION_MESSAGE = "Parameter ScheduleExpression is not valid.";

/**
 * A ScheduleExpression PutRule refuses. The message is AWS's fixed sentence; `reason` says which part was
 * wrong, for logs and tests, since AWS itself never does.
 */
export class InvalidScheduleExpressionError extends ValidationError {
  readonly expression: string;
  readonly reason: string;

  constructor(expression: string, reason: string) {
    super(INVALID_SCHEDULE_EXPRESSION_MESSAGE, { scheduleExpression: expression, reason });
    this.expression = expression;
    this.reason = reason;
  }
}
