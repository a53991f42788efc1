import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { stopChild, watchOutput } from "../support/child-process.js";

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
        "--port",
        "0",
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
      "--port",
      "0",
    ]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('✗ rules.r.targets[0]: queue "missing" is not defined in queues');
  }, 30_000);
});

describe("switchyard start without an app", () => {
  test.each(["SIGTERM", "SIGINT"] as const)(
    "serves an empty account on its port and stops cleanly on %s (Ctrl-C is SIGINT), run as `npx switchyard` runs it",
    async (signal) => {
      const { spawn } = await import("node:child_process");
      const data = mkdtempSync(join(tmpdir(), "switchyard-serve-"));
      // What `npx switchyard` runs after `npm ci`: the package's own bin, linked by its self-dependency.
      const child = spawn("node_modules/.bin/switchyard", ["start", "--port", "0", "--data", data], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        const [, url] = await watchOutput(child).waitFor(/AWS endpoint on (http:\/\/[\d.]+:\d+)/);
        const answer = await fetch(url ?? "", {
          method: "POST",
          headers: { "x-amz-target": "AmazonSQS.ListQueues", "content-type": "application/x-amz-json-1.0" },
          body: "{}",
        });
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({});
      } finally {
        expect(await stopChild(child, signal)).toBe(0);
        rmSync(data, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
