/**
 * bench/api SQS: how many SQS requests a second `switchyard start` answers over loopback, each question on a
 * fresh server in a child process (SQLite, durability NORMAL, a standard queue), asked by BENCH_API_CALLERS
 * (16) concurrent callers on keep-alive connections, each sending its next request when the last one
 * returned, for BENCH_API_SECONDS (10 s) after BENCH_API_WARMUP_SECONDS (2 s). Asked through one shared
 * @aws-sdk/client-sqs client, then by the light client (the same requests without the SDK's per-call work).
 * The questions: SendMessage of a ~300-byte order (AWS JSON 1.0, what the SDK speaks); the same over SQS's
 * query protocol (form POSTs — no current SDK speaks it, so the light client only); ReceiveMessage
 * (MaxNumberOfMessages 10) + DeleteMessageBatch on a queue filled with BENCH_API_PREFILL (300,000) messages
 * first.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import {
  type ApiQuestionResult,
  type ApiSession,
  CALLERS,
  Client,
  loopAgainst,
  MEAN_BODY_BYTES,
  ORDER_BODIES,
  onFreshEndpoint,
  questionRows,
  SECONDS,
  WARMUP_SECONDS,
} from "./support/api-questions.js";
import { printTable } from "./support/measure.js";
import type { WireClient } from "./support/wire-client.js";

const PREFILL = Number(process.env.BENCH_API_PREFILL ?? 300_000);
const JSON_1_0 = "application/x-amz-json-1.0";

/** Asks `question` on a fresh server with an SQS client of its own, destroyed afterwards. */
function withSqs<T>(question: (session: ApiSession, sqs: SQSClient) => Promise<T>): Promise<T> {
  return onFreshEndpoint(async (session) => {
    const sqs = new SQSClient(session.sdkConfig);
    try {
      return await question(session, sqs);
    } finally {
      sqs.destroy();
    }
  });
}

async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (QueueUrl === undefined) throw new Error(`CreateQueue ${name} answered no QueueUrl`);
  return QueueUrl;
}

function sendMessageJson(client: Client): Promise<ApiQuestionResult> {
  return withSqs(async ({ endpoint, wire }, sqs) => {
    const QueueUrl = await createQueue(sqs, "bench-send");
    const send: (MessageBody: string) => Promise<unknown> =
      client === Client.Sdk
        ? (MessageBody: string) => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }))
        : (MessageBody: string) => wire.json(JSON_1_0, "AmazonSQS.SendMessage", { QueueUrl, MessageBody });
    let next = 0;
    const loop = await loopAgainst(endpoint, async (meter) => {
      const body = ORDER_BODIES[next++ % ORDER_BODIES.length] as string;
      await meter.request("SendMessage", () => send(body));
    });
    return { question: "SendMessage, AWS JSON 1.0", client, loop };
  });
}

function sendMessageQuery(): Promise<ApiQuestionResult> {
  return withSqs(async ({ endpoint, wire }, sqs) => {
    const { pathname } = new URL(await createQueue(sqs, "bench-send-query"));
    const forms = ORDER_BODIES.map((MessageBody) =>
      new URLSearchParams({ Action: "SendMessage", Version: "2012-11-05", MessageBody }).toString(),
    );
    let next = 0;
    const loop = await loopAgainst(endpoint, async (meter) => {
      const form = forms[next++ % forms.length] as string;
      await meter.request("SendMessage", () => wire.form(pathname, form));
    });
    return { question: "SendMessage, query protocol", client: Client.Wire, loop };
  });
}

/**
 * Sends `messages` bodies with SendMessageBatch (10 a request) from CALLERS light callers, the quickest way
 * to fill; returns messages/s.
 */
async function fill(wire: WireClient, QueueUrl: string, messages: number): Promise<number> {
  let sent = 0;
  const start = performance.now();
  const caller = async () => {
    while (sent < messages) {
      const first = sent;
      const count = Math.min(10, messages - first);
      sent += count;
      const Entries = Array.from({ length: count }, (_, i) => ({
        Id: String(i),
        MessageBody: ORDER_BODIES[(first + i) % ORDER_BODIES.length] as string,
      }));
      const { Failed = [] } = await wire.json(JSON_1_0, "AmazonSQS.SendMessageBatch", { QueueUrl, Entries });
      if ((Failed as unknown[]).length > 0)
        throw new Error(`SendMessageBatch failed: ${JSON.stringify(Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, caller));
  return messages / ((performance.now() - start) / 1000);
}

/** ReceiveMessage and DeleteMessageBatch as one client makes them. */
interface Consumer {
  receive(): Promise<readonly Pick<Message, "ReceiptHandle">[]>;
  delete(entries: { Id: string; ReceiptHandle: string }[]): Promise<readonly unknown[]>;
}

function consumerOf(client: Client, session: ApiSession, sqs: SQSClient, QueueUrl: string): Consumer {
  if (client === Client.Sdk) {
    return {
      receive: async () =>
        (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [],
      delete: async (Entries) =>
        (await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }))).Failed ?? [],
    };
  }
  const { wire } = session;
  return {
    receive: async () =>
      ((await wire.json(JSON_1_0, "AmazonSQS.ReceiveMessage", { QueueUrl, MaxNumberOfMessages: 10 }))
        .Messages ?? []) as Message[],
    delete: async (Entries) =>
      ((await wire.json(JSON_1_0, "AmazonSQS.DeleteMessageBatch", { QueueUrl, Entries })).Failed ??
        []) as unknown[],
  };
}

function receiveAndDelete(client: Client): Promise<ApiQuestionResult> {
  return withSqs(async (session, sqs) => {
    const QueueUrl = await createQueue(sqs, "bench-receive");
    const fillRate = await fill(session.wire, QueueUrl, PREFILL);
    const consumer = consumerOf(client, session, sqs, QueueUrl);
    const loop = await loopAgainst(session.endpoint, async (meter) => {
      const messages = await meter.request("ReceiveMessage", () => consumer.receive());
      if (messages.length === 0) {
        meter.count("empty receives", 1);
        return;
      }
      const entries = messages.map((message, i) => ({
        Id: String(i),
        ReceiptHandle: message.ReceiptHandle ?? "",
      }));
      const failed = await meter.request("DeleteMessageBatch", () => consumer.delete(entries));
      if (failed.length > 0) throw new Error(`DeleteMessageBatch failed: ${JSON.stringify(failed)}`);
      meter.count("messages", messages.length);
    });
    const empty = loop.totals["empty receives"] ?? 0;
    const fillNote = `filled with ${PREFILL.toLocaleString("en-US")} messages by SendMessageBatch at ${Math.round(fillRate).toLocaleString("en-US")} messages/s`;
    return {
      question: "ReceiveMessage (10) + DeleteMessageBatch",
      client,
      unit: "messages",
      loop,
      note:
        empty === 0
          ? fillNote
          : `${fillNote}; the queue ran dry (${empty} empty receives): raise BENCH_API_PREFILL`,
    };
  });
}

/** Measures every SQS question with both clients and prints one table. */
export async function reportApiSqs(): Promise<{ results: ApiQuestionResult[] }> {
  const results: ApiQuestionResult[] = [];
  for (const client of [Client.Sdk, Client.Wire]) results.push(await sendMessageJson(client));
  results.push(await sendMessageQuery());
  for (const client of [Client.Sdk, Client.Wire]) results.push(await receiveAndDelete(client));
  printTable(
    `bench/api SQS — ${CALLERS} concurrent callers, keep-alive, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up; standard queue, SQLite NORMAL, server in a child process; bodies ${Math.round(MEAN_BODY_BYTES)} bytes on average`,
    questionRows(results),
  );
  for (const result of results) {
    if (result.note !== undefined) console.log(`${result.question} (${result.client}): ${result.note}`);
  }
  console.log(
    "CPU: of one core over the measured window, and per request — the client (this process) and the server (switchyard start, every thread).",
  );
  return { results };
}
