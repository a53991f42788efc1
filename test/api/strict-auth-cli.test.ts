import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, test } from "vitest";
import { stopChild, watchOutput } from "../support/child-process.js";
import { REGION } from "./api-fixture.js";

const run = promisify(execFile);

/** The environment without strict mode's variables, whatever the test runner's shell has. */
function environmentWithout(): NodeJS.ProcessEnv {
  const { SWITCHYARD_ACCESS_KEY_ID: _id, SWITCHYARD_SECRET_ACCESS_KEY: _secret, ...rest } = process.env;
  return rest;
}

describe("switchyard start: exposing the endpoint", () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  test("--host 0.0.0.0 without credentials exits 1 before opening the data directory", async () => {
    const data = join(mkdtempSync(join(tmpdir(), "switchyard-strict-")), "data");
    directories.push(data);
    const failure = await run(
      process.execPath,
      ["bin/switchyard.js", "start", "--host", "0.0.0.0", "--port", "0", "--data", data],
      { env: environmentWithout(), timeout: 20_000 },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      "Switchyard: Refusing to serve the AWS endpoint on 0.0.0.0 without credentials",
    );
    expect(existsSync(data)).toBe(false);
  }, 20_000);

  test("SWITCHYARD_ACCESS_KEY_ID and SWITCHYARD_SECRET_ACCESS_KEY turn strict mode on, on loopback too", async () => {
    const data = mkdtempSync(join(tmpdir(), "switchyard-strict-"));
    directories.push(data);
    const credentials = { accessKeyId: "AKIACLIEXAMPLE", secretAccessKey: "cli-secret-access-key" };
    const child = spawn(process.execPath, ["bin/switchyard.js", "start", "--port", "0", "--data", data], {
      env: {
        ...environmentWithout(),
        SWITCHYARD_ACCESS_KEY_ID: credentials.accessKeyId,
        SWITCHYARD_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [, url = ""] = await watchOutput(child).waitFor(
        /AWS endpoint on (http:\/\/[\d.]+:\d+) .*SigV4 required: access key AKIACLIEXAMPLE/,
      );
      const unsigned = await fetch(url, {
        method: "POST",
        headers: { "x-amz-target": "AmazonSQS.ListQueues", "content-type": "application/x-amz-json-1.0" },
        body: "{}",
      });
      expect(unsigned.status).toBe(403);
      const sqs = new SQSClient({ endpoint: url, region: REGION, credentials });
      expect((await sqs.send(new ListQueuesCommand({}))).$metadata.httpStatusCode).toBe(200);
    } finally {
      await stopChild(child);
    }
  }, 20_000);
});
