import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";

const run = promisify(execFile);

describe("switchyard start", () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  test("runs the shop app from a fresh data directory, publishes the sample orders and stops when idle", async () => {
    const data = mkdtempSync(join(tmpdir(), "switchyard-start-"));
    directories.push(data);
    const { stdout } = await run(
      process.execPath,
      [
        "bin/switchyard.js",
        "start",
        "examples/shop/app.ts",
        "--data",
        data,
        "--publish",
        "examples/shop/sample-orders.ts",
        "--exit-when-idle",
      ],
      { timeout: 60_000 },
    );
    expect(stdout).toContain("shop: 7 functions running (worker)");
    expect(stdout).toContain("published 3 events");
    expect(stdout).toMatch(/\[SendReceipt\] .*INFO\tsending: Receipt for order ord-1001: 59.9 EUR/);
    expect(stdout).toMatch(/\[FulfillOrder\] .*INFO\tshipping ord-1002/);
  }, 60_000);

  test("refuses an app with problems, naming each", async () => {
    const failure = await run(process.execPath, [
      "bin/switchyard.js",
      "start",
      "test/shop/fixtures/broken-app.ts",
      "--data",
      ":memory:",
    ]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('✗ rules.r.targets[0]: queue "missing" is not defined in queues');
  }, 30_000);
});
