import type { SQSEvent } from "aws-lambda";

/** Counts the shop's events by type, a batch at a time. */
export async function handler(event: SQSEvent): Promise<void> {
  const counts = new Map<string, number>();
  for (const record of event.Records) {
    const type = (JSON.parse(record.body) as { "detail-type": string })["detail-type"];
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  console.log(`analytics: ${[...counts].map(([type, n]) => `${n} × ${type}`).join(", ")}`);
}
