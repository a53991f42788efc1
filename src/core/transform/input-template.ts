/**
 * How EventBridge reads an InputTemplate. A template whose first non-blank character is `{` is a JSON template:
 * where a placeholder sits (inside a JSON string or not) decides how its value is written, and the result must
 * be valid JSON. Any other template is text: values are written as text wherever they sit and the result is
 * delivered as is (the corpus has a multi-line template of several quoted strings that AWS delivered unchanged).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html ("If InputTemplate is a
 * JSON object (surrounded by curly braces)…")
 */
export const TemplateFormat = Object.freeze({ Json: "json", Text: "text" } as const);
/** Whether a template is JSON or text. */
export type TemplateFormat = (typeof TemplateFormat)[keyof typeof TemplateFormat];

/** A piece of a parsed template: fixed text, or a `<name>` placeholder and whether it sits inside a JSON string. */
export type TemplateSegment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "placeholder"; readonly name: string; readonly inString: boolean };

/** A template split into its pieces, once, at PutTargets time. */
export interface ParsedInputTemplate {
  readonly format: TemplateFormat;
  readonly segments: readonly TemplateSegment[];
  /** Every distinct placeholder name, in order of first use. */
  readonly placeholderNames: readonly string[];
  /** Placeholders used as (or inside) an object key in a JSON template, which AWS does not allow. */
  readonly objectKeyPlaceholders: readonly string[];
}

const JSON_WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

function nextNonBlank(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && JSON_WHITESPACE.has(text.charAt(i))) i++;
  return text[i];
}

function formatOf(template: string): TemplateFormat {
  return nextNonBlank(template, 0) === "{" ? TemplateFormat.Json : TemplateFormat.Text;
}

/**
 * Splits a template into literals and placeholders. Any `<…>` without `<` or `>` inside is a placeholder, even
 * inside a JSON string: AWS has no escape for `<` and `>` and rejects a template whose placeholder is not defined
 * (corpus case `test_put_events_with_input_transformer_missing_keys`).
 */
export function parseInputTemplate(template: string): ParsedInputTemplate {
  const format = formatOf(template);
  const tracksStrings = format === TemplateFormat.Json;
  const segments: TemplateSegment[] = [];
  const names = new Set<string>();
  const objectKeyNames = new Set<string>();
  let literalStart = 0;
  let inString = false;
  let placeholdersInString: string[] = [];

  const pushLiteral = (end: number): void => {
    if (end > literalStart) segments.push({ kind: "literal", text: template.slice(literalStart, end) });
  };

  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === "<") {
      let close = i + 1;
      while (close < template.length && template[close] !== ">" && template[close] !== "<") close++;
      if (template[close] !== ">") continue;
      const name = template.slice(i + 1, close);
      pushLiteral(i);
      segments.push({ kind: "placeholder", name, inString });
      names.add(name);
      if (inString) placeholdersInString.push(name);
      else if (tracksStrings && nextNonBlank(template, close + 1) === ":") objectKeyNames.add(name);
      literalStart = close + 1;
      i = close;
    } else if (tracksStrings && inString && char === "\\") {
      // Skip the escaped character so `\"` does not end the string; `\<` still starts a placeholder.
      if (template[i + 1] === '"' || template[i + 1] === "\\") i++;
    } else if (tracksStrings && char === '"') {
      if (inString && placeholdersInString.length > 0 && nextNonBlank(template, i + 1) === ":") {
        for (const name of placeholdersInString) objectKeyNames.add(name);
      }
      inString = !inString;
      placeholdersInString = [];
    }
  }
  pushLiteral(template.length);
  return {
    format,
    segments,
    placeholderNames: [...names],
    objectKeyPlaceholders: [...objectKeyNames],
  };
}
