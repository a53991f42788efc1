/**
 * Running a Python script with Debian's boto3 against the endpoint. Debian's python3 (/usr/bin/python3, which
 * has python3-boto3; not whichever python3 is first on PATH) runs it. .ci/run installs python3-boto3, and
 * under CI=true its absence fails the tests; on a user's machine without it they are skipped, saying so.
 */
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "vitest";

const DEBIAN_PYTHON = "/usr/bin/python3";
const run = promisify(execFile);

/** Whether Debian's boto3 is there. */
const boto3Available = (() => {
  try {
    execFileSync(DEBIAN_PYTHON, ["-c", "import boto3"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A test that needs boto3: skipped, with the reason in its name, where it is missing outside CI. */
export function testWithBoto3(name: string, body: () => Promise<void>, timeoutMs?: number): void {
  const missing = boto3Available ? "" : " (python3-boto3 not installed: apt-get install python3-boto3)";
  test.skipIf(!boto3Available && process.env.CI !== "true")(`${name}${missing}`, body, timeoutMs);
}

/** Runs fixtures/<script> with Debian's python and `args`; resolves with its stdout. */
export async function runBoto3Script(script: string, args: readonly string[]): Promise<string> {
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  const { stdout } = await run(DEBIAN_PYTHON, [path, ...args], { timeout: 30_000 });
  return stdout;
}
