import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSRecord } from "aws-lambda";
import type { HandlerEvent } from "../../../src/core/app/index.js";
import type app from "../app.js";

const processor = new BatchProcessor(EventType.SQS);

/** The confirmation e-mail its rule's input transformer shaped. */
interface EmailRequest {
  readonly to: string;
  readonly template: string;
  readonly orderId: string;
}

async function sendEmail(record: SQSRecord): Promise<void> {
  const email = JSON.parse(record.body) as EmailRequest;
  if (!email.to.includes("@")) throw new Error(`not an address: ${email.to}`);
  console.log(`e-mail ${email.template} to ${email.to} for ${email.orderId}`);
}

/**
 * An SQS-fed handler: only the records that fail return to the queue (ReportBatchItemFailures). Its event type
 * follows from the app: the "send-email" queue's mapping feeds it, so it is an SQSEvent.
 */
export const handler = async (event: HandlerEvent<typeof app, "SendEmail">, context: Context) =>
  processPartialResponse(event, sendEmail, processor, { context });
