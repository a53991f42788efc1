/**
 * The child's side of a crash test: how a worker tells its parent, one stdout line per fact, what it has
 * done before a SIGKILL cuts it short, and how it starts and dies with its parent.
 */
import { writeSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Durability } from "../../../src/store/sqlite/index.js";
import { seededRandom } from "./seeded-random.js";

/**
 * What a worker's stdout line states. Each line is `<KIND> <body>`; what the body holds is the worker's
 * own (READY's is the run id). An ACK is written only once its call resolved and a DEL only once its
 * delete did; SEND and DELETING precede their calls.
 */
export const WorkerLine = {
  /** The store is open and the worker's resources exist; the producers and the consumers start. */
  Ready: "READY",
  /** About to send: it may or may not be committed. */
  Send: "SEND",
  /** The send resolved for it: it is acknowledged and must never be lost. */
  Ack: "ACK",
  /** ReceiveMessage returned it. */
  Got: "GOT",
  /** About to delete it: the delete may or may not be committed. */
  Deleting: "DELETING",
  /** The delete resolved for it: it must never come back. */
  Del: "DEL",
} as const;
export type WorkerLine = (typeof WorkerLine)[keyof typeof WorkerLine];

/**
 * Writes lines to stdout with write(2) before returning. process.stdout.write is asynchronous on a pipe:
 * a line still in its buffer dies with the process, and the parent would miss an ACK that was given.
 * Node may have made the pipe non-blocking, so a full pipe (EAGAIN) is waited out until the parent reads.
 */
export function emit(kind: WorkerLine, bodies: readonly string[]): void {
  if (bodies.length === 0) return;
  const buffer = Buffer.from(bodies.map((body) => `${kind} ${body}\n`).join(""));
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Resolves after `ms` milliseconds, or on the next turn for 0. */
export function pause(ms: number): Promise<void> {
  return new Promise((done) => (ms === 0 ? setImmediate(done) : setTimeout(done, ms)));
}

/** What a worker's command line says: `<dataDirectory> <normal|full> <runId> <seed>`. */
export interface WorkerArguments {
  readonly dataDirectory: string;
  readonly durability: Durability;
  /** Unique per run on a data directory: what the worker's bodies or markers start with. */
  readonly runId: string;
  /** Seeded by the command line's seed: the worker's choices. */
  readonly random: () => number;
}

/** Reads a worker's command line; `name` is the worker's file, for the usage message. */
export function parseWorkerArguments(argv: readonly string[], name: string): WorkerArguments {
  const [dataDirectory, durabilityText, runId, seedText] = argv;
  if (dataDirectory === undefined || runId === undefined || seedText === undefined) {
    throw new Error(`usage: ${name} <dataDirectory> <normal|full> <runId> <seed>`);
  }
  const durability = Object.values(Durability).find((d) => d === durabilityText);
  if (durability === undefined) {
    throw new Error(`durability must be "normal" or "full", not ${durabilityText}`);
  }
  return { dataDirectory, durability, runId, random: seededRandom(Number(seedText)) };
}

/**
 * Runs `main` with the command line's arguments when the module at `moduleUrl` is the process's entry
 * point (and not merely imported by its test), and exits with the worker's name and the error's stack on
 * stderr if it fails.
 */
export function runAsWorker(
  moduleUrl: string,
  name: string,
  main: (argv: readonly string[]) => Promise<never>,
): void {
  const entryPoint = process.argv[1];
  if (entryPoint === undefined || moduleUrl !== pathToFileURL(resolve(entryPoint)).href) return;
  // The parent's end of stdin closes when the parent dies: no worker outlives its test.
  process.stdin.on("end", () => process.exit(3)).resume();
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
