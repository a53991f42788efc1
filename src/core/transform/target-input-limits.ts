/**
 * AWS's limits on a target's input settings, from the EventBridge API model (shapes `TargetInput`,
 * `TargetInputPath`, `TransformerInput`, `TransformerPaths`, `InputTransformerPathKey`):
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html and
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
 * Lengths are JavaScript string lengths.
 */
export const TARGET_INPUT_LIMITS = Object.freeze({
  inputMaxLength: 8192,
  inputPathMaxLength: 256,
  inputTemplateMinLength: 1,
  inputTemplateMaxLength: 8192,
  inputPathsMapMaxEntries: 100,
  inputPathsMapKeyMinLength: 1,
  inputPathsMapKeyMaxLength: 256,
  /** AWS's pattern as it appears in its validation messages; a key must match it whole. */
  inputPathsMapKeyPattern: "[A-Za-z0-9\\_\\-]+",
} as const);
