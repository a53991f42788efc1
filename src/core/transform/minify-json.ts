/**
 * Removes the whitespace between the tokens of valid JSON text, keeping every token's text as written (numbers
 * such as `1.0` or `12345678901234567890` are not re-serialised). AWS: "The JSON that is passed to the target is
 * minified" (Common Issues, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
 * The input must already be valid JSON: in valid JSON no two tokens are separated by whitespace alone, so
 * removing it cannot merge tokens.
 */
export function minifyJson(validJson: string): string {
  let out = "";
  let runStart = 0;
  let inString = false;
  for (let i = 0; i < validJson.length; i++) {
    const char = validJson[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      out += validJson.slice(runStart, i);
      runStart = i + 1;
    }
  }
  if (runStart === 0) return validJson;
  return out + validJson.slice(runStart);
}
