/**
 * bench/api: issue 5's benchmark of the AWS-compatible endpoint — request rates through the AWS SDK v3 over
 * loopback with 16 concurrent callers on keep-alive connections, against `switchyard start` in a child
 * process: SendMessage, ReceiveMessage + DeleteMessageBatch (api-sqs.ts) and PutEvents (api-events.ts), each
 * asked again by a light client sending the same requests, which shows the server's own rate where the SDK's
 * client CPU on the same cores hides it. Ends with the figures against the targets, the peers' published
 * figures beside them, and the machine's load.
 */
import { reportApiEvents } from "./api-events.js";
import { reportApiSqs } from "./api-sqs.js";
import { type ApiQuestionResult, Client } from "./support/api-questions.js";
import { printTable, watchMachineLoad } from "./support/measure.js";

/** The target for SendMessage and PutEvents on this machine, requests/s. */
const TARGET_REQUESTS_PER_SECOND = 5_000;
/**
 * What the peers publish, printed for context (the figures): LocalStack's maintainers measured about
 * 230 SendMessage/s; ElasticMQ publishes about 2,500 messages/s over its REST API.
 */
export const PEERS_PUBLISHED = Object.freeze({
  localStackSendMessagePerSecond: 230,
  elasticMqMessagesPerSecond: 2_500,
});

/** Runs every endpoint question and prints how the figures compare with the targets. */
export async function reportApi(): Promise<unknown> {
  const machineLoad = watchMachineLoad();
  const sqs = await reportApiSqs();
  const events = await reportApiEvents();

  const verdict = (met: boolean) => (met ? "met" : "missed");
  const rate = (results: readonly ApiQuestionResult[], question: string, client: Client) =>
    results.find((r) => r.question === question && r.client === client)?.loop.requests[
      question.startsWith("PutEvents") ? "PutEvents" : "SendMessage"
    ]?.requestsPerSecond;
  const target = `≥ ${TARGET_REQUESTS_PER_SECOND.toLocaleString("en-US")}`;
  const rows: Record<string, string | number>[] = [];
  for (const client of [Client.Sdk, Client.Wire]) {
    for (const [figure, measured] of [
      ["SendMessage/s", rate(sqs.results, "SendMessage, AWS JSON 1.0", client)],
      ["PutEvents/s, 1 entry a request", rate(events.results, "PutEvents, 1 entry a request", client)],
    ] as const) {
      rows.push({
        figure: `${figure}, ${client}`,
        measured: measured === undefined ? "—" : Math.round(measured),
        target: client === Client.Sdk ? target : `${target} (the server alone)`,
        verdict: measured === undefined ? "—" : verdict(measured >= TARGET_REQUESTS_PER_SECOND),
      });
    }
  }
  const sendMessage = rate(sqs.results, "SendMessage, AWS JSON 1.0", Client.Sdk);
  if (sendMessage !== undefined) {
    rows.push({
      figure: `SendMessage/s, ${Client.Sdk}, beside LocalStack`,
      measured: Math.round(sendMessage),
      target: `LocalStack ≈ ${PEERS_PUBLISHED.localStackSendMessagePerSecond} (reference)`,
      verdict: `${(sendMessage / PEERS_PUBLISHED.localStackSendMessagePerSecond).toFixed(1)}×`,
    });
    rows.push({
      figure: `SendMessage/s, ${Client.Sdk}, beside ElasticMQ's messages/s`,
      measured: Math.round(sendMessage),
      target: `ElasticMQ ≈ ${PEERS_PUBLISHED.elasticMqMessagesPerSecond.toLocaleString("en-US")} (reference)`,
      verdict: `${(sendMessage / PEERS_PUBLISHED.elasticMqMessagesPerSecond).toFixed(1)}×`,
    });
  }
  printTable(
    "bench/api — against the issue's targets (the peers' published figures for reference, measured elsewhere)",
    rows,
  );
  const machine = machineLoad();
  return { machine, sqs, events, targets: rows };
}
