/**
 * The characters SQS accepts in a message body and in a String or Number attribute value (XML 1.0's Char
 * production): #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 *
 * With the `u` flag a well-formed surrogate pair is one code point above #xFFFF (allowed) and a lone
 * surrogate is a code point in #xD800–#xDFFF (refused), as AWS's Java code-point loop sees them.
 */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The allowed set exactly as SQS prints it in its "Invalid binary character" errors. */
export const ALLOWED_CHARACTERS_TEXT =
  "#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]";

/** The first code point of `text` that SQS refuses, or undefined when every character is allowed. */
export function firstInvalidCodePoint(text: string): number | undefined {
  const match = INVALID_CHARACTER.exec(text);
  return match === null ? undefined : text.codePointAt(match.index);
}

/**
 * A code point as SQS names it in its errors: "#x" and upper-case hex without padding, as in AWS's answers
 * "Invalid binary character '#x7' …" (asim/nitro-plugins#437) and "'#xFFFF'" (psd401/aistudio#1525).
 */
export function formatCodePoint(codePoint: number): string {
  return `#x${codePoint.toString(16).toUpperCase()}`;
}
