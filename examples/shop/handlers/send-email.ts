import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";

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

/** An SQS-fed handler: only the records that fail return to the queue (ReportBatchItemFailures). */
export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, sendEmail, processor, { context });
