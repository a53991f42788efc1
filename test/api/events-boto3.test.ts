import { describe, expect } from "vitest";
import { ACCOUNT, REGION, startEndpoint } from "./api-fixture.js";
import { runBoto3Script, testWithBoto3 } from "./boto3-fixture.js";

describe("EventBridge through Debian's boto3", () => {
  testWithBoto3(
    `put_events (Detail as a JSON string, Time as a datetime) reaches the rule's target queue, read with receive_message`,
    async () => {
      const { api } = await startEndpoint();
      const stdout = await runBoto3Script("events_boto3.py", [api.url]);
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
