import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";

const run = promisify(execFile);
const BOTO3_SCRIPT = fileURLToPath(new URL("./fixtures/events_boto3.py", import.meta.url));
/** Debian's python, which has python3-boto3 (.ci/run installs it); not whichever python3 is first on PATH. */
const DEBIAN_PYTHON = "/usr/bin/python3";
/**
 * Whether Debian's boto3 is there. .ci/run installs it, and under CI=true its absence fails the test; on a
 * user's machine without it the test is skipped, saying so.
 */
const boto3Available = (() => {
  try {
    execFileSync(DEBIAN_PYTHON, ["-c", "import boto3"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("EventBridge through Debian's boto3", () => {
  test.skipIf(!boto3Available && process.env.CI !== "true")(
    `put_events (Detail as a JSON string, Time as a datetime) reaches the rule's target queue, read with receive_message${boto3Available ? "" : " (python3-boto3 not installed: apt-get install python3-boto3)"}`,
    async () => {
      const { api } = await startEndpoint();
      const { stdout } = await run(DEBIAN_PYTHON, [BOTO3_SCRIPT, api.url], { timeout: 30_000 });
      const report = JSON.parse(stdout) as {
        put_events: { failed: number; event_ids: string[] };
        [member: string]: unknown;
      };
      const [matchedId, unmatchedId] = report.put_events.event_ids;
      expect(report).toEqual({
        queue_arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:boto-order-events`,
        bus_arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/boto-shop`,
        rule_arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/boto-shop/big-orders`,
        put_targets_failed: 0,
        put_events: { failed: 0, event_ids: [expect.any(String), expect.any(String)] },
        // Only the order over 100 matches the rule's content filter.
        received_count: 1,
        events: [
          {
            version: "0",
            id: matchedId,
            "detail-type": "OrderPlaced",
            source: "shop.orders",
            account: ACCOUNT,
            // The datetime given to put_events, to the second, in UTC.
            time: "2024-05-17T09:30:15Z",
            region: REGION,
            resources: [],
            detail: { orderId: "o-42", total: 250, items: ["book", "lamp"] },
          },
        ],
        expected_time: "2024-05-17T09:30:15Z",
      });
      expect(unmatchedId).not.toBe(matchedId);
    },
    30_000,
  );
});
