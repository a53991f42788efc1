/** Helpers for tests that run the CLI as a child process and read what it prints. */
import type { ChildProcessByStdio, ChildProcessWithoutNullStreams } from "node:child_process";
import type { Readable } from "node:stream";

/** A child whose stdout is piped. */
type PipedChild = ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, null>;

/** Waits for the output to match: a pattern gives its match, a text itself. */
interface WaitForOutput {
  (pattern: RegExp): Promise<RegExpExecArray>;
  (text: string): Promise<string>;
}

/**
 * Everything a child has printed so far, and a wait for its output (all of it since the start) to match:
 * resolves with the match, rejects if the child exits first.
 */
export function watchOutput(child: PipedChild): {
  readonly text: () => string;
  readonly waitFor: WaitForOutput;
} {
  let output = "";
  const waiters = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of [...waiters]) check();
  });
  return {
    text: () => output,
    waitFor: ((pattern: RegExp | string) =>
      new Promise<RegExpExecArray | string>((resolve, reject) => {
        const check = () => {
          const found =
            typeof pattern === "string" ? (output.includes(pattern) ? pattern : null) : pattern.exec(output);
          if (found === null) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        child.once("exit", () => {
          if (waiters.delete(check)) reject(new Error(`exited before ${String(pattern)}:\n${output}`));
        });
        check();
      })) as WaitForOutput,
  };
}

/** Sends a signal (SIGTERM unless told) and resolves with the exit code once the child has exited. */
export function stopChild(child: PipedChild, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill(signal);
  return exited;
}
