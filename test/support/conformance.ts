import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Locates ../shared/conformance (or $SWITCHYARD_CONFORMANCE_DIR). The corpus is other projects' data and
 * is never copied into the repository: on a user's fresh clone it is absent and the suites that need it
 * report one skipped test; under CI=true its absence is a failure.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const conformanceDir: string =
  process.env.SWITCHYARD_CONFORMANCE_DIR ?? join(repoRoot, "..", "shared", "conformance");

export const conformanceAvailable: boolean = existsSync(conformanceDir);

/** Whether the caller must fail (CI) rather than skip when the corpus is missing. */
export const conformanceRequired: boolean = process.env.CI === "true";

/** Reads one corpus file as parsed JSON. */
export function loadConformance<T>(fileName: string): T {
  return JSON.parse(readFileSync(join(conformanceDir, fileName), "utf8")) as T;
}

/**
 * Declares the suites that need the corpus. Without it: one skipped test saying so, or, under CI=true,
 * one failing test.
 */
export async function withConformance(suiteName: string, declare: () => void): Promise<void> {
  const { describe, test } = await import("vitest");
  if (conformanceAvailable) {
    describe(suiteName, declare);
    return;
  }
  test.skipIf(!conformanceRequired)(
    `${suiteName}: conformance corpus not found at ${conformanceDir} (set SWITCHYARD_CONFORMANCE_DIR)`,
    () => {
      throw new Error(`conformance corpus not found at ${conformanceDir}`);
    },
  );
}
