import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { stopChild, watchOutput } from "../support/child-process.js";

/** An app file with `count` functions, all on one handler. */
const appWith = (count: number) =>
  `export default { name: "dev", functions: { ${Array.from({ length: count }, (_, i) => `f${i}: { handler: "handler.handler" }`).join(", ")} } };\n`;

describe("switchyard dev", () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  test("runs the app again when its file changes, and stops cleanly on SIGTERM", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-dev-"));
    directories.push(directory);
    writeFileSync(join(directory, "handler.mts"), "export const handler = async () => 'ok';\n");
    writeFileSync(join(directory, "app.mts"), appWith(1));
    const child = spawn(
      process.execPath,
      [
        "bin/switchyard.js",
        "dev",
        join(directory, "app.mts"),
        "--data",
        join(directory, "data"),
        "--in-process",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const output = watchOutput(child);
    const seen = (text: string) => output.waitFor(text);
    try {
      await seen("dev: 1 functions running");
      writeFileSync(join(directory, "app.mts"), appWith(2));
      await seen("dev: 2 functions running");
      expect(output.text()).toContain("↻ change seen; reloading (1)");
      // The store lies inside the watched folder: its own writes must not count as changes.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(output.text()).not.toContain("reloading (2)");
    } finally {
      expect(await stopChild(child)).toBe(0);
    }
  }, 30_000);
});
