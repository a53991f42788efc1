import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, EventBridgeEvent, SQSEvent, SQSRecord } from "aws-lambda";
import type { Order } from "./orders.js";

const processor = new BatchProcessor(EventType.SQS);

async function review(record: SQSRecord): Promise<void> {
  const event = JSON.parse(record.body) as EventBridgeEvent<"OrderCreated", Order>;
  const order = event.detail;
  console.log(`reviewing ${order.orderId} (${order.total}, ${order.customer?.country ?? "no country"})`);
}

/** Reviews large or foreign orders, reporting the records it could not process. */
export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, review, processor, { context });
