/**
 * The child process of mapping-crash.test.ts: runs an app on the SQLite store and creates and deletes event
 * source mappings as Lambda's API does, until it is killed with SIGKILL, telling its parent on stdout what it
 * has done.
 *
 * Run as `node --import tsx test/crash/mapping-worker.ts <dataDirectory> <durability> <runId> <seed>`.
 * For each mapping it creates a queue `<runId>-<n>` first. Lines: `SEND <queue>` before the create,
 * `ACK <queue>/<uuid>` once it resolved; `DELETING <uuid>` before a delete, `DEL <uuid>` once it resolved.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkApp, defineApp } from "../../src/core/app/index.js";
import type { AppRuntime } from "../../src/runtime/app/app-runtime.js";
import type { Durability } from "../../src/store/sqlite/index.js";
import { createSwitchyard, type Switchyard } from "../../src/switchyard.js";
import { emit, parseWorkerArguments, pause, runAsWorker, WorkerLine } from "./support/worker-process.js";

/** This file's path, for spawning it. */
export const MAPPING_WORKER_PATH = fileURLToPath(import.meta.url);

/** The function every mapping feeds. */
export const CRASH_FUNCTION = "Sink";

/** One function, no mappings of its own: every mapping is made as Lambda's API makes them. */
const crashApp = defineApp({
  name: "mapping-crash",
  functions: { [CRASH_FUNCTION]: { handler: "lambda-handlers.echo" } },
});

/** More live mappings than this and the worker deletes one before it creates the next. */
const MAX_LIVE = 20;

/** The worker's Switchyard and app, as the test's check opens them too. */
export async function openMappingApp(
  dataDirectory: string,
  durability: Durability,
): Promise<{ readonly switchyard: Switchyard; readonly runtime: AppRuntime }> {
  const switchyard = createSwitchyard({ dataDirectory, durability, onDeliveryFailure: () => {} });
  const runtime = await switchyard.startApp(checkApp(crashApp).app, {
    baseDirectory: join(dirname(MAPPING_WORKER_PATH), "..", "api", "fixtures"),
    mode: "in-process",
  });
  return { switchyard, runtime };
}

async function main(argv: readonly string[]): Promise<never> {
  const { dataDirectory, durability, runId, random } = parseWorkerArguments(argv, "mapping-worker.ts");
  const { switchyard, runtime } = await openMappingApp(dataDirectory, durability);
  const live = runtime.mappings.list().map((mapping) => mapping.UUID);
  emit(WorkerLine.Ready, [runId]);
  for (let n = 0; ; n++) {
    if (live.length > MAX_LIVE || (live.length > 0 && random() < 0.3)) {
      const [uuid] = live.splice(Math.floor(random() * live.length), 1);
      if (uuid === undefined) continue;
      emit(WorkerLine.Deleting, [uuid]);
      await runtime.mappings.delete(uuid);
      emit(WorkerLine.Del, [uuid]);
      continue;
    }
    const queue = `${runId}-${n}`;
    emit(WorkerLine.Send, [queue]);
    await switchyard.queues.createQueue({ QueueName: queue });
    const { UUID } = await runtime.mappings.create({
      queue,
      function: CRASH_FUNCTION,
      batchSize: 1 + Math.floor(random() * 10),
    });
    emit(WorkerLine.Ack, [`${queue}/${UUID}`]);
    live.push(UUID);
    await pause(0);
  }
}

runAsWorker(import.meta.url, "mapping-worker", main);
