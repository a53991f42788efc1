import { ErrorCode, SwitchyardError } from "../errors.js";

/** One thing wrong with an app definition: where (`rules.fraud.targets[0]`) and what. */
export interface AppProblem {
  readonly path: string;
  readonly message: string;
}

/** What `checkApp` warns about: settings AWS accepts but advises against. */
export const AppWarningCode = {
  /** A queue's visibility timeout is below six times its function's timeout plus the batching window. */
  VisibilityTimeoutBelowRecommended: "VisibilityTimeoutBelowRecommended",
  /** A standard queue's dead-letter queue keeps messages no longer than the queue itself. */
  DeadLetterRetentionNotLonger: "DeadLetterRetentionNotLonger",
  /** A mapping may run more invocations at once than its function's reserved concurrency allows. */
  MaximumConcurrencyAboveReserved: "MaximumConcurrencyAboveReserved",
} as const;
/** A kind of warning. */
export type AppWarningCode = (typeof AppWarningCode)[keyof typeof AppWarningCode];

/** A setting that works but that AWS advises against, with where it is and why. */
export interface AppWarning {
  readonly code: AppWarningCode;
  readonly path: string;
  readonly message: string;
}

/**
 * An app definition that cannot run: every problem found, each naming the offending resource by its path in
 * the definition. A validation error: nothing was created.
 */
export class AppDefinitionError extends SwitchyardError {
  readonly problems: readonly AppProblem[];

  constructor(app: string, problems: readonly AppProblem[]) {
    const count = problems.length;
    const lines = problems.map((problem) => `  ${problem.path}: ${problem.message}`).join("\n");
    super(
      ErrorCode.Validation,
      `App ${JSON.stringify(app)} is not valid (${count} problem${count === 1 ? "" : "s"}):\n${lines}`,
      { context: { app, problems } },
    );
    this.problems = Object.freeze([...problems]);
  }
}
