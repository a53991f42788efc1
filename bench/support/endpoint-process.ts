/**
 * Switchyard as users run it: `node bin/switchyard.js start --port 0` in a child process of its own, on the
 * SQLite store in a temp directory (durability NORMAL, the default), so the benchmark's clients do not share
 * the server's event loop. Stopped with SIGTERM, as Ctrl-C or a process manager stops it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/switchyard.js", import.meta.url));
/** A server that has not printed its endpoint by then will not. */
const START_TIMEOUT_MS = 30_000;
/** SIGTERM closes the endpoint and the store; a server still running after this is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** The line `switchyard start` prints once its endpoint listens. */
const ENDPOINT_LINE = /AWS endpoint on (http:\/\/\S+)/;

/** A running `switchyard start`. */
export interface EndpointProcess {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly pid: number;
  /** CPU seconds (user + system) the server has used so far; undefined where /proc is not there. */
  cpuSeconds(): number | undefined;
  /** SIGTERM, wait for the exit, remove the data directory. */
  stop(): Promise<void>;
}

/** What the child is started with. */
export interface EndpointProcessOptions {
  /** Writes a V8 CPU profile (node --cpu-prof) of the server into this directory when it stops. */
  readonly cpuProfileDirectory?: string | undefined;
}

/** Starts `switchyard start --port 0 --data <temp dir>` and waits for the endpoint it prints. */
export async function startEndpointProcess(options: EndpointProcessOptions = {}): Promise<EndpointProcess> {
  const data = mkdtempSync(join(tmpdir(), "switchyard-bench-api-"));
  const profile =
    options.cpuProfileDirectory === undefined
      ? []
      : ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDirectory];
  const child = spawn(process.execPath, [...profile, BIN, "start", "--port", "0", "--data", data], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  try {
    const url = await endpointUrl(child, exited, () => stderr);
    const pid = child.pid as number;
    return {
      url,
      pid,
      cpuSeconds: () => processCpuSeconds(pid),
      async stop() {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        const code = await exited;
        clearTimeout(timer);
        rmSync(data, { recursive: true, force: true });
        if (code !== 0) throw new Error(`switchyard start exited with ${code}: ${stderr.trim()}`);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    rmSync(data, { recursive: true, force: true });
    throw error;
  }
}

function endpointUrl(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(
      () => reject(new Error(`switchyard start printed no endpoint in ${START_TIMEOUT_MS} ms: ${stdout}`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      const match = ENDPOINT_LINE.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`switchyard start exited with ${code} before listening: ${stderr().trim()}`));
    });
  });
}

/** The kernel's clock ticks a second, which /proc/<pid>/stat counts CPU time in. */
let clockTicksPerSecond: number | undefined;

/** utime + stime of a process from /proc/<pid>/stat (Linux), in seconds. */
function processCpuSeconds(pid: number): number | undefined {
  if (process.platform !== "linux") return undefined;
  clockTicksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ")".
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Field 3 of the line (state) is index 0 here, so utime and stime (fields 14 and 15) are 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}
