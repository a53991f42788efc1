import { ValidationError } from "../../core/errors.js";
import { parseScheduleExpression } from "../../core/schedules/index.js";
import { DEFAULT_BUS } from "./bus-names.js";

/** PutRule's checks of a ScheduleExpression: its length, its syntax, and the bus it may be on. */
export function checkScheduleExpression(expression: string, bus: string): void {
  if (expression.length > 256) {
    throw new ValidationError(
      `1 validation error detected: Value '${expression}' at 'scheduleExpression' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  }
  parseScheduleExpression(expression);
  if (bus !== DEFAULT_BUS) {
    throw new ValidationError("ScheduleExpression is supported only on the default event bus.");
  }
}
