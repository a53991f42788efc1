/**
 * The child process of bench/bus restart: `node --import tsx restart-probe.ts <dataDirectory> <queue>`.
 * Loads Switchyard's code first (timed apart: that is Node and tsx, not the store), then times
 * createSwitchyard and the first ReceiveMessage that returns a message, and prints the timings as JSON.
 */
const [dataDirectory, queue] = process.argv.slice(2);
if (dataDirectory === undefined || queue === undefined) {
  throw new Error("usage: restart-probe.ts <dataDirectory> <queue>");
}
const importStart = performance.now();
const { createSwitchyard } = await import("../../src/switchyard.js");
const start = performance.now();
const switchyard = createSwitchyard({ dataDirectory });
const openedAt = performance.now();
let receives = 0;
let messages: readonly unknown[] = [];
while (messages.length === 0) {
  receives++;
  messages = await switchyard.queues.receiveMessage(queue, { MaxNumberOfMessages: 1, WaitTimeSeconds: 0 });
  if (receives === 1000) throw new Error(`no message in ${queue} after 1,000 receives`);
}
const firstMessageAt = performance.now();
await switchyard.close();
process.stdout.write(
  `${JSON.stringify({
    importMs: start - importStart,
    openMs: openedAt - start,
    firstMessageMs: firstMessageAt - start,
    receives,
  })}\n`,
);
