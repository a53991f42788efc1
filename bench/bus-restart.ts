/**
 * bench/bus restart: fills one Switchyard queue (durability NORMAL) with BENCH_BUS_RESTART_MESSAGES
 * (1,000,000) messages of 300 bytes through SendMessageBatch, closes it, and then
 *  - divides the bytes of the data directory's files by the message count (closing checkpoints the WAL
 *    into the database file and removes it), and
 *  - times, in a fresh child process, createSwitchyard + the first ReceiveMessage that returns a message:
 *    first with the database still in the OS page cache from the fill ("warm"), then after evicting this
 *    file's pages with `dd iflag=nocache` ("cold", as after a reboot; the disk's own cache stays). The
 *    resident share of the file (fincore) is reported beside each.
 */
import { spawnSync } from "node:child_process";
import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSwitchyard } from "../src/switchyard.js";
import { printTable } from "./support/measure.js";

const MESSAGES = Number(process.env.BENCH_BUS_RESTART_MESSAGES ?? 1_000_000);
const MESSAGE_BYTES = 300;
/** SendMessageBatch calls in flight at once, so group commit has batches to join. */
const SENDERS = 32;
/** Probes per cache state; the table shows the median and the worst. */
const PROBES = 3;
const QUEUE = "restart";
/** The issue's targets. */
export const TARGET_RESTART_MS = 250;
export const TARGET_BYTES_PER_MESSAGE = 450;
const PROBE_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "support", "restart-probe.ts");

/** What one child process measured. */
interface Probe {
  readonly importMs: number;
  readonly openMs: number;
  readonly firstMessageMs: number;
  readonly receives: number;
  /** Bytes of the data directory's files in the page cache when the child started, or null if unknown. */
  readonly residentBytesBefore: number | null;
  /** From spawn to exit, Node's and tsx's start-up included. */
  readonly processMs: number;
}

/** The restart figures. */
export interface RestartResult {
  readonly messages: number;
  readonly messageBytes: number;
  readonly fillSeconds: number;
  readonly fillMessagesPerSecond: number;
  readonly files: Record<string, number>;
  readonly bytesPerMessage: number;
  readonly warm: Probe[];
  readonly cold: Probe[];
}

async function fill(directory: string): Promise<number> {
  const switchyard = createSwitchyard({ dataDirectory: directory, durability: "normal" });
  try {
    await switchyard.queues.createQueue({ QueueName: QUEUE });
    const body = "m".repeat(MESSAGE_BYTES);
    const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: body }));
    const start = performance.now();
    let sent = 0;
    const send = async () => {
      while (sent < MESSAGES) {
        const count = Math.min(10, MESSAGES - sent);
        sent += count;
        const result = await switchyard.queues.sendMessageBatch(QUEUE, entries.slice(0, count));
        if (result.Failed.length > 0)
          throw new Error(`SendMessageBatch failed: ${JSON.stringify(result.Failed)}`);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, send));
    return (performance.now() - start) / 1000;
  } finally {
    await switchyard.close();
  }
}

function dataFiles(directory: string): string[] {
  return readdirSync(directory).map((name) => join(directory, name));
}

/** Bytes of the files in the page cache, per fincore, or null when fincore is not there. */
function residentBytes(files: readonly string[]): number | null {
  const result = spawnSync("fincore", ["--bytes", "--noheadings", "--output", "RES", ...files], {
    encoding: "utf8",
  });
  if (result.status !== 0) return null;
  return result.stdout
    .trim()
    .split("\n")
    .reduce((sum, line) => sum + Number(line.trim()), 0);
}

/** Writes the files' pages back and asks the kernel to drop them from its cache (GNU dd's nocache). */
function evict(files: readonly string[]): void {
  for (const file of files) {
    const fd = openSync(file, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const result = spawnSync("dd", [`if=${file}`, "iflag=nocache", "count=0", "status=none"], {
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`dd could not evict ${file}: ${result.stderr}`);
  }
}

function probe(directory: string): Probe {
  const residentBytesBefore = residentBytes(dataFiles(directory));
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", PROBE_SCRIPT, directory, QUEUE], {
    encoding: "utf8",
  });
  const processMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`restart probe failed (${result.status}): ${result.stderr}`);
  const timings = JSON.parse(result.stdout) as Omit<Probe, "residentBytesBefore" | "processMs">;
  return { ...timings, residentBytesBefore, processMs };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

/** Fills, measures the disk, restarts warm and cold, and prints the figures. */
export async function reportBusRestart(): Promise<RestartResult> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-restart-"));
  try {
    const fillSeconds = await fill(directory);
    const files = Object.fromEntries(dataFiles(directory).map((file) => [file, statSync(file).size]));
    const totalBytes = Object.values(files).reduce((sum, size) => sum + size, 0);
    const warm = Array.from({ length: PROBES }, () => probe(directory));
    const cold = Array.from({ length: PROBES }, () => {
      evict(dataFiles(directory));
      return probe(directory);
    });
    const result: RestartResult = {
      messages: MESSAGES,
      messageBytes: MESSAGE_BYTES,
      fillSeconds,
      fillMessagesPerSecond: MESSAGES / fillSeconds,
      files: Object.fromEntries(
        Object.entries(files).map(([file, size]) => [file.slice(directory.length + 1), size]),
      ),
      bytesPerMessage: totalBytes / MESSAGES,
      warm,
      cold,
    };
    printRestart(result);
    return result;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function printRestart(r: RestartResult): void {
  const totalBytes = Object.values(r.files).reduce((sum, size) => sum + size, 0);
  console.log(
    `\nbench/bus restart — ${r.messages.toLocaleString("en-US")} queued messages of ${r.messageBytes} bytes, filled by SendMessageBatch in ${r.fillSeconds.toFixed(1)} s (${Math.round(r.fillMessagesPerSecond).toLocaleString("en-US")} messages/s)`,
  );
  console.log(
    `disk: ${Object.entries(r.files)
      .map(([file, size]) => `${file} ${size.toLocaleString("en-US")} B`)
      .join(
        ", ",
      )} → ${r.bytesPerMessage.toFixed(1)} bytes per message (target ≤ ${TARGET_BYTES_PER_MESSAGE}; total ${(totalBytes / 2 ** 20).toFixed(1)} MiB)`,
  );
  const row = (cache: string, probes: readonly Probe[]) => {
    const resident = probes.map((p) => p.residentBytesBefore);
    return {
      "page cache": cache,
      "resident before": resident.every((b) => b !== null)
        ? `${Math.round((100 * median(resident as number[])) / totalBytes)}%`
        : "unknown",
      "open ms (median)": Number(median(probes.map((p) => p.openMs)).toFixed(1)),
      "first message ms (median)": Number(median(probes.map((p) => p.firstMessageMs)).toFixed(1)),
      "first message ms (worst)": Number(Math.max(...probes.map((p) => p.firstMessageMs)).toFixed(1)),
      "code load ms": Number(median(probes.map((p) => p.importMs)).toFixed(0)),
      "whole process ms": Number(median(probes.map((p) => p.processMs)).toFixed(0)),
    };
  };
  printTable(
    `restart → first message: createSwitchyard + first ReceiveMessage returning a message, fresh child process, ${PROBES} runs each (target ≤ ${TARGET_RESTART_MS} ms)`,
    [row("warm", r.warm), row("cold", r.cold)],
  );
}
